"""A stand-in cluster task for the launcher's tests (no TensorFlow, starts at once).

    python -m tests.experiments.tools.fake_task --behaviour=<ok|chief_fails|ps_fails|worker_hangs>
        --job_name=... --task_index=... --ps_hosts=... --worker_hosts=...

Prints its job, index and hosts, then: ``ok`` exits 0 (the ps after 0.5 s, as if waiting for
the workers); ``chief_fails``: worker 0 exits 3; ``ps_fails``: the ps exits 4 and workers
wait to be stopped; ``worker_hangs``: worker 1 ignores SIGTERM and hangs; ``sleep``: every
task hangs. A task that hangs ends only by a signal (the launcher stops it by pid).
"""
import argparse
import signal
import sys
import time


def hang():
    """Waits for a signal that ends the process, however long it takes."""
    while True:
        signal.pause()


def main():
    parser = argparse.ArgumentParser()
    for name in ("behaviour", "job_name", "ps_hosts", "worker_hosts"):
        parser.add_argument(f"--{name}")
    parser.add_argument("--task_index", type=int)
    args = parser.parse_args()
    task = f"{args.job_name}{args.task_index}"
    print(f"{task} up; ps {args.ps_hosts}; workers {args.worker_hosts}", flush=True)
    if args.behaviour == "sleep":
        hang()
    if args.behaviour == "ps_fails":
        if args.job_name == "ps":
            sys.exit(4)
        hang()
    if args.behaviour == "chief_fails" and task == "worker0":
        print("failing", file=sys.stderr, flush=True)
        sys.exit(3)
    if args.behaviour == "worker_hangs" and task == "worker1":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        hang()
    if args.job_name == "ps":
        time.sleep(0.5)
    print(f"{task} done", flush=True)


if __name__ == "__main__":
    main()
