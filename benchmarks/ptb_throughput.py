"""PTB training and evaluation speed against the machine's matmul roof, measured in one run.

    python -m benchmarks.ptb_throughput [--configs=small,medium] [--modes=basic,block,fused]
        [--quick] [--roof_flops=1e10]

Prints the machine's true matmul roof (TensorFlow's best rate on large products, fp32 and
bfloat16), the fp32 and bfloat16 matmul roofs on each config's own matmul shapes
(``benchmarks/matmul_roof.py``), the speed of the PyTorch peer on each config (the same model,
data, clipping and SGD, ``benchmarks/torch_peer.py``; "not installed" without PyTorch, which
``make bench`` installs), then for every config and mode:
* training words/s of ``experiments.ptb``'s own graph (``build_models``) and loop
  (``run_epoch``: queue-fed input, the LSTM state fetched and fed back every batch) under the
  script's Supervisor session; after a warm-up window, the median of ``--windows`` windows of
  ``--window_batches`` batches, run back to back (evaluation is timed after them);
* its ratio to the peer's words/s (a bfloat16 row to the fp32 peer);
* the model's training FLOPs per word (``benchmarks/ptb_flops.py``), the achieved GFLOP/s and
  its share of the true roof (of its dtype), of the fp32 roof on the training shapes, and of
  the recurrence-bound roof: the
  same shapes with the gate matmuls and their input gradients run one after the other, as the
  LSTM's recurrence makes the model run them (``num_layers`` chains; the best the model's
  arithmetic allows on this machine, however little else the step does);
* the ceiling: the share of the fp32 roof a step would reach with its matmuls at the roof's
  speed and nothing beside them but the loss's passes over the logits, timed alone
  (``benchmarks/loss_floor.py``);
* evaluation (the Test model: batch 1, one step, called once per word) in steps/s, and its
  overhead per step: the step's time less the time its matmuls (batch-1, bound by reading the
  weights) take when run alone with their weights read from memory
  (``matmul_roof.single_pass_timer`` with ``STREAMED_BYTES``), timed right after each
  evaluation window; the median of the windows' differences (the same matmuls on weights in
  the caches are printed beside it);
* for basic float32 (the script's defaults), the speed line of ``python -m experiments.ptb``
  itself over an epoch as long as the warm-up and timed windows together, on a corpus of the
  same vocabulary (``benchmarks/script_speed.py``), and its difference from the median. The
  script runs between the timed windows and ``--windows`` more after it, and the median is
  over both sets: the machine's speed drifts by 10-20 % within a minute, and the two figures
  are then measured over the same span of time;
* where a training step's time goes: one step traced after the timed windows, its ops' time
  by part of the model (``benchmarks/step_trace.py``), against its matmuls at the true roof.

The input is ``vocab_size`` (10,000, PTB's) random word ids; speed does not depend on the
words. bfloat16 rows (``--dtypes``) are basic and fused mode only. A plain table, then one JSON
line. ``--quick``: the small config, basic mode, float32, one timed window; ``--roof_flops``: the
work of each roof measurement (the tests' smoke run takes 1e9: rougher, quicker roofs). Figures
measured on the project's machines are in BUILD_NOTES.md.
"""
import dataclasses
import functools
import json
import statistics
import time
import types

from reference.tf1 import tf

import numpy as np
from absl import app
from absl import flags

from benchmarks import loss_floor
from benchmarks import matmul_roof
from benchmarks import ptb_flops
from benchmarks import script_speed
from benchmarks import step_trace
from benchmarks import torch_peer
from experiments import ptb
from experiments.shared import cli
from experiments.shared import ptb_config

VOCAB = 10_000
# an evaluation step's matmuls are timed on weight copies of at least this many bytes in all,
# four times this machine's last-level cache (32 MiB), so that each reads its weights from
# memory, as the model's step does
STREAMED_BYTES = 128 << 20


