"""MNIST's idx files: read with the header checked, and written (for converters and tests).

Reproduces: the files the notes' ``input_data.read_data_sets("MNIST_data/")`` (note 000, the
softmax and CNN examples) downloaded and parsed. ``tensorflow.examples.tutorials`` is gone
from TensorFlow 2.x and nothing may be downloaded here: this reads files already on disk, e.g.
``t10k-images-idx3-ubyte.gz`` and ``t10k-labels-idx1-ubyte.gz``, gzipped or not.

The idx format (http://yann.lecun.com/exdb/mnist/): a big-endian header -- two zero bytes,
a type byte (0x08: unsigned byte), the number of dimensions, then one 32-bit size per
dimension -- followed by the values, row-major. Images are idx3 (magic 0x00000803, count x 28 x
28), labels idx1 (magic 0x00000801, count). Anything else raises ``IdxFormatError`` naming
the file and what is wrong, instead of a reshape error or silently wrong data.
"""
import gzip
import os
import zlib

import numpy as np

IMAGES_MAGIC = 0x00000803
LABELS_MAGIC = 0x00000801
SPLITS = ("train", "t10k")


class IdxFormatError(ValueError):
    """An idx file's header or length is wrong; the message names the file."""


def _read_bytes(path):
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"{path}: no such idx file")
    try:
        with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
            return f.read()
    except (OSError, EOFError, zlib.error) as err:
        raise IdxFormatError(f"{path}: not a readable gzip file ({err})") from None


def read_idx(path, magic):
    """Reads an idx file of unsigned bytes whose magic number must be ``magic``.

    Returns:
      uint8 array shaped as the header says.

    Raises:
      FileNotFoundError: no such file.
      IdxFormatError: wrong magic number, or the data is shorter or longer than the header
        says (the message gives both lengths), or a damaged gzip stream.
    """
    raw = _read_bytes(path)
    ndim = magic & 0xFF
    found = int.from_bytes(raw[:4], "big") if len(raw) >= 4 else None
    if found is not None and found != magic:
        raise IdxFormatError(f"{path}: magic number 0x{found:08x}, expected 0x{magic:08x} "
                             f"(idx{ndim}, unsigned bytes)")
    if len(raw) < 4 + 4 * ndim:
        raise IdxFormatError(f"{path}: {len(raw)} bytes, too short for an idx header of "
                             f"{ndim} dimensions")
    shape = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    data = raw[4 + 4 * ndim:]
    expected = int(np.prod(shape))
    if len(data) != expected:
        raise IdxFormatError(f"{path}: {len(data)} bytes of data, but the header's shape "
                             f"{'x'.join(map(str, shape))} needs {expected}")
    return np.frombuffer(data, dtype=np.uint8).reshape(shape)


def write_idx(path, array):
    """Writes a uint8 array as an idx file (gzipped when ``path`` ends in ``.gz``)."""
    array = np.asarray(array)
    if array.dtype != np.uint8:
        raise ValueError(f"idx files written here hold uint8, got {array.dtype}")
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(
        int(n).to_bytes(4, "big") for n in array.shape)
    with (gzip.open if os.fspath(path).endswith(".gz") else open)(path, "wb") as f:
        f.write(header + array.tobytes())


def split_paths(directory, split="t10k"):
    """The ``(images, labels)`` files of ``split`` in ``directory``, plain or ``.gz``.

    Raises:
      FileNotFoundError: naming the file names looked for.
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    found = []
    for stem in (f"{split}-images-idx3-ubyte", f"{split}-labels-idx1-ubyte"):
        candidates = [os.path.join(directory, stem + ext) for ext in ("", ".gz")]
        existing = [c for c in candidates if os.path.isfile(c)]
        if not existing:
            raise FileNotFoundError(f"{directory}: neither {stem} nor {stem}.gz found")
        found.append(existing[0])
    return tuple(found)


def load(directory, split="t10k"):
    """Reads a split: ``(images, labels)``, uint8 ``[n, 28, 28]`` and uint8 ``[n]``.

    Raises:
      FileNotFoundError, IdxFormatError: as ``split_paths`` and ``read_idx``; also when the
        two files disagree on the count, an image is not 28x28, or a label is above 9.
    """
    images_path, labels_path = split_paths(directory, split)
    images = read_idx(images_path, IMAGES_MAGIC)
    labels = read_idx(labels_path, LABELS_MAGIC)
    if images.shape[1:] != (28, 28):
        raise IdxFormatError(f"{images_path}: images are {images.shape[1]}x{images.shape[2]}, "
                             f"MNIST's are 28x28")
    if len(images) != len(labels):
        raise IdxFormatError(f"{images_path} holds {len(images)} images but {labels_path} "
                             f"holds {len(labels)} labels")
    if labels.size and labels.max() > 9:
        raise IdxFormatError(f"{labels_path}: label {labels.max()} at index "
                             f"{int(labels.argmax())}, digits are 0-9")
    return images, labels
