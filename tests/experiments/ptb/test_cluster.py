"""PTB by between-graph replication on this machine: the launcher, asynchronous and synchronous
training, a worker and the chief killed and started again, and the timeouts of a missing ps
or chief.

Every cluster runs in a private network namespace that has only loopback (TensorFlow's
servers listen on all interfaces), so no byte leaves the machine; where no namespace can be
made (not root, no unshare) these tests skip saying so. The scenarios that need more than the
launcher's command line run in one child inside the namespace (``cluster_scenarios.py``).
"""
import json
import pathlib
import re
import subprocess
import sys

from reference.tf1 import tf

import pytest

from experiments.tools import launch_local_cluster
from pipelines import synthetic_text
from tests.conftest import ROOT
from tests.conftest import child_env
from tests.conftest import run_python
from tests.conftest import without_version_noise

pytestmark = pytest.mark.slow
SPEC = synthetic_text.SourceSpec(vocab_size=200, num_classes=8, successors=3, train_words=20_000,
                                 valid_words=3000, test_words=1000, seed=5)
STEPS = ["--model=test", "--seed=0", "--max_steps=30", "--max_max_epoch=2"]  # 30-batch epochs
TASK_LINE = re.compile(r"\[(launch|ps0|worker0|worker1)\] ")
START = re.compile(r"\[worker(\d)\] Worker \1: global step (\d+) of (\d+)\.$")
DONE = re.compile(
    r"\[worker(\d)\] Worker \1: done after (\d+) training steps; global step (\d+)\.$")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    directory, _ = synthetic_text.write_corpus(SPEC, cache_dir=str(tmp_path_factory.mktemp("c")))
    return directory


@pytest.fixture(scope="module")
def namespace():
    """Skips unless a network namespace with loopback can be made here."""
    try:
        argv = launch_local_cluster.private_network_argv(["true"])
    except ValueError as err:
        pytest.skip(f"no private network namespace for the cluster: it {err}")
    probe = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=30)
    if probe.returncode:
        pytest.skip(f"no private network namespace for the cluster: {probe.stderr.strip()}")


def launch(corpus, *args, save_path=None):
    save = [f"--save_path={save_path}"] if save_path else []
    result = run_python("-m", "experiments.tools.launch_local_cluster", "--private_network", "--",
                        "experiments.ptb", f"--data_path={corpus}", *STEPS, *args, *save,
                        timeout=300)
    return result.returncode, result.stdout.splitlines(), result.stderr


def done_lines(lines):
    """``{worker: (training steps, global step)}`` from the workers' last lines."""
    return {int(m[1]): (int(m[2]), int(m[3])) for m in map(DONE.match, lines) if m}


def test_async_cluster_trains_and_every_task_exits_by_itself(namespace, corpus):
    status, lines, stderr = launch(corpus)
    assert (status, stderr) == (0, "")
    assert all(TASK_LINE.match(line) for line in lines)
    assert [line.split(" --job_name=")[1].split(" --ps_hosts=")[0] for line in lines
            if line.startswith("[launch] ") and " -m " in line] == [
        "ps --task_index=0", "worker --task_index=0", "worker --task_index=1"]
    assert "[ps0] ps 0: all 2 workers are done; exiting." in lines
    assert any(re.fullmatch(r"\[launch\] worker0 \(chief\) exited with status 0 after [\d.]+ s",
                            line) for line in lines)
    assert re.fullmatch(r"\[launch\] all tasks ended [\d.]+ s later", lines[-1])  # none stopped
    # the start barrier: worker 1 reads the global step before it says it is ready, and the
    # chief trains only after that, so worker 1 finds step 0 and makes at least one step
    assert "[worker1] Worker 1: global step 0 of 120." in lines
    done = done_lines(lines)
    steps, final = sum(s for s, _ in done.values()), max(g for _, g in done.values())
    assert all(s > 0 for s, _ in done.values()) and len(done) == 2
    assert steps == final  # asynchronous: every batch of every worker is one global step
    assert 120 <= final <= 121  # 2 epochs x 30 batches x 2 workers; the other may finish its step
    # the model after the 120 global steps, whichever worker made them (how the steps split
    # between the workers, and so each one's own epoch perplexities, depends on the machine):
    # measured 62.4; untrained ~200, the vocabulary; the source's true perplexity is 27.6
    valid = [float(line.rsplit(" ", 1)[1]) for line in lines if "Valid Perplexity" in line]
    assert len(valid) == 1 and valid[0] < SPEC.vocab_size / 2


def test_sync_replicas_count_one_global_step_per_aggregated_batch_pair(namespace, corpus,
                                                                       tmp_path):
    status, lines, stderr = launch(corpus, "--sync_replicas", save_path=tmp_path)
    assert (status, stderr) == (0, "")
    done = done_lines(lines)
    steps, final = sum(s for s, _ in done.values()), max(g for _, g in done.values())
    assert len(done) == 2 and all(s > 0 for s, _ in done.values())  # every worker made steps
    assert final >= 60  # 2 epochs x 30 aggregated steps
    assert steps >= 2 * final  # each global step took two gradients (stale ones are dropped)
    assert tf.train.latest_checkpoint(str(tmp_path)) == str(tmp_path / f"model.ckpt-{final}")
    assert not any("Traceback" in line for line in lines)