def define_flags():
    """What to measure (configs, modes, dtypes) and how long (windows and their lengths)."""
    return types.SimpleNamespace(
        configs=flags.DEFINE_list("configs", ["small", "medium"], "PTB configs to measure."),
        modes=flags.DEFINE_list("modes", list(ptb_config.RNN_MODES), "rnn_mode values to "
                               "measure."),
        windows=flags.DEFINE_integer("windows", 3, "Timed windows per measurement.",
                                     lower_bound=1),
        window_batches=flags.DEFINE_integer("window_batches", 0, "Batches per training window "
                                            "(0: about 2 s of work).", lower_bound=0),
        eval_steps=flags.DEFINE_integer("eval_steps", 300, "Steps per evaluation window.",
                                        lower_bound=1),
        dtypes=flags.DEFINE_list("dtypes", ["float32", "bfloat16"], "Compute dtypes (bfloat16: "
                                 "basic and fused modes, float32 master weights)."),
        quick=flags.DEFINE_bool("quick", False, "Small config, basic mode, one timed window."),
        roof_flops=flags.DEFINE_float("roof_flops", 1e10, "FLOPs of work per roof measurement "
                                      "(a shape's matmuls in one run; fewer: a rougher roof).",
                                      lower_bound=1.0))


def _window_batches(config, window_batches):
    if window_batches:
        return window_batches
    words_per_second = 150e9 / ptb_flops.training_flops_per_word(config)  # a rough guess
    return max(3, int(2.0 * words_per_second / (config.batch_size * config.num_steps)))


def word_ids(config, window, seed=0):
    """The random word ids a training window of ``window`` batches reads (ours and the
    peer's)."""
    return np.random.default_rng(seed).integers(0, VOCAB, size=config.batch_size * (
        config.num_steps * window + 1) + 1).tolist()


def measure(config, window, windows, eval_steps, eval_matmuls_ms, between=None, seed=0):
    """``{"train_wps": median words/s, "eval_steps_per_s": median steps/s,
    "eval_overhead_ms": median of (step ms - eval_matmuls_ms(eval_steps)) per window,
    "trace": step_trace.trace of one training step after the timed windows}``.
    ``between``: a function run after the training windows, whose result is returned as
    ``"between"``; ``windows`` more training windows follow it, so that the median spans it
    (the machine's speed drifts within a minute)."""
    ids = word_ids(config, window, seed)
    raw = (ids, ids, ids[:eval_steps + 2], VOCAB)  # (Valid is built, never run)
    with tf.Graph().as_default():
        tf.set_random_seed(seed)
        m, _, mtest = ptb.build_models(config, raw, max_steps=max(window, eval_steps))
        m.input.epoch_size, mtest.input.epoch_size = window, eval_steps
        sv = tf.train.Supervisor(logdir=None, summary_op=None)
        with sv.managed_session() as session:
            m.assign_lr(session, config.learning_rate)
            train, evals, result = [], [], {}

            def train_windows(count):  # back to back, as an epoch
                for _ in range(count):
                    start = time.perf_counter()
                    ptb.run_epoch(session, m, eval_op=m.train_op)
                    train.append(window * config.batch_size * config.num_steps
                                 / (time.perf_counter() - start))
            train_windows(windows + 1)  # the first warms up
            if between:
                result["between"] = between()
                train_windows(windows)
            result["trace"] = step_trace.trace(session, [m.cost, m.train_op])
            for _ in range(windows + 1):
                start = time.perf_counter()
                ptb.run_epoch(session, mtest)
                seconds = time.perf_counter() - start
                evals.append((eval_steps / seconds,
                              1000.0 * seconds / eval_steps - eval_matmuls_ms(eval_steps)))
    return {**result, "train_wps": statistics.median(train[1:]),
            "eval_steps_per_s": statistics.median(rate for rate, _ in evals[1:]),
            "eval_overhead_ms": statistics.median(overhead for _, overhead in evals[1:])}


