"""Between-graph PTB on one machine: start-up, shutdown, and training speed by cluster size.

    python -m benchmarks.cluster [--workers=1,2] [--model=small] [--max_steps=100] [--sync_replicas]

For each worker count, runs ``python -m experiments.tools.launch_local_cluster --private_network
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
import types

from absl import app
from absl import flags

from experiments.shared import cli

DONE = re.compile(r"\[worker\d\] Worker \d: done after (\d+) training steps; global step (\d+)\.")


def define_flags():
    """The worker counts, and the PTB config, epoch length and replica mode of every run."""
    return types.SimpleNamespace(
        workers=flags.DEFINE_list("workers", ["1", "2"], "Worker counts to run."),
        model=flags.DEFINE_string("model", "small", "PTB config."),
        max_steps=flags.DEFINE_integer("max_steps", 100, "Batches per worker epoch.",
                                       lower_bound=1),
        sync_replicas=flags.DEFINE_bool("sync_replicas", False, "Synchronous replicas."))


def timed_lines(argv):
    """Runs ``argv``; returns ``(exit status, [(seconds since start, line)], total seconds)``."""
    start = time.monotonic()
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = [(time.monotonic() - start, line.rstrip("\n")) for line in process.stdout]
    return process.wait(), lines, time.monotonic() - start


def _ptb_flags(model, max_steps, sync_replicas=False):
    """The flags of every ``experiments.ptb`` run: one epoch of ``max_steps`` batches, seed 0."""
    return [f"--model={model}", f"--max_steps={max_steps}", "--max_max_epoch=1", "--seed=0",
            *(["--sync_replicas"] if sync_replicas else [])]


def measure_cluster(workers, model, max_steps, sync_replicas=False):
    """One row: ``workers`` workers and one ps under the launcher, in a private network."""
    status, lines, total = timed_lines(
        [sys.executable, "-m", "experiments.tools.launch_local_cluster", "--private_network",
         f"--workers={workers}", "--", "experiments.ptb",
         *_ptb_flags(model, max_steps, sync_replicas)])
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


def measure_local(model, max_steps):
    """The reference row: one process, no cluster."""
    status, lines, total = timed_lines([sys.executable, "-m", "experiments.ptb",
                                        *_ptb_flags(model, max_steps)])
    if status:
        raise RuntimeError(f"one process: exit {status}: {lines[-5:]}")
    start = next(t for t, line in lines if "Epoch: 1 Learning rate" in line)
    trained = next(t for t, line in lines if "Train Perplexity" in line)
    return {"workers": 0, "startup_chief_s": start, "global_steps": max_steps,
            "global_steps_per_s": max_steps / (trained - start),
            "batches_per_s": max_steps / (trained - start), "total_s": total}


def main(argv, holders):
    if len(argv) > 1:
        raise app.UsageError(f"unexpected arguments: {' '.join(argv[1:])}")
    model, max_steps, sync = (holders.model.value, holders.max_steps.value,
                              holders.sync_replicas.value)
    rows = [measure_local(model, max_steps)] + [
        measure_cluster(int(n), model, max_steps, sync) for n in holders.workers.value]
    print(f"PTB {model}, {max_steps} batches per worker"
          + (", sync replicas" if sync else ", asynchronous"))
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
    cli.run(main, define_flags)
