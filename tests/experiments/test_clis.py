"""The small experiments' command lines: bad flags and bad data are one line on stderr, exit 2.

Every script runs in this process as ``python -m`` would run it (``conftest.run_module``), so
TensorFlow is imported once for all of them; one of them also runs as a real child process."""
import pytest

from tests import conftest

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
