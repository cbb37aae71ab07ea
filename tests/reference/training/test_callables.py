"""A step as a function of its feeds: the same results as ``session.run``, structure included."""
from reference.tf1 import tf

import numpy as np
import pytest

from reference.training import callables

LSTMStateTuple = tf.nn.rnn_cell.LSTMStateTuple


def _graph_with_a_state(dtype=tf.float32):
    """A counter, and a state (c, h) that one step doubles and adds one to."""
    state = LSTMStateTuple(tf.placeholder(dtype, [1, 2]), tf.placeholder(dtype, [1, 2]))
    counter = tf.Variable(0, name="counter")
    fetches = {"final_state": LSTMStateTuple(state.c * 2 + 1, state.h * 2 + 1),
               "total": tf.reduce_sum(tf.cast(state.c, tf.float32)),
               "tick": tf.assign_add(counter, 1).op}
    return state, counter, fetches


def test_a_step_returns_what_session_run_returns_and_runs_the_target_ops(session):
    state, counter, fetches = _graph_with_a_state()
    session.run(tf.global_variables_initializer())
    step = callables.step_function(session, fetches, list(state))
    values = [np.array([[1.0, 2.0]], np.float32), np.array([[0.0, -1.0]], np.float32)]
    for _ in range(2):
        result = step(*values)
        values = list(result["final_state"])
    assert sorted(result) == ["final_state", "tick", "total"]
    assert type(result["final_state"]).__name__ == "LSTMStateTuple"
    assert result["final_state"].c.tolist() == [[7.0, 11.0]]  # (1, 2) -> (3, 5) -> (7, 11)
    assert result["final_state"].h.tolist() == [[3.0, -1.0]]  # (0, -1) -> (1, -1) -> (3, -1)
    assert (result["total"], result["tick"], session.run(counter)) == (8.0, None, 2)
    plain = session.run(fetches, dict(zip(state, values)))
    assert (plain["total"], plain["tick"]) == (18.0, None)  # (7 + 11) from the last state


def test_bfloat16_state_round_trips(session):
    state, _, fetches = _graph_with_a_state(tf.bfloat16)
    session.run(tf.global_variables_initializer())
    step = callables.step_function(session, fetches, list(state))
    zeros = session.run(tf.zeros([1, 2], tf.bfloat16))
    result = step(zeros, zeros)
    assert (result["final_state"].c.dtype.name, result["final_state"].c.tolist()) == (
        "bfloat16", [[1.0, 1.0]])


def test_a_wrong_number_of_values_is_an_error(session):
    state, _, fetches = _graph_with_a_state()
    session.run(tf.global_variables_initializer())
    step = callables.step_function(session, fetches, list(state))
    with pytest.raises(tf.errors.InvalidArgumentError) as error:
        step(np.zeros([1, 2], np.float32))
    assert error.value.message == "Expected 2 feed tensors, but got 1"


def test_a_wrapped_session_is_run_through_its_own_run(graph):
    state, _, fetches = _graph_with_a_state()
    calls = []

    class Wrapper:  # what a monitored session or a tfdbg wrapper looks like to the step
        def __init__(self, session):
            self.session = session

        def run(self, fetches_, feed_dict):
            calls.append(sorted(fetches_))
            return self.session.run(fetches_, feed_dict)

    with tf.Session(graph=graph) as session:
        session.run(tf.global_variables_initializer())
        step = callables.step_function(Wrapper(session), fetches, list(state))
        result = step(np.ones([1, 2], np.float32), np.ones([1, 2], np.float32))
    assert (calls, result["total"]) == ([["final_state", "tick", "total"]], 2.0)


def test_the_same_fetches_and_feeds_give_the_same_step(session):
    state, _, fetches = _graph_with_a_state()
    first = callables.step_function(session, fetches, list(state))
    assert callables.step_function(session, dict(fetches), list(state)) is first
    assert callables.step_function(session, {"total": fetches["total"]}, list(state)) is not first
    assert callables.step_function(session, fetches, list(state)[::-1]) is not first


def test_nested_fetches_come_back_in_their_structure(session):
    a, b = tf.constant(1.0), tf.constant([2, 3])
    fetches = {"z": [a, (b, LSTMStateTuple(a, b))], "a": {"y": b, "x": tf.no_op()}}
    result = callables.step_function(session, fetches, [])()
    assert repr(tf.nest.map_structure(lambda v: None if v is None else np.asarray(v).tolist(),
                                      result)) == (
        "{'a': {'x': None, 'y': [2, 3]}, 'z': [1.0, ([2, 3], "
        "LSTMStateTuple(c=1.0, h=[2, 3]))]}")