def run(configs, modes, windows, eval_steps, dtypes=("float32",), window_batches=0, log=print,
        roof_flops=1e10):
    """Measures everything; returns the result dict (also what the JSON line holds).
    ``window_batches``: batches per training window (0: about 2 s of work by a rough guess);
    ``roof_flops``: the work of each roof measurement (``matmul_roof.matmul_gflops``)."""
    result = {"true_roofs": {}, "roofs": {}, "rows": [], "peer": torch_peer.version()}
    for key, dtype in (("fp32", tf.float32), ("bf16", tf.bfloat16)):
        best, speeds = matmul_roof.true_roof(dtype, target_flops=roof_flops)
        result["true_roofs"][key] = best
        result["true_roofs"][key + "_shapes"] = {"x".join(map(str, shape)): rate
                                                  for shape, rate in speeds.items()}
    log(f"true matmul roof (TensorFlow's best on {', '.join(result['true_roofs']['fp32_shapes'])}"
        f"): {result['true_roofs']['fp32']:.1f} GFLOP/s fp32, "
        f"{result['true_roofs']['bf16']:.1f} bf16")
    for name in configs:
        config = dataclasses.replace(ptb.CONFIGS[name], vocab_size=VOCAB)
        train_shapes = ptb_flops.training_shapes(config)
        eval_shapes = [(s, c) for s, c in ptb_flops.matmul_shapes(
            dataclasses.replace(config, num_steps=1), batch_size=1)]
        fp32, _ = matmul_roof.roof(train_shapes, target_flops=roof_flops)
        bf16, _ = matmul_roof.roof(train_shapes, tf.bfloat16, target_flops=roof_flops)
        recurrent, _ = matmul_roof.roof(train_shapes, chains=ptb_flops.recurrent_chains(config),
                                        target_flops=roof_flops)
        flops = ptb_flops.training_flops_per_word(config)
        words = config.batch_size * config.num_steps
        loss_ms = loss_floor.loss_ms(words, VOCAB)
        ceiling = loss_floor.ceiling_share(flops * words, fp32, loss_ms)
        with matmul_roof.single_pass_timer(eval_shapes) as cached_ms, \
                matmul_roof.single_pass_timer(eval_shapes,
                                              streamed_bytes=STREAMED_BYTES) as eval_matmuls_ms:
            eval_ms, eval_cached_ms = eval_matmuls_ms(), cached_ms()
            result["roofs"][name] = {"fp32": fp32, "bf16": bf16, "fp32_recurrent": recurrent,
                                     "eval_matmuls_ms": eval_ms,
                                     "eval_matmuls_cached_ms": eval_cached_ms,
                                     "loss_ms": loss_ms, "ceiling_share": ceiling}
            log(f"{name}: matmul roof on its shapes {fp32:.1f} GFLOP/s fp32, {bf16:.1f} bf16, "
                f"{recurrent:.1f} fp32 bound by the recurrence; the loss alone {loss_ms:.2f} "
                f"ms a step (ceiling {100 * ceiling:.1f} % of the fp32 roof); one eval "
                f"step's matmuls alone: {eval_ms:.3f} ms, their weights read from memory "
                f"({eval_cached_ms:.3f} ms from the caches)")
            window = _window_batches(config, window_batches)
            peer = None
            if result["peer"]:
                peer = torch_peer.train_wps(config, word_ids(config, window), window, windows)
                log(f"  the PyTorch {result['peer']} peer, float32: {peer:.0f} wps")
            for mode, dtype in [(m, d) for d in dtypes for m in modes
                                if d == "float32" or m != ptb.BLOCK]:
                script = None
                if (mode, dtype) == (ptb.BASIC, "float32"):  # the script's defaults
                    script = functools.partial(script_speed.speed_line, name,
                                               window * (windows + 1))
                speed = measure(dataclasses.replace(config, rnn_mode=mode, compute_dtype=dtype),
                                window, windows, eval_steps, eval_matmuls_ms, between=script)
                if script:
                    speed["script_wps"] = speed.pop("between")
                gflops = speed["train_wps"] * flops / 1e9
                true = result["true_roofs"]["fp32" if dtype == "float32" else "bf16"]
                result["rows"].append(dict(
                    speed, config=name, mode=mode, dtype=dtype, flops_per_word=flops,
                    gflops=gflops, true_roof_share=gflops / true, roof_share=gflops / fp32,
                    recurrent_share=gflops / recurrent, ceiling_share=ceiling,
                    eval_step_ms=1000.0 / speed["eval_steps_per_s"], peer_wps=peer,
                    peer_ratio=speed["train_wps"] / peer if peer else None))
                log(f"  {mode} {dtype}: {speed['train_wps']:.0f} wps" + (
                    f" (the script's speed line: {speed['script_wps']:.0f} wps)"
                    if "script_wps" in speed else ""))
                log("    " + step_trace.line(speed["trace"], flops * words / true / 1e6))
    return result