@pytest.fixture(scope="module")
def scenarios(namespace, corpus, tmp_path_factory):
    save_path = tmp_path_factory.mktemp("chief_fault")
    argv = launch_local_cluster.private_network_argv(
        [sys.executable, "-m", "tests.experiments.ptb.cluster_scenarios", corpus, str(save_path),
         "fault", "chief_fault", "missing_ps", "missing_chief"])
    result = subprocess.run(argv, cwd=ROOT, env=child_env(), capture_output=True, text=True,
                            timeout=540, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    observed = json.loads(result.stdout.splitlines()[-1])
    observed["chief_fault"]["save_path"] = str(save_path)
    return observed


def _after(lines, marker):
    return lines[lines.index(marker) + 1:]


def test_a_killed_worker_started_again_joins_and_training_ends(scenarios):
    fault = scenarios["fault"]  # synchronous; worker 1 killed after two progress lines
    assert (fault["killed"], fault["chief"], fault["restarted"], fault["ps"]) == (-9, 0, 0, 0)
    assert fault["stopped"] == []  # every task exited by itself
    again = _after(fault["lines"], "[scenario] starting worker1 again")
    start = [m for m in map(START.match, again) if m and m[1] == "1"]
    assert len(start) == 1 and int(start[0][2]) > 0 and start[0][3] == "120"  # joined mid-run
    done = done_lines(again)
    assert done[1][0] > 0 and done[0][1] >= 120


def test_a_killed_chief_started_again_restores_the_newest_checkpoint_that_restores(scenarios):
    fault = scenarios["chief_fault"]  # asynchronous, checkpoints every 120 global steps
    assert (fault["killed"], fault["alone"], fault["chief"], fault["ps"]) == (-9, 0, 0, 0)
    assert fault["stopped"] == []
    latest, save_path = fault["latest"], fault["save_path"]
    # the first checkpoint after step 0: the chief's hook saves once the global step it fetched
    # with a batch reaches 120, and worker 1's batches run meanwhile (seen: 120, 121, 122)
    assert 120 <= latest < 240
    after_kill = _after(fault["lines"],
                        f"[scenario] killed worker0; latest checkpoint step {latest}, damaged")
    assert done_lines(after_kill)[1][1] == 240  # worker 1 finished training alone
    # the chief, started again, sets the damaged checkpoint aside, rolls the ps back to the one
    # before (step 0) and trains to the end alone
    said = [line for line in after_kill if line.startswith("[worker0] ")
            and not line.startswith("[worker0] Removing ")]  # a save the kill cut short
    assert re.fullmatch(rf"\[worker0\] {re.escape(save_path)}/model\.ckpt-{latest} does not "
                        rf"restore: TensorBundle at model\.ckpt-{latest} shard 0 \(\d+ bytes\): "
                        r"Checksum does not match: stored \d+ vs\. calculated on the restored "
                        r"bytes \d+\.",
                        said[0])
    assert said[1:4] == [f"[worker0] Renamed the files of model.ckpt-{latest} to *.damaged.",
                         "[worker0] Resuming from model.ckpt-0 (global step 0) instead.",
                         "[worker0] Worker 0: global step 0 of 240."]
    assert done_lines(after_kill)[0] == (240, 240) and fault["final"] == 240
    assert sorted(p.name for p in pathlib.Path(save_path).glob("*.damaged")) == [
        name + ".damaged" for name in fault["damaged"]]
    # a temporary file of the save the kill cut short is removed, not set aside
    removed = [line for line in after_kill if line.startswith("[worker0] Removing ")]
    assert set(fault["leftovers"]) <= {line.split()[2] for line in removed}
    assert not [name for name in fault["leftovers"] if (pathlib.Path(save_path) / name).exists()]


def test_a_missing_ps_is_a_timeout_naming_it(scenarios):
    missing = scenarios["missing_ps"]
    assert missing["status"] == 1
    assert without_version_noise(missing["stderr"]) == (
        f"experiments.ptb: error: no ps task listening at "
                                 f"127.0.0.1:{missing['ps_port']} after 2 s\n")
    assert missing["seconds"] >= 2  # it waited the timeout (plus starting TensorFlow)


def test_a_missing_chief_is_a_timeout_naming_what_it_did_not_initialize(scenarios):
    missing = scenarios["missing_chief"]
    assert missing["status"] == 1
    assert [line for line in missing["lines"] if line.startswith("[worker1] ")][-1] == (
        "[worker1] experiments.ptb: error: the chief (worker 0) has not initialized the model "
        "after 3 s (7 variables, e.g. global_step, Model/embedding, "
        "Model/RNN/multi_rnn_cell/cell_0/basic_lstm_cell/kernel)")
