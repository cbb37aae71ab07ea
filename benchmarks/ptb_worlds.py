"""``experiments.ptb`` (TF1 graph) beside ``experiments.ptb_tf2`` (Keras 3, ``tf.function``):
each script's own training speed line, alternated in one run.

    python -m benchmarks.ptb_worlds [--configs=small,medium] [--batches=N] [--repeats=N]

For every config, ``--repeats`` rounds each run both scripts (TF1 first, then TF2) as child
processes over one epoch of ``--batches`` batches on a corpus of PTB's 10,000-word vocabulary
(``benchmarks/script_speed.py``: the speed counts the words after the first batch). The
machine's speed drifts within minutes, so the rounds alternate and the table gives each
script's median and the median of the rounds' ratios TF2/TF1. A plain table, then one JSON
line; ``--quick``: the small config, 20 batches, one round.
"""
import json
import statistics

from absl import app
from absl import flags

from benchmarks import script_speed
from experiments.shared import cli
from experiments.shared import ptb_config

SCRIPTS = ("experiments.ptb", "experiments.ptb_tf2")


def define_flags():
    return (flags.DEFINE_list("configs", ["small"], "PTB configs to time."),
            flags.DEFINE_integer("batches", 200, "Batches of the epoch each run trains.",
                                 lower_bound=3),
            flags.DEFINE_integer("repeats", 3, "Rounds of both scripts per config.",
                                 lower_bound=1),
            flags.DEFINE_bool("quick", False, "The small config, 20 batches, one round."))


def run(configs, batches, repeats, speed_line=script_speed.speed_line):
    """``[{"config", "tf1_wps": [...], "tf2_wps": [...], "ratio": median TF2/TF1}]``."""
    rows = []
    for name in configs:
        speeds = {module: [] for module in SCRIPTS}
        for _ in range(repeats):
            for module in SCRIPTS:
                speeds[module].append(speed_line(name, batches, module=module))
        tf1, tf2 = speeds[SCRIPTS[0]], speeds[SCRIPTS[1]]
        rows.append({"config": name, "batches": batches, "tf1_wps": tf1, "tf2_wps": tf2,
                     "ratio": statistics.median(b / a for a, b in zip(tf1, tf2))})
    return rows


def table(rows):
    lines = ["| config | batches | experiments.ptb wps (median) | experiments.ptb_tf2 wps "
             "(median) | TF2/TF1 (median of rounds) |", "|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['config']} | {row['batches']} | "
                     f"{statistics.median(row['tf1_wps']):,.0f} | "
                     f"{statistics.median(row['tf2_wps']):,.0f} | {row['ratio']:.2f}x |")
    return lines


def main(argv, holders):
    cli.check_no_arguments(argv)
    configs, batches, repeats, quick = (holder.value for holder in holders)
    unknown = [name for name in configs if name not in ptb_config.CONFIGS]
    if unknown:
        raise app.UsageError(f"--configs: unknown config {unknown[0]!r} (one of "
                             f"{', '.join(ptb_config.CONFIGS)})")
    if quick:
        configs, batches, repeats = ["small"], 20, 1
    rows = run(configs, batches, repeats)
    print("\n".join(table(rows)))
    print(json.dumps(rows))


if __name__ == "__main__":
    cli.run(main, define_flags, failures=(script_speed.ScriptFailed,))
