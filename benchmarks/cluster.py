"""Between-graph PTB on one machine: start-up, shutdown, and training speed by cluster size.

    python -m benchmarks.cluster [--workers=1,2] [--model=small] [--max_steps=100] [--sync_replicas]

For each worker count, runs ``python -m experiments.launch_local_cluster --private_network
--ps 1 --workers N -- experiments.ptb --model=... --max_steps=... --max_max_epoch=1`` on the
generated corpus, times the lines as they arrive, and reports:
* start-up: launch to the chief's first training epoch line, and to the last worker's;
* training: global steps and words per second between the first worker's first epoch line
  and the last worker's last ``Train Perplexity`` line (a global step is one batch of one
  worker, or with ``--sync_replicas`` one batch of every worker);
* shutdown: the last worker's ``done`` line to the launcher's exit (checkpoint-free: no
  ``--save_path``).
Also one process without a cluster (``python -m experiments.ptb``, same flags) for reference.
Needs a private network namespace (root, unshare); figures are in BUILD_NOTES.md.
"""
import json
import re
import subprocess
import sys
import time

from absl import app
from absl import flags

from experiments import cli

WORKERS = flags.DEFINE_list("workers", ["1", "2"], "Worker counts to run.")
MODEL = flags.DEFINE_string("model", "small", "PTB config.")
MAX_STEPS = flags.DEFINE_integer("max_steps", 100, "Batches per worker epoch.", lower_bound=1)
SYNC = flags.DEFINE_bool("sync_replicas", False, "Synchronous replicas.")
DONE = re.compile(r"\[worker\d\] Worker \d: done after (\d+) training steps; global step (\d+)\.")
WPS = re.compile(r"speed: (\d+) wps")


def timed_lines(argv):
    """Runs ``argv``; returns ``(exit status, [(seconds since start, line)], total seconds)``."""
    start = time.monotonic()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = [(time.monotonic() - start, line.rstrip("\n")) for line in process.stdout]
    return process.wait(), lines, time.monotonic() - start


def _ptb_flags():
    return [f"--model={MODEL.value}", f"--max_steps={MAX_STEPS.value}", "--max_max_epoch=1",
            "--seed=0", *(["--sync_replicas"] if SYNC.value else [])]


def measure_cluster(workers):
    status, lines, total = timed_lines(
        [sys.executable, "-m", "experiments.launch_local_cluster", "--private_network",
         f"--workers={workers}", "--", "experiments.ptb", *_ptb_flags()])
    if status:
        raise RuntimeError(f"{workers} workers: exit {status}: {lines[-5:]}")
    first = {}
    for t, line in lines:
        if "Epoch: 1 Learning rate" in line:
            first.setdefault(line.split("]")[0], t)
    trained = max(t for t, line in lines if "Train Perplexity" in line)
    done = [(t, DONE.search(line)) for t, line in lines if DONE.search(line)]
    steps = max(int(m[2]) for _, m in done)
    seconds = trained - min(first.values())
    batches = sum(int(m[1]) for _, m in done)
    return {"workers": workers, "startup_chief_s": first["[worker0"],
            "startup_all_s": max(first.values()), "global_steps": steps,
            "global_steps_per_s": steps / seconds, "batches_per_s": batches / seconds,
            "shutdown_s": total - max(t for t, _ in done), "total_s": total}


def measure_local():
    status, lines, total = timed_lines([sys.executable, "-m", "experiments.ptb", *[
        f for f in _ptb_flags() if f != "--sync_replicas"]])
    if status:
        raise RuntimeError(f"one process: exit {status}: {lines[-5:]}")
    start = next(t for t, line in lines if "Epoch: 1 Learning rate" in line)
    trained = next(t for t, line in lines if "Train Perplexity" in line)
    return {"workers": 0, "startup_chief_s": start, "global_steps": MAX_STEPS.value,
            "global_steps_per_s": MAX_STEPS.value / (trained - start),
            "batches_per_s": MAX_STEPS.value / (trained - start), "total_s": total}


def main(argv):
    if len(argv) > 1:
        raise app.UsageError(f"unexpected arguments: {' '.join(argv[1:])}")
    rows = [measure_local()] + [measure_cluster(int(n)) for n in WORKERS.value]
    print(f"PTB {MODEL.value}, {MAX_STEPS.value} batches per worker"
          + (", sync replicas" if SYNC.value else ", asynchronous"))
    print("| workers | start-up (chief / all) s | global steps/s | batches/s | shutdown s |")
    print("|---|---|---|---|---|")
    for row in rows:
        name = row["workers"] or "1 process, no cluster"
        start = (f"{row['startup_chief_s']:.1f} / {row['startup_all_s']:.1f}"
                 if row["workers"] else f"{row['startup_chief_s']:.1f}")
        shutdown = f"{row['shutdown_s']:.1f}" if row["workers"] else "-"
        print(f"| {name} | {start} | {row['global_steps_per_s']:.1f} | "
              f"{row['batches_per_s']:.1f} | {shutdown} |")
    print(json.dumps(rows))


if __name__ == "__main__":
    cli.run(main)
