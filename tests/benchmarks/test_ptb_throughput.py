"""The PTB throughput benchmark: the FLOP formula against a hand count, the roof's shapes, and
a ``--quick`` smoke run's table."""
import collections
import dataclasses
import json
import re

from reference.tf1 import tf

import numpy as np
import pytest

from benchmarks import loss_floor
from benchmarks import matmul_roof
from benchmarks import ptb_flops
from benchmarks import ptb_throughput
from benchmarks import script_speed
from benchmarks import step_trace
from benchmarks import torch_peer
from experiments import ptb
from pipelines import ptb_reader
from tests import conftest

TEST = dataclasses.replace(ptb.CONFIGS["test"], vocab_size=10)  # 1 layer, hidden 2, 2 steps


def test_flops_per_word_of_the_test_config_match_a_hand_count():
    # forward, one word: gates [1, 4] x [4, 8] = 32 multiply-adds = 64 FLOPs;
    # softmax [1, 2] x [2, 10] = 20 multiply-adds = 40 FLOPs
    assert ptb_flops.forward_flops_per_word(TEST) == 64 + 40
    # backward: the input and weight gradients of both matmuls, each as large as the forward
    assert ptb_flops.training_flops_per_word(TEST) == 3 * 104


def test_small_config_flops_and_shapes():
    small = ptb.CONFIGS["small"]  # hidden 200, 2 layers, vocabulary 10,000
    assert ptb_flops.forward_flops_per_word(small) == 16 * 2 * 200 ** 2 + 2 * 200 * 10_000
    assert ptb_flops.training_flops_per_word(small) == 15_840_000
    assert ptb_flops.matmul_shapes(small) == [((20, 400, 800), 40), ((400, 200, 10_000), 1)]
    # forward, input gradient, and one weight gradient per weight, 20 steps x 20 rows deep
    assert ptb_flops.training_shapes(small) == [
        ((20, 400, 800), 40), ((20, 800, 400), 40), ((400, 400, 800), 2),
        ((400, 200, 10_000), 1), ((400, 10_000, 200), 1), ((200, 400, 10_000), 1)]


def test_the_recurrence_chains_the_gate_matmuls_and_their_input_gradients_per_layer():
    assert ptb_flops.recurrent_chains(ptb.CONFIGS["small"]) == {(20, 400, 800): 2,
                                                                 (20, 800, 400): 2}
    with tf.Graph().as_default() as graph:
        right = tf.zeros([3, 3])
        firsts = matmul_roof.first_elements([tf.zeros([2, 3]) for _ in range(5)], right, chains=2)
        waits = [[c.name for c in op.control_inputs] for op in graph.get_operations()
                 if op.type == "MatMul"]
    # matmul i waits for the element of matmul i - 2
    assert waits == [[], [], [firsts[0].op.name], [firsts[1].op.name], [firsts[2].op.name]]


def _ancestors(op):
    """The ops a session runs to run ``op``: its inputs and control inputs, transitively."""
    seen, stack = set(), [op]
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack += [t.op for t in current.inputs] + list(current.control_inputs)
    return seen


def test_the_training_step_runs_exactly_the_matmuls_the_formula_counts():
    """Every MatMul op the train op runs (forward and gradients, basic mode) from its static
    shapes: their FLOPs per step are the formula's FLOPs per word times the step's words, and
    their shapes are the ones the roof is measured on.
    (MatMul's gradient function also builds each step's weight gradient, which nothing
    consumes since ``reference/training/batched_gradients.py`` makes the kernel's in one matmul.)"""
    raw = (list(range(10)) * 20, list(range(10)) * 20, list(range(10)) * 3, 10)
    with tf.Graph().as_default():
        train, _, _ = ptb.build_models(TEST, raw)
        shapes = collections.Counter()
        for op in _ancestors(train.train_op):
            if op.type == "MatMul":
                a, b = (t.shape.as_list() for t in op.inputs)
                m, k = a[::-1] if op.get_attr("transpose_a") else a
                n = b[0] if op.get_attr("transpose_b") else b[1]
                shapes[m, k, n] += 1
    flops = sum(2 * m * k * n * count for (m, k, n), count in shapes.items())
    words = TEST.batch_size * TEST.num_steps
    assert flops == ptb_flops.training_flops_per_word(TEST) * words == 312 * 40
    # 20 rows, hidden 2, 2 steps, 1 layer, vocabulary 10
    assert ptb_flops.training_shapes(TEST) == [
        ((20, 4, 8), 2), ((20, 8, 4), 2), ((4, 40, 8), 1),
        ((40, 2, 10), 1), ((40, 10, 2), 1), ((2, 40, 10), 1)]
    assert shapes == collections.Counter(dict(ptb_flops.training_shapes(TEST)))


