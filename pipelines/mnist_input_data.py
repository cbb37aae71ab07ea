"""``input_data.read_data_sets`` re-created: MNIST (or generated digits) with ``next_batch``.

Replaces the removed ``tensorflow.examples.tutorials.mnist.input_data`` that notes 000, 003
and 004 import (``mnist = input_data.read_data_sets("MNIST_data/", one_hot=True)``,
``mnist.train.next_batch(100)``, ``mnist.test.images``, ``mnist.test.labels``), without its
download: the files must be on disk (``mnist_idx``), and without a path the data are
generated digits (``synthetic_digits``).

Which images go where (``load_arrays``):
* a folder with ``train-*`` and ``t10k-*`` idx files: train is train, test is t10k;
* a folder with only ``t10k-*`` (as ``../shared/data/mnist``): the first 8,000 test images
  train and the last 2,000 test (MNIST orders its test set easier writers first, so these
  are the harder ones);
* no folder: ``generated_train`` and ``generated_test`` generated digits of the train and
  t10k seeds.

``DataSet`` keeps the original's behaviour: images float32 ``[n, 784]`` in [0, 1], labels as
ids or one-hot float32, and ``next_batch`` that shuffles at the start of every epoch and, at
an epoch's end, joins its last examples with the start of the next shuffled epoch.
"""
import collections

import numpy as np

from pipelines import mnist_idx
from pipelines import synthetic_digits

HELD_OUT = 2000


def load_arrays(data_path=None, generated_train=20000, generated_test=2000):
    """``(train_images, train_labels, test_images, test_labels)`` as uint8 arrays, chosen as
    the module docstring says.

    Raises:
      FileNotFoundError, mnist_idx.IdxFormatError: the folder's files are missing or bad.
    """
    if not data_path:
        return (*synthetic_digits.load_split("train", generated_train),
                *synthetic_digits.load_split("t10k", generated_test))
    test = mnist_idx.load(data_path, "t10k")
    try:
        return (*mnist_idx.load(data_path, "train"), *test)
    except FileNotFoundError:
        images, labels = test
        return images[:-HELD_OUT], labels[:-HELD_OUT], images[-HELD_OUT:], labels[-HELD_OUT:]


class DataSet:
    """One split: ``images``, ``labels``, ``num_examples``, ``epochs_completed``, ``next_batch``."""

    def __init__(self, images, labels, one_hot=False, seed=0):
        self.images = images.reshape(len(images), -1).astype(np.float32) / 255
        self.labels = (np.eye(10, dtype=np.float32)[labels] if one_hot
                       else labels.astype(np.int64))
        self.num_examples = len(labels)
        self.epochs_completed = 0
        self._rng = np.random.default_rng(seed)
        self._order = self._rng.permutation(self.num_examples)
        self._position = 0

    def next_batch(self, batch_size):
        """The next ``(images, labels)`` of ``batch_size`` examples."""
        if not 0 < batch_size <= self.num_examples:
            raise ValueError(f"batch_size must be in 1..{self.num_examples}, got {batch_size}")
        taken = []
        needed = batch_size
        while needed:
            part = self._order[self._position:self._position + needed]
            taken.append(part)
            needed -= len(part)
            self._position += len(part)
            if self._position == self.num_examples:
                self.epochs_completed += 1
                self._order = self._rng.permutation(self.num_examples)
                self._position = 0
        chosen = np.concatenate(taken)
        return self.images[chosen], self.labels[chosen]


Datasets = collections.namedtuple("Datasets", ["train", "test"])


def read_data_sets(data_path=None, one_hot=False, seed=0, generated_train=20000,
                   generated_test=2000):
    """The notes' ``input_data.read_data_sets(path, one_hot=...)``: ``Datasets(train, test)``."""
    train_x, train_y, test_x, test_y = load_arrays(data_path, generated_train, generated_test)
    return Datasets(DataSet(train_x, train_y, one_hot, seed),
                    DataSet(test_x, test_y, one_hot, seed))
