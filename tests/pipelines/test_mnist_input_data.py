"""read_data_sets re-created: which images train and test, one-hot labels, next_batch epochs."""
import importlib

from reference.tf1 import tf

import numpy as np
import pytest

from pipelines import mnist_idx
from pipelines import mnist_input_data
from tests import conftest


def test_only_a_test_set_is_split_8000_to_train_and_the_last_2000_to_test(tmp_path):
    labels = (np.arange(10000) % 10).astype(np.uint8)
    mnist_idx.write_idx(tmp_path / "t10k-images-idx3-ubyte", np.zeros((10000, 28, 28), np.uint8))
    mnist_idx.write_idx(tmp_path / "t10k-labels-idx1-ubyte", labels)
    train_x, train_y, test_x, test_y = mnist_input_data.load_arrays(str(tmp_path))
    assert (len(train_y), len(test_y)) == (8000, 2000)
    assert test_y[:3].tolist() == [0, 1, 2]  # image 8000 onwards


def test_train_and_test_files_are_used_as_they_are(tmp_path):
    for split, count in (("train", 30), ("t10k", 20)):
        mnist_idx.write_idx(tmp_path / f"{split}-images-idx3-ubyte.gz",
                            np.full((count, 28, 28), count, np.uint8))
        mnist_idx.write_idx(tmp_path / f"{split}-labels-idx1-ubyte.gz", np.zeros(count, np.uint8))
    sets = mnist_input_data.read_data_sets(str(tmp_path), one_hot=True)
    assert (sets.train.num_examples, sets.test.num_examples) == (30, 20)
    assert sets.train.images.shape == (30, 784) and sets.train.images.max() == np.float32(30 / 255)
    assert sets.test.labels.shape == (20, 10) and sets.test.labels[0].tolist() == [1] + [0] * 9


def test_next_batch_shuffles_each_epoch_and_joins_across_its_end():
    data = mnist_input_data.DataSet(np.zeros((5, 28, 28), np.uint8), np.arange(5), seed=1)
    batches = [data.next_batch(2)[1].tolist() for _ in range(5)]
    first_epoch = batches[0] + batches[1] + batches[2][:1]
    assert sorted(first_epoch) == [0, 1, 2, 3, 4]
    assert data.epochs_completed == 2  # 10 examples taken from 5
    assert sorted(batches[2][1:] + batches[3] + batches[4]) == [0, 1, 2, 3, 4]
    with pytest.raises(ValueError, match=r"batch_size must be in 1..5, got 6"):
        data.next_batch(6)


def test_without_a_path_the_splits_are_generated_digits():
    train_x, train_y, test_x, test_y = mnist_input_data.load_arrays(None, 4, 3)
    assert (train_x.shape, test_x.shape) == ((4, 28, 28), (3, 28, 28))


@pytest.mark.parametrize("module", ["tensorflow.examples.tutorials.mnist.input_data",
                                    "tensorflow.examples.tutorials.mnist"],
                         ids=["note_003_import_as", "note_004_from_import"])
def test_the_notes_input_data_import_is_gone(module):
    assert tf.__name__ == "tensorflow.compat.v1"  # TensorFlow itself imports
    with pytest.raises(ModuleNotFoundError, match=r"^No module named 'tensorflow\.examples'$"):
        importlib.import_module(module)


def test_the_notes_read_data_sets_call_reads_the_shared_t10k(monkeypatch):
    """``read_data_sets("MNIST_data/", one_hot=True)``: no download, so the folder must hold
    the files; given the shared t10k it is 8,000 one-hot training images and 2,000 to test."""
    path = conftest.shared_data_dir("mnist")
    monkeypatch.chdir(path.parent)
    with pytest.raises(FileNotFoundError, match=r"^MNIST_data/: neither t10k-images-idx3-ubyte "
                                                r"nor t10k-images-idx3-ubyte\.gz found$"):
        mnist_input_data.read_data_sets("MNIST_data/", one_hot=True)
    mnist = mnist_input_data.read_data_sets(f"{path.name}/", one_hot=True)
    assert (mnist.train.images.shape, mnist.train.labels.shape) == ((8000, 784), (8000, 10))
    assert (mnist.test.images.shape, mnist.test.labels.shape) == ((2000, 784), (2000, 10))
    assert mnist.train.labels.sum(axis=1).tolist() == [1.0] * 8000  # one-hot rows
