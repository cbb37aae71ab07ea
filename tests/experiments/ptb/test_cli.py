"""The command line: usage errors exit 2 with one line naming the flag; a real run's output
format."""
import dataclasses
import os
import re
import subprocess
import sys

from reference.tf1 import tf

import pytest
from absl.testing import flagsaver

from experiments import ptb
from experiments.ptb import __main__ as ptb_main
from experiments.shared import common
from pipelines import ptb_reader
from tests import faults
from tests.conftest import run_python
from tests.conftest import write_ptb_dir


def _run_main(monkeypatch, capsys, *args):
    monkeypatch.setattr(sys, "argv", ["experiments.ptb", *args])
    with flagsaver.flagsaver(), pytest.raises(SystemExit) as exit_info:
        common.run(ptb_main.main, ptb_main.define_flags)
    return exit_info.value.code, capsys.readouterr().err


@pytest.mark.parametrize("args, message", [
    (["--model=huge"], "flag --model=huge: value should be one of <small|medium|large|test>"),
    (["--max_steps=0"], "flag --max_steps=0: 0 is not a positive integer"),
    (["--data_path=/no/such/dir"], "flag --data_path=/no/such/dir: '/no/such/dir' has no "
                                   "ptb.train.txt, ptb.valid.txt, ptb.test.txt"),
    (["--save_path=/etc/hostname"], "flag --save_path=/etc/hostname: '/etc/hostname' exists and "
                                    "is not a directory"),
    (["--save_path=/proc/x"], "flag --save_path=/proc/x: '/proc/x' cannot be created: No such "
                              "file or directory"),
    (["--save_path=/etc/hostname/run"], "flag --save_path=/etc/hostname/run: "
                                        "'/etc/hostname/run' cannot be created: Not a directory"),
    (["--num_gpus=3"], "flag --num_gpus=3: 3 towers asked for, but this machine has no GPU and 2 "
                       "CPU cores to run them on"),
    (["--rnn_mode=cudnn"], "flag --rnn_mode=cudnn: value should be one of <basic|block|fused>"),
    (["--model=test", "extra"], "unexpected arguments: extra"),
    (["--job_name=worker"], "flags job_name=worker, task_index=0, ps_hosts=[], worker_hosts=[], "
                            "sync_replicas=False: --job_name=worker needs --ps_hosts and "
                            "--worker_hosts"),
    (["--job_name=worker", "--task_index=2", "--ps_hosts=h:1", "--worker_hosts=h:2,h:3"],
     "flags job_name=worker, task_index=2, ps_hosts=['h:1'], worker_hosts=['h:2', 'h:3'], "
     "sync_replicas=False: --task_index=2, but --worker_hosts lists 2 worker task(s)"),
    (["--job_name=ps", "--ps_hosts=h", "--worker_hosts=h:2"],
     "flags job_name=ps, task_index=0, ps_hosts=['h'], worker_hosts=['h:2'], "
     "sync_replicas=False: --ps_hosts: 'h' is not host:port"),
    (["--sync_replicas"], "flags job_name=None, task_index=0, ps_hosts=[], worker_hosts=[], "
                          "sync_replicas=True: --ps_hosts, --worker_hosts and --sync_replicas "
                          "need --job_name (ps or worker)"),
    (["--job_name=worker", "--ps_hosts=h:1", "--worker_hosts=h:2", "--num_gpus=2"],
     "--job_name does not combine with --num_gpus > 1, --debug or --dump_root in this version"),
    (["--dtype=bfloat16", "--rnn_mode=block"],
     "--dtype=bfloat16: bfloat16 needs rnn_mode basic or fused (BlockLSTM has no bfloat16 "
     "kernel) and excludes use_fp16"),
], ids=["bad_enum", "below_bound", "missing_dir", "save_path_is_a_file",
        "save_path_cannot_be_made", "save_path_under_a_file", "too_many_gpus",
        "cudnn_is_not_offered", "positional", "job_without_hosts", "task_index_past_hosts",
        "host_without_port", "sync_without_job", "job_with_towers", "bfloat16_block"])
def test_usage_errors_exit_2_with_one_line(monkeypatch, capsys, args, message):
    if common.num_visible_gpus():
        pytest.skip("the GPU-count messages assume a machine without GPU")
    code, err = _run_main(monkeypatch, capsys, *args)
    assert code == 2
    assert err == f"experiments.ptb: error: {message}\n"


def test_unreadable_data_file_is_a_usage_error_naming_it(monkeypatch, capsys, tmp_path):
    path = write_ptb_dir(tmp_path, " a b \n", " a \n", "")
    code, err = _run_main(monkeypatch, capsys, f"--data_path={path}", "--model=test")
    assert code == 2
    assert err == (f"experiments.ptb: error: --data_path: {path}/ptb.test.txt: file is empty "
                   "(no words, only line breaks at most)\n")


