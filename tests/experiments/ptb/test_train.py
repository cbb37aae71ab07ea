"""PTB training runs: learning on the generated corpus, resuming, summaries per scope."""
import dataclasses
import glob
import os
import re

from reference.tf1 import tf

import numpy as np
import pytest

from experiments import ptb
from pipelines import ptb_reader
from pipelines import synthetic_text
from reference.training import checkpoints
from tests import faults
from tests.conftest import real_ptb_with_valid_as_train

VOCAB = 10
IDS = [i * 7 % VOCAB for i in range(200)]
RAW = (IDS, IDS[:100], IDS[:30], VOCAB)
TINY = dataclasses.replace(ptb.CONFIGS["test"], hidden_size=3, batch_size=4, num_steps=5)
SPEC = synthetic_text.SourceSpec(vocab_size=200, num_classes=8, successors=3, train_words=20_000,
                                 valid_words=3000, test_words=1000, seed=5)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    directory, true_perplexity = synthetic_text.write_corpus(
        SPEC, cache_dir=str(tmp_path_factory.mktemp("cache")))
    return ptb_reader.ptb_raw_data(directory), true_perplexity


def test_training_on_the_generated_corpus_approaches_the_true_perplexity(small_corpus):
    raw, true_perplexity = small_corpus
    config = dataclasses.replace(ptb.CONFIGS["test"], hidden_size=32, num_steps=10, batch_size=10,
                                 max_epoch=2, max_max_epoch=3, max_grad_norm=5.0)
    metrics = ptb.train(config, raw, log=lambda line: None, seed=0)
    assert true_perplexity == pytest.approx(27.598, abs=0.001)
    assert raw[3] == 196
    # Measured (seeds 0-2): valid 37.2 after one epoch, 31.18 after three; test 30.0.
    # Untrained, each word costs ln(196): training divides perplexity by more than 5.
    assert metrics["valid_perplexity"][0] < 0.25 * raw[3]
    assert metrics["valid_perplexity"][-1] < raw[3] / 5
    assert metrics["valid_perplexity"][-1] < 0.9 * metrics["valid_perplexity"][0]
    assert metrics["test_perplexity"] < 1.2 * true_perplexity


def test_checkpoint_then_resume_continues_the_global_step(tmp_path):
    first, second = [], []
    m1 = ptb.train(TINY, RAW, save_path=str(tmp_path), log=first.append)
    m2 = ptb.train(dataclasses.replace(TINY, max_max_epoch=2), RAW, save_path=str(tmp_path),
                   log=second.append)
    assert (m1["global_step"], m2["global_step"]) == (9, 18)
    assert second[0] == (f"Resuming from global step 9 (epoch 2, step 0) of the checkpoint in "
                         f"{tmp_path}.")
    assert second[1] == "Epoch: 2 Learning rate: 0.500"  # lr schedule follows the epoch
    assert len(m2["train_perplexity"]) == 1
    assert tf.train.latest_checkpoint(str(tmp_path)) == str(tmp_path / "model.ckpt-18")
    assert first[-1] == second[-1] == f"Saving model to {tmp_path}."  # the notes' last line


def test_the_notes_save_call_writes_beside_the_logdir_where_no_one_looks(tmp_path):
    # sv.saver.save(session, FLAGS.save_path, global_step=sv.global_step) with the logdir
    # as FLAGS.save_path; the project saves to sv.save_path (<logdir>/model.ckpt)
    logdir = tmp_path / "run"
    with tf.Graph().as_default():
        tf.Variable(1.0, name="w")
        tf.train.get_or_create_global_step()
        sv = tf.train.Supervisor(logdir=str(logdir), summary_op=None, save_model_secs=0)
        with sv.managed_session() as session:
            notes = sv.saver.save(session, str(logdir), global_step=sv.global_step)
            unseen = tf.train.latest_checkpoint(str(logdir))
            ours = sv.saver.save(session, sv.save_path, global_step=sv.global_step)
    assert (notes, unseen, ours) == (f"{logdir}-0", None, f"{logdir}/model.ckpt-0")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "checkpoint", "run", "run-0.data-00000-of-00001", "run-0.index", "run-0.meta"]
    assert tf.train.latest_checkpoint(str(logdir)) == ours


