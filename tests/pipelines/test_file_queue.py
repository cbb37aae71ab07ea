"""string_input_producer: exactly num_epochs passes over the names, shuffled per epoch."""
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


def test_two_epochs_in_order_then_out_of_range(graph, names):
    assert dequeued_names(graph, names, num_epochs=2, shuffle=False) == names * 2


def test_the_epoch_counter_is_a_local_variable(graph, names):
    file_queue.filename_queue(names, num_epochs=2)
    assert [v.op.name for v in tf.local_variables()] == ["input_producer/limit_epochs/epochs"]
    assert tf.global_variables() == []


def test_shuffle_permutes_the_names_within_each_epoch(graph, names):
    got = dequeued_names(graph, names, num_epochs=4, shuffle=True, seed=1)
    epochs = [got[i:i + 3] for i in range(0, 12, 3)]
    assert [sorted(epoch) for epoch in epochs] == [names] * 4
    assert len({tuple(epoch) for epoch in epochs}) > 1


def test_without_the_local_initializer_the_producer_fails_on_its_epoch_counter(graph, names):
    queue = file_queue.filename_queue(names, num_epochs=1)
    with pytest.raises(tf.errors.FailedPreconditionError,
                       match=r"Attempting to use uninitialized value input_producer/limit_epochs/"
                             r"epochs"):
        with runner.QueueSession(graph, init_op=tf.global_variables_initializer()) as run:
            list(run.batches(queue.dequeue()))
    assert runner.live_runner_threads() == []


def test_the_tf_data_twin_gives_one_epoch_of_the_same_names(graph, session, names):
    element = tf.data.make_one_shot_iterator(
        file_queue.filenames_dataset(names, shuffle=False).repeat(2)).get_next()
    assert [n.decode() for n in runner.dataset_batches(session, element)] == names * 2


def test_an_empty_list_is_an_error(graph):
    with pytest.raises(ValueError, match="no input files given"):
        file_queue.filename_queue([])