def test_unwritable_corpus_cache_is_one_line_naming_the_variable(monkeypatch, capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("TF1_REFERENCE_CACHE", str(blocker / "cache"))
    code, err = _run_main(monkeypatch, capsys, "--model=test")
    assert code == 2
    assert err == ("experiments.ptb: error: cannot write the generated corpus under "
                   f"{blocker}/cache: Not a directory ({blocker}/cache); set "
                   "TF1_REFERENCE_CACHE to a writable folder\n")


@pytest.mark.slow
def test_default_run_prints_the_tutorial_lines_and_the_true_perplexity(tmp_path):
    result = run_python("-m", "experiments.ptb", "--model=test", "--max_steps=30", "--seed=1",
                        env={"TF1_REFERENCE_CACHE": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"No --data_path: training on the generated corpus in .*synthetic-ptb-"
                        r"[0-9a-f]{12}; the source's true perplexity is 101\.531\.", lines[0])
    assert lines[1] == ("Training with max_max_epoch=1, enough for the generated corpus "
                        "(--max_max_epoch to change).")  # the test config's 1 is below 6
    assert lines[2] == "Epoch: 1 Learning rate: 1.000"
    progress = [line for line in lines if " speed: " in line]
    assert len(progress) == 10  # every third of the 30 capped steps
    assert all(re.fullmatch(r"0\.\d{3} perplexity: \d+\.\d{3} speed: \d+ wps", p) for p in progress)
    assert re.fullmatch(r"Epoch: 1 Train Perplexity: \d+\.\d{3}", lines[-4])
    assert re.fullmatch(r"Epoch: 1 Valid Perplexity: \d+\.\d{3}", lines[-3])
    assert re.fullmatch(r"Test Perplexity: \d+\.\d{3}", lines[-2])
    assert re.fullmatch(r"Test perplexity is \d+\.\d{3}x the source's true perplexity 101\.531\.",
                        lines[-1])
    assert result.stderr == ""


def test_another_configs_checkpoint_is_one_line_naming_the_variable(monkeypatch, capsys,
                                                                     tmp_path):
    data = write_ptb_dir(tmp_path, " a b c d e f \n" * 60, " a b c d \n" * 40, " a b c \n" * 10)
    save = tmp_path / "run"
    hidden_3 = dataclasses.replace(ptb.CONFIGS["test"], hidden_size=3, max_max_epoch=1)
    ptb.train(hidden_3, ptb_reader.ptb_raw_data(data), save_path=str(save), log=lambda line: None)
    before = {p.name: p.read_bytes() for p in save.iterdir() if "events" not in p.name}
    newest = tf.train.latest_checkpoint(str(save))
    code, err = _run_main(monkeypatch, capsys, "--model=test", f"--data_path={data}",
                          f"--save_path={save}")
    assert code == 2
    assert err == (f"experiments.ptb: error: --save_path: {newest}: Model/embedding is [7, 3], "
                   "the model's is [7, 2]: a checkpoint of another model or config (use another "
                   "--save_path)\n")
    assert {p.name: p.read_bytes() for p in save.iterdir() if "events" not in p.name} == before


def test_a_read_only_save_path_is_one_line_before_training(monkeypatch, capsys, tmp_path):
    if os.geteuid() == 0:  # root writes through permissions: a read-only file system
        read_only = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs",
                                    str(tmp_path)], capture_output=True, check=False)
        if read_only.returncode:
            pytest.skip("mount -t tmpfs -o ro failed")
        cause = "Read-only file system"
    else:
        tmp_path.chmod(0o500)
        cause = "Permission denied"
    try:
        code, err = _run_main(monkeypatch, capsys, "--model=test", f"--save_path={tmp_path}")
    finally:
        subprocess.run(["umount", str(tmp_path)], capture_output=True, check=False)
        tmp_path.chmod(0o700)
    assert (code, err) == (2, f"experiments.ptb: error: flag --save_path={tmp_path}: "
                              f"'{tmp_path}' cannot be written: {cause}\n")


def test_a_save_path_on_a_full_disk_is_one_line_before_training(monkeypatch, capsys, tmp_path):
    with faults.tmpfs(tmp_path / "disk", size="64k") as disk:
        faults.fill(disk)
        code, err = _run_main(monkeypatch, capsys, "--model=test", f"--save_path={disk}/run")
        assert (code, err) == (2, f"experiments.ptb: error: flag --save_path={disk}/run: "
                                  f"'{disk}/run' cannot be written: No space left on device\n")
        assert [p.name for p in (disk / "run").iterdir()] == []  # the probe removed
