"""Converts a MNIST split (real idx files, or generated digits) to TFRecord files.

    python -m experiments.tools.convert_mnist --output=DIR [--data_path=MNIST_DIR] [--split=t10k]
                                      [--shards=1] [--count=10000]

Reproduces: [TF1] ``tensorflow/examples/how_tos/reading_data/convert_to_records.py``, which
downloaded MNIST and wrote ``train.tfrecords`` etc.; nothing is downloaded here. With
``--data_path`` it reads ``<split>-images-idx3-ubyte[.gz]`` and ``<split>-labels-idx1-ubyte[.gz]``
there; without it it converts ``--count`` generated digits of the split
(``synthetic_digits.load_split``). Writes ``<split>-00000-of-0000N.tfrecord`` files (examples
dealt in order, shard after shard) in the format ``mnist_records`` reads, and prints one line
per file. A missing or malformed input is a one-line error, exit status 2.
"""
import os
import types

from absl import app
from absl import flags

from experiments.shared import common
from experiments.shared import paths
from pipelines import mnist_idx
from pipelines import mnist_records
from pipelines import synthetic_digits


def define_flags():
    """The output folder (required), the split, the shard count and the generated count."""
    holders = types.SimpleNamespace(
        output=flags.DEFINE_string("output", None,
                                   "Folder for the TFRecord files (created if needed)."),
        split=flags.DEFINE_enum("split", "t10k", list(mnist_idx.SPLITS),
                                "Which split to convert."),
        shards=flags.DEFINE_integer("shards", 1, "Number of output files.", lower_bound=1),
        count=flags.DEFINE_integer("count", 10000,
                                   "Generated digits to convert when no --data_path.",
                                   lower_bound=1))
    flags.mark_flag_as_required("output")
    return holders


def convert(images, labels, output, split, shards):
    """Writes the examples to ``shards`` files in ``output``; returns [(path, count)]."""
    os.makedirs(output, exist_ok=True)
    bounds = [len(labels) * i // shards for i in range(shards + 1)]
    written = []
    for shard in range(shards):
        path = os.path.join(output, f"{split}-{shard:05d}-of-{shards:05d}.tfrecord")
        part = slice(bounds[shard], bounds[shard + 1])
        written.append((path, mnist_records.convert_to_tfrecords(images[part], labels[part], path)))
    return written


def main(argv, holders):
    if len(argv) > 1:
        raise app.UsageError(f"unexpected arguments: {' '.join(argv[1:])}")
    split = holders.split.value
    if paths.DATA_PATH.value:
        try:
            images, labels = mnist_idx.load(paths.DATA_PATH.value, split)
        except (FileNotFoundError, mnist_idx.IdxFormatError) as err:
            raise app.UsageError(f"--data_path: {err}") from None
    else:
        images, labels = synthetic_digits.load_split(split, holders.count.value)
    try:
        written = convert(images, labels, holders.output.value, split, holders.shards.value)
    except OSError as err:
        raise app.UsageError(f"--output: {err}") from None
    for path, count in written:
        print(f"{path}: {count} examples")


if __name__ == "__main__":
    common.run(main, define_flags)
