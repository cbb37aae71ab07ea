"""Checkpoints move between ``experiments.ptb`` and ``experiments.ptb_tf2`` (``ptb_convert``).

The runs are ``conftest.world``'s: TF1 trains one epoch, TF2 trains the same epoch from TF1's
initial checkpoint, each evaluates the other's trained checkpoint after conversion.
"""
import re

from reference.tf1 import tf

import pytest

from reference.catalogue import registry
from tests.experiments.ptb_tf2.conftest import EPOCH_STEPS
from tests.experiments.ptb_tf2.conftest import VOCAB
from tests.experiments.ptb_tf2.conftest import WORDS

# measured on 2.21: at most 4.1e-7 relative (the test perplexity; train and valid 1.0e-7)
PERPLEXITY_RTOL = 2e-6
SUFFIX = "/.ATTRIBUTES/VARIABLE_VALUE"


def _lines(stdout, prefix):
    """The numbers of the lines starting with ``prefix``."""
    return [float(re.search(r"[\d.]+$", line).group()) for line in stdout.splitlines()
            if line.startswith(prefix)]


def _perplexities(directory, phase):
    """The ``<phase>/Perplexity`` summaries in ``directory``'s event files, in the order they
    were written (TF1's are simple values, TF2's tensors)."""
    found = []
    for path in directory.glob("events.out.tfevents.*"):
        for event in tf.train.summary_iterator(str(path)):
            for value in event.summary.value:
                if value.tag == f"{phase}/Perplexity":
                    number = (value.simple_value if value.HasField("simple_value")
                              else float(tf.make_ndarray(value.tensor)))
                    found.append((event.wall_time, number))
    return [number for _, number in sorted(found)]


def test_each_run_succeeds(world):
    _, tf1_run, runs, back = world
    assert tf1_run[0] == back[0] == 0, (tf1_run[2], back[2])
    for name in ("convert_init", "tf2_train", "convert_tf1", "tf2_eval", "convert_tf2"):
        assert runs[name]["status"] == 0, (name, runs[name]["stderr"])


def test_the_conversion_lines_name_both_checkpoints(world):
    d, _, runs, _ = world
    assert runs["convert_init"]["stdout"] == (
        f"Converted {d['tf1']}/model.ckpt-0 (experiments.ptb, global step 0) into "
        f"{d['tf2']}/ckpt-0 (experiments.ptb_tf2).\n")
    assert runs["convert_tf2"]["stdout"] == (
        f"Converted {d['tf2']}/ckpt-{EPOCH_STEPS} (experiments.ptb_tf2, global step "
        f"{EPOCH_STEPS}) into {d['tf2_in_tf1']}/model.ckpt-{EPOCH_STEPS} (experiments.ptb).\n")


def test_tf2_trained_from_tf1_weights_gives_tf1_perplexities(world):
    d, _, _, _ = world
    for phase in ("Train", "Valid", "Test"):
        [tf1_value], [tf2_value] = _perplexities(d["tf1"], phase), _perplexities(d["tf2"], phase)
        assert tf2_value == pytest.approx(tf1_value, rel=PERPLEXITY_RTOL), phase


def test_tf1_weights_evaluated_in_tf2_and_back_keep_their_test_perplexity(world):
    d, _, runs, (_, back_out, _) = world
    resumed = f"Resuming from global step {EPOCH_STEPS} (epoch 2, step 0) of the checkpoint in"
    assert f"{resumed} {d['tf1_in_tf2']}." in runs["tf2_eval"]["stdout"].splitlines()
    assert f"{resumed} {d['tf2_in_tf1']}." in back_out.splitlines()
    assert _lines(back_out, "Epoch:") == []  # resumed after the last epoch: nothing trained
    [tf1_test] = _perplexities(d["tf1"], "Test")
    [tf2_test] = _perplexities(d["tf2"], "Test")
    assert _perplexities(d["tf1_in_tf2"], "Test") == [pytest.approx(tf1_test,
                                                                    rel=PERPLEXITY_RTOL)]
    assert _perplexities(d["tf2_in_tf1"], "Test") == [pytest.approx(tf2_test,
                                                                    rel=PERPLEXITY_RTOL)]