@pytest.mark.slow
def test_quick_run_prints_the_table_and_json():
    result = conftest.run_python("-m", "benchmarks.ptb_throughput", "--quick", "--windows=1",
                                 "--window_batches=3", "--eval_steps=20",
                                 "--roof_flops=1e9", timeout=300)
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    peer = torch_peer.version()
    assert re.fullmatch(r"true matmul roof \(TensorFlow's best on 1024x1024x1024, "
                        r"2048x2048x2048, 700x650x10000\): [\d.]+ GFLOP/s fp32, [\d.]+ bf16",
                        lines[0])
    assert lines[1].startswith("small: matmul roof on its shapes ")
    if peer:
        assert re.fullmatch(rf"  the PyTorch {re.escape(peer)} peer, float32: \d+ wps", lines[2])
    lines = lines[3 if peer else 2:]
    traced = re.fullmatch(
        r"    one traced step: ([\d.]+) ms wall \(its matmuls at the true roof: ([\d.]+) ms\), "
        r"cores busy \d+ %; op ms: " + ", ".join(rf"{part} [\d.]+" for part, _ in
                                                  step_trace.PARTS), lines.pop(1))
    assert traced
    lines_trace = [float(traced.group(1)), float(traced.group(2))]
    assert lines[1:3] == [
        "| config | mode | dtype | train words/s | PyTorch words/s | ratio | FLOPs/word | "
        "GFLOP/s | % of true roof | % of fp32 roof on its shapes | % of recurrence-bound roof | "
        "ceiling % of fp32 roof | eval steps/s | eval overhead ms/step | script's speed line |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    assert lines[3].startswith("| small | basic | float32 | ") and "| 15.84M |" in lines[3]
    data = json.loads(lines[4])
    true_roofs = data["true_roofs"]
    assert sorted(true_roofs) == ["bf16", "bf16_shapes", "fp32", "fp32_shapes"]
    for key in ("fp32", "bf16"):  # the best of the large products
        assert true_roofs[key] == max(true_roofs[key + "_shapes"].values())
    assert data["peer"] == peer
    roofs = data["roofs"]["small"]
    assert sorted(roofs) == ["bf16", "ceiling_share", "eval_matmuls_cached_ms",
                             "eval_matmuls_ms", "fp32", "fp32_recurrent", "loss_ms"]
    row = data["rows"][0]
    assert (row["config"], row["mode"], row["dtype"], row["flops_per_word"]) == (
        "small", "basic", "float32", 15_840_000)
    assert row["gflops"] == pytest.approx(row["train_wps"] * 15.84e6 / 1e9)
    assert 0 < row["roof_share"] < 1.5 and row["eval_steps_per_s"] > 0
    # the overhead (a window's step less the matmuls alone, timed right after it) can come out
    # below zero when the machine slows between the two (-0.36 ms measured), so its sign is
    # not asserted; the table prints the JSON's figures
    cells = [cell.strip() for cell in lines[3].split("|")[1:-1]]
    assert cells[4:6] == (["%.0f" % row["peer_wps"], "%.2fx" % row["peer_ratio"]] if peer
                          else ["not installed", "–"])
    if peer:
        assert row["peer_ratio"] == pytest.approx(row["train_wps"] / row["peer_wps"])
    assert row["true_roof_share"] == pytest.approx(row["gflops"] / true_roofs["fp32"])
    assert cells[8] == "%.1f" % (100 * row["true_roof_share"])
    assert cells[11:14] == ["%.1f" % (100 * roofs["ceiling_share"]),
                            "%.0f" % row["eval_steps_per_s"], "%.3f" % row["eval_overhead_ms"]]
    # the ceiling: 400 words' matmuls (15.84M FLOPs each) at the roof, beside the loss alone
    matmul_ms = 400 * 15.84e6 / roofs["fp32"] / 1e6
    assert row["ceiling_share"] == roofs["ceiling_share"] == pytest.approx(
        matmul_ms / (matmul_ms + roofs["loss_ms"]))
    assert row["recurrent_share"] == pytest.approx(
        row["gflops"] / roofs["fp32_recurrent"])
    assert sorted(row["trace"]) == ["busy", "parts", "wall_ms"]
    assert list(row["trace"]["parts"]) == [part for part, _ in step_trace.PARTS]
    assert lines_trace == [round(row["trace"]["wall_ms"], 1),
                           round(400 * 15.84e6 / true_roofs["fp32"] / 1e6, 1)]
    # the script itself ran an epoch of the warm-up and the timed window: 6 batches
    assert lines[3].endswith(" (%+.1f%%) |" % (100 * (row["script_wps"] / row["train_wps"] - 1)))


def test_the_eval_matmuls_are_timed_on_copies_past_the_last_level_cache():
    shapes = ptb_flops.matmul_shapes(dataclasses.replace(ptb.CONFIGS["small"], num_steps=1),
                                     batch_size=1)
    assert shapes == [((1, 400, 800), 2), ((1, 200, 10_000), 1)]
    # 4 bytes x (2 x (400 + 320,000) + 200 + 2,000,000) = 10,564,000 bytes a step; 128 MiB
    assert ptb_throughput.STREAMED_BYTES == 134_217_728
    assert matmul_roof.copies(shapes, tf.float32, ptb_throughput.STREAMED_BYTES) == 13
    assert matmul_roof.copies(shapes, tf.float32, 10_564_000) == 1
    assert matmul_roof.copies(shapes, tf.float32, 10_564_001) == 2
    assert matmul_roof.copies(shapes, tf.float32, 0) == 1


def test_a_bad_mode_is_a_one_line_usage_error():
    result = conftest.run_python("-m", "benchmarks.ptb_throughput", "--modes=cudnn")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "benchmarks.ptb_throughput: error: --modes: unknown mode 'cudnn' (basic, block or fused)"]