def _peer_cells(row, installed):
    if not installed:
        return "not installed", "–"
    dtype = "" if row["dtype"] == "float32" else " (fp32)"
    return f"{row['peer_wps']:.0f}{dtype}", f"{row['peer_ratio']:.2f}x"


def table(result):
    lines = ["| config | mode | dtype | train words/s | PyTorch words/s | ratio | FLOPs/word | "
             "GFLOP/s | % of true roof | % of fp32 roof on its shapes | "
             "% of recurrence-bound roof | ceiling % of fp32 roof | eval steps/s | "
             "eval overhead ms/step | script's speed line |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in result["rows"]:
        script = "–"
        if "script_wps" in row:
            script = (f"{row['script_wps']:.0f} "
                      f"({100 * (row['script_wps'] / row['train_wps'] - 1):+.1f}%)")
        peer, ratio = _peer_cells(row, result["peer"])
        lines.append(f"| {row['config']} | {row['mode']} | {row['dtype']} | "
                     f"{row['train_wps']:.0f} | {peer} | {ratio} | "
                     f"{row['flops_per_word'] / 1e6:.2f}M | {row['gflops']:.1f} | "
                     f"{100 * row['true_roof_share']:.1f} | "
                     f"{100 * row['roof_share']:.1f} | {100 * row['recurrent_share']:.1f} | "
                     f"{100 * row['ceiling_share']:.1f} | "
                     f"{row['eval_steps_per_s']:.0f} | "
                     f"{row['eval_overhead_ms']:.3f} | {script} |")
    return lines


def main(argv, holders):
    if len(argv) > 1:
        raise app.UsageError(f"unexpected arguments: {' '.join(argv[1:])}")
    configs, modes, windows = holders.configs.value, holders.modes.value, holders.windows.value
    for name in configs:
        if name not in ptb.CONFIGS:
            raise app.UsageError(f"--configs: unknown config {name!r} (one of "
                                 f"{', '.join(ptb.CONFIGS)})")
    for mode in modes:
        if mode not in ptb_config.RNN_MODES:
            raise app.UsageError(f"--modes: unknown mode {mode!r} (basic, block or fused)")
    dtypes = holders.dtypes.value
    for dtype in dtypes:
        if dtype not in ("float32", "bfloat16"):
            raise app.UsageError(f"--dtypes: unknown dtype {dtype!r} (float32 or bfloat16)")
    if holders.quick.value:
        configs, modes, windows, dtypes = ["small"], ["basic"], 1, ["float32"]
    result = run(configs, modes, windows, holders.eval_steps.value, dtypes,
                 window_batches=holders.window_batches.value,
                 roof_flops=holders.roof_flops.value)
    print("\n".join(table(result)))
    print(json.dumps(result))


if __name__ == "__main__":
    cli.run(main, define_flags, failures=(script_speed.ScriptFailed,))
