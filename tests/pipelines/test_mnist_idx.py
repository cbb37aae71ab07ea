"""MNIST idx files: header checks with clear errors, and the real test set when present."""
import gzip

import numpy as np
import pytest

from pipelines import mnist_idx
from tests import conftest


def write_split(directory, images, labels, gz=True):
    ext = ".gz" if gz else ""
    mnist_idx.write_idx(directory / f"t10k-images-idx3-ubyte{ext}", images)
    mnist_idx.write_idx(directory / f"t10k-labels-idx1-ubyte{ext}", labels)


@pytest.mark.parametrize("gz", [True, False], ids=["gzipped", "plain"])
def test_written_split_loads_back_exactly(tmp_path, gz):
    images = np.arange(3 * 28 * 28, dtype=np.int64).reshape(3, 28, 28).astype(np.uint8)
    write_split(tmp_path, images, np.array([7, 0, 9], np.uint8), gz=gz)
    got_images, got_labels = mnist_idx.load(tmp_path)
    np.testing.assert_array_equal(got_images, images)
    assert got_labels.tolist() == [7, 0, 9]


def test_header_is_big_endian_magic_then_sizes(tmp_path):
    mnist_idx.write_idx(tmp_path / "labels", np.array([1, 2], np.uint8))
    assert (tmp_path / "labels").read_bytes() == bytes.fromhex("00000801" "00000002" "0102")


def test_labels_file_read_as_images_is_a_bad_magic_number(tmp_path):
    mnist_idx.write_idx(tmp_path / "labels.gz", np.zeros(4, np.uint8))
    with pytest.raises(mnist_idx.IdxFormatError, match=r"labels\.gz: magic number 0x00000801, "
                       r"expected 0x00000803 \(idx3, unsigned bytes\)"):
        mnist_idx.read_idx(tmp_path / "labels.gz", mnist_idx.IMAGES_MAGIC)


@pytest.mark.parametrize("change, found", [(-1, 1567), (+1, 1569)], ids=["short", "long"])
def test_data_length_must_match_the_header(tmp_path, change, found):
    raw = bytes.fromhex("00000803" "00000002" "0000001c" "0000001c") + bytes(1568 + change)
    (tmp_path / "images").write_bytes(raw)
    with pytest.raises(mnist_idx.IdxFormatError, match=rf"images: {found} bytes of data, but "
                       r"the header's shape 2x28x28 needs 1568"):
        mnist_idx.read_idx(tmp_path / "images", mnist_idx.IMAGES_MAGIC)


def test_a_file_shorter_than_its_header_and_a_damaged_gzip_are_named(tmp_path):
    (tmp_path / "stub").write_bytes(b"\x00\x00\x08")
    with pytest.raises(mnist_idx.IdxFormatError,
                       match=r"stub: 3 bytes, too short for an idx header of 1 dimensions"):
        mnist_idx.read_idx(tmp_path / "stub", mnist_idx.LABELS_MAGIC)
    (tmp_path / "cut.gz").write_bytes(gzip.compress(bytes(100))[:-9])
    with pytest.raises(mnist_idx.IdxFormatError, match=r"cut\.gz: not a readable gzip file"):
        mnist_idx.read_idx(tmp_path / "cut.gz", mnist_idx.LABELS_MAGIC)


def test_split_errors_name_what_is_missing_or_inconsistent(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"neither t10k-images-idx3-ubyte nor "
                       r"t10k-images-idx3-ubyte\.gz found"):
        mnist_idx.load(tmp_path)
    write_split(tmp_path, np.zeros((2, 28, 28), np.uint8), np.array([1], np.uint8))
    with pytest.raises(mnist_idx.IdxFormatError, match=r"holds 2 images but .* holds 1 labels"):
        mnist_idx.load(tmp_path)
    write_split(tmp_path, np.zeros((2, 28, 28), np.uint8), np.array([1, 12], np.uint8))
    with pytest.raises(mnist_idx.IdxFormatError, match=r"label 12 at index 1, digits are 0-9"):
        mnist_idx.load(tmp_path)
    with pytest.raises(ValueError, match=r"split must be one of \('train', 't10k'\), got 'test'"):
        mnist_idx.load(tmp_path, split="test")


def test_real_mnist_test_set_counts_histogram_and_pixel_sum():
    images, labels = mnist_idx.load(conftest.shared_data_dir("mnist"), split="t10k")
    assert images.shape == (10000, 28, 28) and labels.shape == (10000,)
    assert np.bincount(labels).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    assert int(images.sum(dtype=np.int64)) == 264923200  # mean 33.79, MNIST's 0.1325 * 255
    assert labels[:10].tolist() == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]
    assert int(images[0].sum()) == 18454