def test_the_script_speed_corpus_has_exactly_the_benchmark_vocabulary(tmp_path):
    script_speed.write_corpus(str(tmp_path), vocab_size=50, train_words=300)
    train, valid, test, vocab = ptb_reader.ptb_raw_data(str(tmp_path))
    # 49 words once each, then 300 drawn: 349 words in 18 lines, each closed by <eos>;
    # valid: the first 10% + 1,000 words (here all of them); test: the first 200 (10 lines)
    assert (vocab, len(train), len(valid), len(test)) == (50, 349 + 18, 349 + 18, 200 + 10)
    assert sorted(set(train)) == list(range(50))


def test_a_script_run_past_its_limit_is_a_one_line_failure():
    with pytest.raises(script_speed.ScriptFailed) as error:
        script_speed.speed_line("small", batches=3, timeout=0.01)
    assert str(error.value) == "experiments.ptb --model=small ran past 0.01 s (3 batches)"


def test_the_loss_floor_times_the_models_loss_forward_and_backward(graph):
    init, step = loss_floor.loss_step(rows=4, vocab=10)
    ran = _ancestors(step.op)
    # the model's loss (reference/contrib/sequence_loss.py): one max, one exponential and one sum
    # over the logits forward; backward, the scaled exponentials with dy taken off at the labels
    # (the gradient of the summed loss is a broadcast: no second Sum runs)
    assert sorted(op.type for op in ran if op.type in (
        "Max", "Exp", "Sum", "TensorScatterSub", "SparseSoftmaxCrossEntropyWithLogits")) == [
        "Exp", "Max", "Sum", "TensorScatterSub"]
    assert step.op.inputs[0].shape.as_list() == [4, 10]
    with tf.Session() as session:
        session.run(init)
        first = session.run(step)
    rng = np.random.default_rng(0)  # loss_step's logits and labels, seed 0
    logits, labels = rng.standard_normal((4, 10)).astype(np.float32), rng.integers(0, 10, 4)
    # d(sum of losses)/d logits[0, 0] = softmax(logits[0])[0] - (label of row 0 == 0)
    softmax = np.exp(logits[0]) / np.exp(logits[0]).sum()
    assert labels[0] != 0 and first == pytest.approx(softmax[0], rel=1e-6)


def test_the_ceiling_is_the_matmul_time_over_the_step_time():
    # 1e9 FLOPs at 100 GFLOP/s: 10 ms of matmuls; 2.5 ms of loss beside them: 80 %
    assert loss_floor.ceiling_share(1e9, 100.0, 2.5) == pytest.approx(0.8)


def test_the_script_runs_between_the_timed_windows_and_as_many_follow_it(monkeypatch):
    calls = []

    def run_epoch(session, model, eval_op=None):
        calls.append("train" if eval_op is not None else "eval")

    def between():
        calls.append("script")
        return 123.0

    monkeypatch.setattr(ptb, "run_epoch", run_epoch)
    config = dataclasses.replace(TEST, vocab_size=ptb_throughput.VOCAB)
    speed = ptb_throughput.measure(config, window=2, windows=2, eval_steps=3,
                                   eval_matmuls_ms=lambda steps: 0.0, between=between)
    # a warm-up window and 2 timed ones, the script, 2 more timed ones; then evaluation
    assert calls == ["train"] * 3 + ["script"] + ["train"] * 2 + ["eval"] * 3
    assert speed["between"] == 123.0 and sorted(speed) == [
        "between", "eval_overhead_ms", "eval_steps_per_s", "trace", "train_wps"]