def test_the_converted_checkpoints_hold_exactly_these_variables(world):
    d, _, _, _ = world
    vocab = VOCAB
    assert len(set(WORDS[:3000])) == VOCAB
    suffix = "/.ATTRIBUTES/VARIABLE_VALUE"
    assert tf.train.list_variables(str(d["tf1_in_tf2"] / f"ckpt-{EPOCH_STEPS}")) == [
        ("_CHECKPOINTABLE_OBJECT_GRAPH", []), ("global_step" + suffix, []),
        ("model/embedding/_embeddings" + suffix, [vocab, 2]),
        ("model/lstm_0/cell/bias" + suffix, [8]),
        ("model/lstm_0/cell/kernel" + suffix, [2, 8]),
        ("model/lstm_0/cell/recurrent_kernel" + suffix, [2, 8]),
        ("model/softmax/_kernel" + suffix, [2, vocab]), ("model/softmax/bias" + suffix, [vocab]),
        ("save_counter" + suffix, [])]
    assert tf.train.list_variables(str(d["tf2_in_tf1"] / f"model.ckpt-{EPOCH_STEPS}")) == [
        ("Model/RNN/multi_rnn_cell/cell_0/basic_lstm_cell/bias", [8]),
        ("Model/RNN/multi_rnn_cell/cell_0/basic_lstm_cell/kernel", [4, 8]),
        ("Model/embedding", [vocab, 2]), ("Model/softmax_b", [vocab]),
        ("Model/softmax_w", [2, vocab]), ("Train/Model/learning_rate", []),
        ("global_step", [])]
    # exactly what experiments.ptb itself writes
    assert tf.train.list_variables(str(d["tf1"] / f"model.ckpt-{EPOCH_STEPS}")) == \
        tf.train.list_variables(str(d["tf2_in_tf1"] / f"model.ckpt-{EPOCH_STEPS}"))


@pytest.mark.parametrize("name, message", [
    ("other_config", "--from: {tf1}/model.ckpt-74: Model/embedding is [19, 2], the small "
                     "config's is [19, 200]"),
    ("target_taken", "--to: {tf1_in_tf2} already holds {tf1_in_tf2}/ckpt-74: convert into a "
                     "new or empty directory"),
    ("missing", "--from: {root}/nothing: neither a directory nor a checkpoint (no "
                "nothing.index)"),
    ("not_ptb", "--from: {other}/model.ckpt-3: not a PTB checkpoint: it has neither "
                "Model/embedding (experiments.ptb) nor model/embedding/_embeddings/.ATTRIBUTES/"
                "VARIABLE_VALUE (experiments.ptb_tf2)"),
    ("unwritable", "--to: /proc/ptb: cannot write the checkpoint there: No such file or "
                   "directory"),
])
def test_a_wrong_source_or_target_is_one_line_and_exit_2(world, name, message):
    d, _, runs, _ = world
    expected = message.format(root=d["tf1"].parent, **d)
    assert (runs[name]["status"], runs[name]["stdout"]) == (2, "")
    assert runs[name]["stderr"].splitlines() == [f"experiments.ptb_convert: error: {expected}"]


def test_nothing_was_written_for_a_refused_conversion(world):
    d, _, _, _ = world
    assert not (d["tf1"].parent / "unused").exists()
    assert sorted(p.name for p in d["tf1_in_tf2"].iterdir() if p.name.startswith("ckpt")) == [
        f"ckpt-{EPOCH_STEPS}.data-00000-of-00001", f"ckpt-{EPOCH_STEPS}.index"]


@pytest.mark.parametrize("name, message", [
    ("bad_model", "flag --model=huge: value should be one of <small|medium|large|test>"),
    ("bad_data", "flag --data_path={root}/nothing: '{root}/nothing' has no ptb.train.txt, "
                 "ptb.valid.txt, ptb.test.txt"),
    ("extra_argument", "unexpected arguments: extra"),
])
def test_tf2_script_usage_errors_are_one_line_and_exit_2(world, name, message):
    d, _, runs, _ = world
    assert (runs[name]["status"], runs[name]["stdout"]) == (2, "")
    assert runs[name]["stderr"].splitlines() == [
        f"experiments.ptb_tf2: error: {message.format(root=d['tf1'].parent)}"]


def test_the_committed_ptb_fixtures_read_into_the_keras_model(world):
    """The TF1 fixture's weights as ``checkpoint_loaders`` reads them; the TF2 fixture's in
    TF1's layout: the gates reordered and the kernels joined keep every sum."""
    _, _, runs, _ = world
    tf1_file, tf2_file = runs["fixture_tf1"], runs["fixture_tf2"]
    contents = registry.observe("fixture_contents")
    assert (tf1_file["kind"], tf1_file["step"]) == ("experiments.ptb", 3)
    assert tf1_file["weights"] == {name: {k: v for k, v in contents["ptb_tf1"][name].items()
                                          if k != "dtype"} for name in tf1_file["weights"]}
    assert (tf2_file["kind"], tf2_file["step"]) == ("experiments.ptb_tf2", 3)
    keras = {name[:-len(SUFFIX)]: value for name, value in contents["ptb_tf2"].items()
             if name.endswith(SUFFIX)}
    cell = "Model/RNN/multi_rnn_cell/cell_0/basic_lstm_cell/"
    assert tf2_file["weights"]["Model/embedding"]["first"] == \
        keras["model/embedding/_embeddings"]["first"]
    assert tf2_file["weights"]["Model/softmax_w"]["sum"] == keras["model/softmax/_kernel"]["sum"]
    assert tf2_file["weights"][cell + "kernel"]["shape"] == [4, 8]
    assert tf2_file["weights"][cell + "kernel"]["sum"] == pytest.approx(
        keras["model/lstm_0/cell/kernel"]["sum"] + keras["model/lstm_0/cell/recurrent_kernel"]
        ["sum"], rel=1e-12)
