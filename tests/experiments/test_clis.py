"""The small experiments' command lines: bad flags and bad data are one line on stderr, exit 2.

Every script runs in this process as ``python -m`` would run it (``conftest.run_module``), so
TensorFlow is imported once for all of them; one of them also runs as a real child process."""
from reference.tf1 import tf

import pytest

from reference.training import checkpoints
from tests import conftest
from tests import faults

CASES = {  # script -> (arguments, the one line on stderr after "<script>: error: ")
    "mnist_rnn": (["--data_path=/nonexistent-mnist"],
                  "--data_path: /nonexistent-mnist: neither t10k-images-idx3-ubyte nor "
                  "t10k-images-idx3-ubyte.gz found"),
    "sin_lstm": (["--keep_prob=0"], "--keep_prob: keep_prob must be in (0, 1], got 0.0"),
    "echo_rnn": (["--num_epochs=0"], "flag --num_epochs=0: 0 is not a positive integer"),
    "sin_cos": (["--data_path=/tmp"], "--data_path: this script generates its curves and reads "
                                      "no files"),
    "bidirectional": (["extra"], "unexpected arguments: extra"),
    "char_rnn": (["--data_path=/nonexistent.txt"],
                 "--data_path: /nonexistent.txt: file not found (give a UTF-8 text file)"),
    "custom_cell": (["--config=huge"], "flag --config=huge: value should be one of "
                                       "<default|test>"),
    "linear_regression": (["--data_path=/tmp"], "--data_path: this script generates its points "
                                                "and reads no files"),
    "mnist_softmax": (["--data_path=/nonexistent-mnist"],
                      "--data_path: /nonexistent-mnist: neither t10k-images-idx3-ubyte nor "
                      "t10k-images-idx3-ubyte.gz found"),
    "regularized_mlp": (["--style=l1"], "flag --style=l1: value should be one of "
                                        "<collection|scope>"),
    "deconv_autoencoder": (["--data_path=/nonexistent-mnist"],
                           "--data_path: /nonexistent-mnist: neither t10k-images-idx3-ubyte nor "
                           "t10k-images-idx3-ubyte.gz found"),
    "ema_training": (["--seed=x"], "flag --seed=x: invalid literal for int() with base 10: 'x'"),
    "word2vec": (["--data_path=/nonexistent.txt"], "--data_path: /nonexistent.txt: file not found"),
    "seq2seq_sort": (["--data_path=/tmp"], "--data_path: this script generates its words and "
                                           "reads no files"),
    "mnist_cnn": (["--config=huge"], "flag --config=huge: value should be one of "
                                     "<default|real|test>"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_usage_error_is_one_line_and_exit_2(name):
    args, message = CASES[name]
    returncode, stdout, stderr = conftest.run_module(f"experiments.{name}", *args)
    assert (returncode, stdout) == (2, "")
    assert stderr.splitlines() == [f"experiments.{name}: error: {message}"]


@pytest.mark.slow
def test_the_same_error_from_a_real_python_m_process():
    args, message = CASES["sin_lstm"]
    result = conftest.run_python("-m", "experiments.sin_lstm", *args)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [f"experiments.sin_lstm: error: {message}"]


FULL_DISK = {  # script -> (its arguments, the checkpoint whose save finds the disk full, the kept)
    "ptb": (["--model=test", "--max_steps=50", "--max_max_epoch=2"], "model.ckpt-100",
            "model.ckpt-50"),
    "linear_regression": ([], "model.ckpt-201", "model.ckpt-200"),
}


@pytest.fixture(scope="module")
def full_disk_runs(tmp_path_factory):
    """Each script of ``FULL_DISK`` run as a child (both at once) whose named checkpoint's
    files are on a full disk (``faults.full_files_env``): ``{name: (directory, result)}``."""
    library = faults.require_full_files_library()
    started = {}
    for name, (args, full, _) in FULL_DISK.items():
        directory = tmp_path_factory.mktemp(name)
        started[name] = directory, conftest.start_python(
            "-m", f"experiments.{name}", *args, f"--save_path={directory}",
            env=faults.full_files_env(library, directory, full + "."))
    return {name: (directory, conftest.finish(process))
            for name, (directory, process) in started.items()}


@pytest.mark.parametrize("name", sorted(FULL_DISK))
def test_a_save_on_a_full_disk_is_one_line_exit_1_and_the_last_checkpoint_is_kept(
        full_disk_runs, name):
    directory, (returncode, _, stderr) = full_disk_runs[name]
    _, full, kept = FULL_DISK[name]
    assert returncode == 1
    assert stderr.splitlines() == [
        f"experiments.{name}: error: cannot write {directory}/{full}.data-00000-of-00001: No "
        f"space left on device (the last checkpoint, {kept}, is kept)"]
    assert tf.train.latest_checkpoint(str(directory)) == str(directory / kept)
    assert not list(directory.glob(full + ".*"))
    assert checkpoints.newest_restorable(str(directory), {}, log=pytest.fail) == str(
        directory / kept)  # every tensor of it reads back, checksums checked
