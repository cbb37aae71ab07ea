"""The filename queue: its tf.data twin and its errors (its epochs and local counter:
tests/reference/test_input_queues.py)."""
from reference.tf1 import tf

import pytest

from pipelines import file_queue
from pipelines import runner


@pytest.fixture
def names(tmp_path):
    paths = [tmp_path / f"file{i}.csv" for i in range(3)]
    for path in paths:
        path.write_text("1\n")
    return [str(p) for p in paths]


def dequeued_names(graph, names, **args):
    queue = file_queue.filename_queue(names, **args)
    with runner.QueueSession(graph) as run:
        return [name.decode() for name in run.batches(queue.dequeue())]


def test_the_tf_data_twin_gives_the_same_names_epoch_by_epoch(graph, names):
    queued = dequeued_names(graph, names, num_epochs=2, shuffle=False)
    with tf.Graph().as_default(), tf.Session() as session:
        element = tf.data.make_one_shot_iterator(
            file_queue.filenames_dataset(names, shuffle=False).repeat(2)).get_next()
        twin = [n.decode() for n in runner.dataset_batches(session, element)]
    assert twin == queued == names * 2


def test_an_empty_list_is_an_error(graph):
    with pytest.raises(ValueError, match="no input files given"):
        file_queue.filename_queue([])