def test_resume_in_the_middle_of_an_epoch_skips_the_batches_already_trained(tmp_path):
    with tf.Graph().as_default():
        step = tf.train.get_or_create_global_step()
        ptb.build_models(dataclasses.replace(TINY, vocab_size=VOCAB), RAW)
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            session.run(tf.assign(step, 4))
            tf.train.Saver().save(session, str(tmp_path / "model.ckpt"), global_step=step)
    lines = []
    metrics = ptb.train(TINY, RAW, save_path=str(tmp_path), log=lines.append)
    assert lines[0] == ("Resuming from global step 4 (epoch 1, step 4) of the checkpoint in "
                        f"{tmp_path}.")
    assert metrics["global_step"] == 9  # 5 more steps finish the 9-step epoch


def test_stale_tempstate_files_are_reported_and_removed(tmp_path):
    (tmp_path / "model.ckpt-7.data-00000-of-00001.tempstate123").write_bytes(b"x" * 10)
    lines = []
    ptb.train(TINY, RAW, save_path=str(tmp_path), log=lines.append)
    assert lines[0] == ("Removing model.ckpt-7.data-00000-of-00001.tempstate123 (10 bytes), "
                        "left by an interrupted save.")
    assert not glob.glob(str(tmp_path / "*tempstate*"))


def test_event_files_hold_each_scopes_own_summaries(tmp_path):
    ptb.train(TINY, RAW, save_path=str(tmp_path), log=lambda line: None)
    tags = {}
    for path in glob.glob(str(tmp_path / "events.out.tfevents.*")):
        for event in tf.train.summary_iterator(path):
            for value in event.summary.value:
                tags.setdefault(value.tag, []).append(event.step)
    tags.pop("global_step/sec", None)  # the Supervisor's own step counter, when it ran
    # Train: progress steps 0..8 (interval 1) -> written every step; Valid: each step, at step 9
    # range_input_producer adds its own queue-fill summary inside each phase's scope
    assert sorted(tags) == ["Test/Perplexity", "Train/Learning_Rate", "Train/Perplexity",
                            "Train/TrainInput/input_producer/fraction_of_32_full",
                            "Train/Training_Loss", "Valid/Perplexity",
                            "Valid/ValidInput/input_producer/fraction_of_32_full",
                            "Valid/Validation_Loss"]
    assert tags["Train/Training_Loss"] == list(range(9))
    assert tags["Valid/Validation_Loss"] == [9] * 4
    # the epoch lines' perplexities, at step = epoch (test: after the last epoch)
    assert tags["Train/Perplexity"] == tags["Valid/Perplexity"] == tags["Test/Perplexity"] == [1]


def test_real_ptb_with_zero_weights_has_perplexity_equal_to_the_vocabulary(tmp_path):
    raw = ptb_reader.ptb_raw_data(real_ptb_with_valid_as_train(tmp_path))
    config = dataclasses.replace(ptb.CONFIGS["small"], init_scale=0.0, learning_rate=0.0,
                                 max_max_epoch=1)
    metrics = ptb.train(config, raw, log=lambda line: None, max_steps=3)
    np.testing.assert_allclose(metrics["valid_perplexity"], [6022.0], rtol=1e-4)
    assert metrics["test_perplexity"] == pytest.approx(6022.0, rel=1e-4)


