"""MNIST TFRecords: converted exactly, read the same by the queue pipeline and its twin, no
leaks."""
import collections
import threading

from reference.tf1 import tf

import numpy as np
import pytest

from pipelines import mnist_idx
from pipelines import mnist_records
from pipelines import runner
from pipelines import synthetic_digits
from tests import conftest


@pytest.fixture(scope="module")
def digits():
    return synthetic_digits.generate(25, seed=7)


@pytest.fixture
def record_files(tmp_path, digits):
    images, labels = digits
    paths = [str(tmp_path / "part-0.tfrecord"), str(tmp_path / "part-1.tfrecord")]
    assert mnist_records.convert_to_tfrecords(images[:15], labels[:15], paths[0]) == 15
    assert mnist_records.convert_to_tfrecords(images[15:], labels[15:], paths[1]) == 10
    return paths


def queue_epoch(graph, files, **args):
    images, labels = mnist_records.queue_batches(files, num_epochs=1,
                                                 allow_smaller_final_batch=True, **args)
    with runner.QueueSession(graph, describe_error=mnist_records.describe_error(files)) as run:
        return list(run.batches([images, labels]))


def dataset_epoch(files, **args):
    with tf.Graph().as_default(), tf.Session() as session:
        dataset = mnist_records.dataset(files, num_epochs=1, allow_smaller_final_batch=True, **args)
        return list(runner.dataset_batches(session,
                                           tf.data.make_one_shot_iterator(dataset).get_next()))


def concat(batches):
    return np.concatenate([b[0] for b in batches]), np.concatenate([b[1] for b in batches])


def test_in_order_both_pipelines_give_back_the_converted_pixels_and_labels(graph, record_files,
                                                                         digits):
    args = dict(batch_size=10, shuffle=False, num_threads=1)
    queued = queue_epoch(graph, record_files, **args)
    twin = dataset_epoch(record_files, batch_size=10, shuffle=False)
    assert [len(b[1]) for b in queued] == [len(b[1]) for b in twin] == [10, 10, 5]
    images, labels = concat(queued)
    scaled = digits[0].reshape(25, 784).astype(np.float32) * np.float32(1 / 255)  # as decode does
    np.testing.assert_array_equal(images, scaled)
    np.testing.assert_array_equal(labels, digits[1])
    assert images.dtype == np.float32 and labels.dtype == np.int32
    for q, t in zip(queued, twin):
        np.testing.assert_array_equal(q[0], t[0])
        np.testing.assert_array_equal(q[1], t[1])


def test_shuffled_both_pipelines_give_every_example_once_per_epoch(graph, record_files, digits):
    queued = concat(queue_epoch(graph, record_files, batch_size=4, shuffle=True, num_threads=3,
                                min_after_dequeue=8, seed=5))
    twin = concat(dataset_epoch(record_files, batch_size=4, shuffle=True, min_after_dequeue=8,
                                seed=5))
    expected = collections.Counter(map(bytes, digits[0].reshape(25, 784)))
    for images, labels in (queued, twin):
        assert collections.Counter(map(bytes, np.round(images * 255).astype(np.uint8))) == expected
        assert sorted(labels.tolist()) == sorted(digits[1].tolist())


def test_a_damaged_file_read_in_a_shuffle_batch_thread_is_named(graph, record_files):
    raw = bytearray(open(record_files[1], "rb").read())
    raw[900] ^= 0xFF
    open(record_files[1], "wb").write(bytes(raw))
    with pytest.raises(tf.errors.DataLossError,
                       match=rf"^{record_files[1]}: corrupted record at \d+ \(after 1 intact"):
        queue_epoch(graph, record_files, batch_size=4, shuffle=True, num_threads=2,
                    min_after_dequeue=4)
    assert runner.live_runner_threads() == []


@pytest.mark.slow
def test_a_hundred_start_stop_cycles_leave_no_thread_behind(record_files):
    before = threading.active_count()
    for cycle in range(100):
        with tf.Graph().as_default() as graph:
            images, _ = mnist_records.queue_batches(record_files, batch_size=4, shuffle=True,
                                                    num_threads=4, min_after_dequeue=10,
                                                    seed=cycle)
            with runner.QueueSession(graph, grace_period_s=2.0) as run:
                assert [b.shape for b in run.batches(images, limit=3)] == [(4, 784)] * 3
        assert runner.live_runner_threads() == []
    assert threading.active_count() == before


@pytest.mark.slow
def test_real_mnist_test_set_through_tfrecords_keeps_its_label_histogram(tmp_path):
    images, labels = mnist_idx.load(conftest.shared_data_dir("mnist"), split="t10k")
    path = str(tmp_path / "t10k.tfrecord")
    assert mnist_records.convert_to_tfrecords(images, labels, path) == 10000
    batches = dataset_epoch([path], batch_size=1000, shuffle=False)
    got_images, got_labels = concat(batches)
    assert np.bincount(got_labels).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974,
                                                1009]
    assert int(np.round(got_images * 255).sum(dtype=np.int64)) == 264923200


def test_decode_batch_gives_what_decode_gives_example_by_example(graph, session, record_files):
    serialized = tf.constant(list(tf.io.tf_record_iterator(record_files[1]))[:4])
    one_by_one = [mnist_records.decode(serialized[i]) for i in range(4)]
    images, labels = session.run(mnist_records.decode_batch(serialized))
    expected = session.run(one_by_one)
    np.testing.assert_array_equal(images, np.stack([image for image, _ in expected]))
    assert labels.tolist() == [label for _, label in expected]
    assert images.shape == (4, 784)
