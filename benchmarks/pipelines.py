"""Input-pipeline throughput: each queue pipeline against its tf.data twin.

    python -m benchmarks.pipelines [--data_root=DIR] [--batches=300] [--threads=4]

Measures, after ``--warmup`` batches, how fast each pipeline hands out batches when nothing
else runs (the input alone, no model):
* MNIST TFRecords: ``mnist_records.queue_batches`` (string_input_producer -> TFRecordReader ->
  shuffle_batch with ``--threads`` runner threads) against ``mnist_records.dataset`` as
  built (sequential ``map``), tuned (``num_parallel_calls=AUTOTUNE`` + ``prefetch``) and
  vectorized (batch the serialized records, then ``mnist_records.decode_batch``); examples
  per second.
* PTB: ``ptb_reader.ptb_producer`` (range_input_producer + strided_slice) against
  ``ptb_reader.ptb_dataset``; words per second (batch 20 x 20 steps, the small config).

Data: ``<data_root>/mnist/t10k-*`` and ``<data_root>/ptb/ptb.test.txt`` when present
(default root: ``$TF1_REFERENCE_DATA``, else ``../shared/data`` beside the repository), else
10,000 generated digits and the generated PTB corpus. The TFRecords go to a temporary folder.
Figures measured on the project's machines are in BUILD_NOTES.md.
"""
import os
import pathlib
import tempfile
import time
import types

from reference.tf1 import tf

from absl import flags

from experiments.shared import cli
from experiments.shared import common
from pipelines import mnist_idx
from pipelines import mnist_records
from pipelines import ptb_reader
from pipelines import runner
from pipelines import synthetic_digits
from pipelines import synthetic_text
from pipelines import tfrecord

ROOT = pathlib.Path(__file__).resolve().parent.parent


def define_flags():
    """The data root, the batches timed and run before timing, and the MNIST pipelines' knobs."""
    return types.SimpleNamespace(
        data_root=flags.DEFINE_string(
            "data_root", None, "Folder holding mnist/ and ptb/ (default: $TF1_REFERENCE_DATA, "
            "else ../shared/data beside the repository; generated data where absent)."),
        batches=flags.DEFINE_integer("batches", 300, "Batches timed per pipeline.",
                                     lower_bound=1),
        warmup=flags.DEFINE_integer("warmup", 30, "Batches run before timing.", lower_bound=0),
        batch_size=flags.DEFINE_integer("batch_size", 128, "MNIST batch size.", lower_bound=1),
        threads=flags.DEFINE_integer("threads", 4, "Queue-runner threads of shuffle_batch.",
                                     lower_bound=1),
        min_after_dequeue=flags.DEFINE_integer(
            "min_after_dequeue", 2000, "Shuffle buffer of both MNIST pipelines.",
            lower_bound=0))


def rate(session, fetch, units_per_batch, batches, warmup):
    """Units per second of ``session.run(fetch)`` over ``batches`` runs after ``warmup``."""
    for _ in range(warmup):
        session.run(fetch)
    start = time.perf_counter()
    for _ in range(batches):
        session.run(fetch)
    return units_per_batch * batches / (time.perf_counter() - start)


def dataset_rate(dataset, units_per_batch, batches, warmup):
    with tf.Session() as session:
        fetch = tf.data.make_one_shot_iterator(dataset).get_next()
        return rate(session, fetch, units_per_batch, batches, warmup)


def mnist_rates(files, batch_size, threads, min_after_dequeue, batches, warmup):
    """examples/s: the shuffle_batch queue pipeline, the tf.data twin as built, and tuned."""
    rates = {}
    with tf.Graph().as_default() as graph:
        fetch = mnist_records.queue_batches(files, batch_size, num_threads=threads,
                                            min_after_dequeue=min_after_dequeue, seed=0)
        with runner.QueueSession(graph) as run:
            rates["queue"] = rate(run.session, fetch, batch_size, batches, warmup)
    for name, parallel in [("tf.data", None), ("tf.data tuned", tf.data.experimental.AUTOTUNE)]:
        with tf.Graph().as_default():
            dataset = mnist_records.dataset(files, batch_size, min_after_dequeue=min_after_dequeue,
                                            seed=0, parallel_calls=parallel)
            if parallel is not None:
                dataset = dataset.prefetch(tf.data.experimental.AUTOTUNE)
            rates[name] = dataset_rate(dataset, batch_size, batches, warmup)
    with tf.Graph().as_default():
        records = tfrecord.records_dataset(files).shuffle(min_after_dequeue + batch_size, seed=0)
        dataset = records.repeat().batch(batch_size).map(mnist_records.decode_batch)
        rates["tf.data vectorized"] = dataset_rate(dataset, batch_size, batches, warmup)
    return rates


def ptb_rates(raw_data, batches, warmup, batch_size=20, num_steps=20):
    """words/s of ptb_producer and of ptb_dataset."""
    words = batch_size * num_steps
    with tf.Graph().as_default() as graph:
        fetch = ptb_reader.ptb_producer(raw_data, batch_size, num_steps)
        with runner.QueueSession(graph) as run:
            producer = rate(run.session, fetch, words, batches, warmup)
    with tf.Graph().as_default():
        twin = dataset_rate(ptb_reader.ptb_dataset(raw_data, batch_size, num_steps), words,
                            batches, warmup)
    return {"queue": producer, "tf.data": twin}


def data_root(given=None):
    """``given``, else ``$TF1_REFERENCE_DATA``, else ``../shared/data`` beside the repository."""
    if given:
        return pathlib.Path(given)
    return pathlib.Path(os.environ.get("TF1_REFERENCE_DATA") or ROOT.parent / "shared" / "data")


def mnist_source(root):
    try:
        images, labels = mnist_idx.load(root / "mnist", split="t10k")
        return images, labels, f"real MNIST t10k ({root / 'mnist'})"
    except FileNotFoundError:
        images, labels = synthetic_digits.load_split("t10k", 10000)
        return images, labels, "10,000 generated digits"


def ptb_source(root, scratch):
    real = root / "ptb" / "ptb.test.txt"
    if real.is_file():
        for name in ptb_reader.FILENAMES:  # the test file as all three: only its words matter
            os.symlink(real, os.path.join(scratch, name))
        return ptb_reader.ptb_raw_data(scratch)[0], f"real PTB test words ({real})"
    directory, _ = synthetic_text.write_corpus()
    return ptb_reader.ptb_raw_data(directory)[0], f"generated PTB corpus ({directory})"


def main(argv, holders):
    cli.check_no_arguments(argv)
    root = data_root(holders.data_root.value)
    batches, warmup, batch_size = (holders.batches.value, holders.warmup.value,
                                   holders.batch_size.value)
    with tempfile.TemporaryDirectory() as scratch:
        images, labels, source = mnist_source(root)
        files = [os.path.join(scratch, "mnist.tfrecord")]
        mnist_records.convert_to_tfrecords(images, labels, files[0])
        print(f"MNIST: {source}; batch {batch_size}, {batches} batches timed")
        for name, value in mnist_rates(files, batch_size, holders.threads.value,
                                       holders.min_after_dequeue.value, batches,
                                       warmup).items():
            print(f"  {name:18s} {value:12,.0f} examples/s")
        os.makedirs(os.path.join(scratch, "ptb"))
        raw_data, source = ptb_source(root, os.path.join(scratch, "ptb"))
        print(f"PTB: {source}; batch 20 x 20 steps, {batches} batches timed")
        for name, value in ptb_rates(raw_data, batches, warmup).items():
            print(f"  {name:18s} {value:12,.0f} words/s")


if __name__ == "__main__":
    common.run(main, define_flags)