@pytest.mark.parametrize("num_towers", [1, 2], ids=["one_device", "two_towers"])
def test_a_damaged_newest_checkpoint_resumes_from_the_one_before(tmp_path, num_towers):
    for epochs in (1, 2):  # model.ckpt-9, then -18 (and what the Supervisor's timer saved)
        ptb.train(dataclasses.replace(TINY, max_max_epoch=epochs), RAW, save_path=str(tmp_path),
                  log=lambda line: None, num_towers=num_towers)
    state = tf.train.get_checkpoint_state(str(tmp_path))
    newest, fallback = state.model_checkpoint_path, state.all_model_checkpoint_paths[-2]
    assert newest == str(tmp_path / "model.ckpt-18")
    step = int(tf.train.load_checkpoint(fallback).get_tensor("global_step"))
    # the checkpoints older than the fallback; the fallback itself the resumed Supervisor's timed
    # thread saves again at its start, holding the learning rate of the moment it runs
    older = state.all_model_checkpoint_paths[:-2]
    assert [os.path.basename(prefix) for prefix in older] == ["model.ckpt-0"]
    intact = {p.name: p.read_bytes() for prefix in older
              for p in tmp_path.glob(os.path.basename(prefix) + ".*")}
    damaged = faults.flip_middle_byte(tmp_path / "model.ckpt-18.data-00000-of-00001")
    lines = []
    metrics = ptb.train(dataclasses.replace(TINY, max_max_epoch=3), RAW,
                        save_path=str(tmp_path), log=lines.append, num_towers=num_towers)
    assert lines[0].startswith(f"{newest} does not restore: TensorBundle at model.ckpt-18 "
                               "shard 0 (")
    assert "Checksum does not match" in lines[0]
    epoch, skip = divmod(step, 9)
    assert lines[1:4] == [
        "Renamed the files of model.ckpt-18 to *.damaged.",
        f"Resuming from {os.path.basename(fallback)} (global step {step}) instead.",
        f"Resuming from global step {step} (epoch {epoch + 1}, step {skip}) of the checkpoint "
        f"in {tmp_path}."]
    assert metrics["global_step"] == 27
    assert (tmp_path / "model.ckpt-18.data-00000-of-00001.damaged").read_bytes() == damaged
    assert {name: (tmp_path / name).read_bytes() for name in intact} == intact


def _files(directory, prefix):
    return {p.name: p.read_bytes() for p in directory.glob(prefix + ".*")}


def test_a_disk_full_mid_run_stops_in_one_line_and_keeps_the_last_checkpoint(tmp_path):
    with faults.tmpfs(tmp_path / "disk") as disk:
        kept = {}

        def log(line):  # in the training's thread: the disk fills just before epoch 2 ends
            if line.startswith("Epoch: 2 Valid Perplexity"):
                kept.update(_files(disk, "model.ckpt-9"))
                faults.fill(disk)

        with pytest.raises(checkpoints.SaveFailed) as raised:
            ptb.train(dataclasses.replace(TINY, max_max_epoch=3), RAW, save_path=str(disk),
                      log=log)
        # the first write that needs a new page fails: the epoch's summaries (flushed before
        # the save) where the event file's last page is full, else the checkpoint's data
        assert re.fullmatch(
            rf"cannot write {re.escape(str(disk))}/(events\.out\.tfevents\.\d+\.\S+|model\."
            r"ckpt-18\.data-00000-of-00001): No space left on device \(the last checkpoint, "
            r"model\.ckpt-9, is kept\)", str(raised.value))
        assert tf.train.latest_checkpoint(str(disk)) == str(disk / "model.ckpt-9")
        assert set(kept) == {"model.ckpt-9.data-00000-of-00001", "model.ckpt-9.index",
                             "model.ckpt-9.meta"}
        assert _files(disk, "model.ckpt-9") == kept
        assert not list(disk.glob("model.ckpt-18*"))  # no file of the save that did not happen
        # the kept checkpoint restores: a rerun on a disk with room again resumes from it
        (disk / "filler").unlink()
        lines = []
        metrics = ptb.train(dataclasses.replace(TINY, max_max_epoch=3), RAW,
                            save_path=str(disk), log=lines.append)
        assert lines[0] == ("Resuming from global step 9 (epoch 2, step 0) of the checkpoint in "
                            f"{disk}.")
        assert metrics["global_step"] == 27


def test_a_disk_full_at_resume_stops_in_one_line_before_training(tmp_path):
    with faults.tmpfs(tmp_path / "disk") as disk:
        ptb.train(dataclasses.replace(TINY, max_max_epoch=1), RAW, save_path=str(disk),
                  log=lambda line: None)
        kept = _files(disk, "model.ckpt-9")
        faults.fill(disk)
        lines = []
        with pytest.raises(checkpoints.SaveFailed) as raised:
            ptb.train(dataclasses.replace(TINY, max_max_epoch=2), RAW, save_path=str(disk),
                      log=lines.append)
        # the Supervisor writes graph.pbtxt before anything else
        assert str(raised.value) == (f"cannot write {disk}/graph.pbtxt: No space left on device "
                                     "(the last checkpoint, model.ckpt-9, is kept)")
        assert lines == []
        assert _files(disk, "model.ckpt-9") == kept
        assert not [p.name for p in disk.iterdir() if ".tmp" in p.name]  # the failed write's
