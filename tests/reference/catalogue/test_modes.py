"""TF2 behaviour vs faithful TF1 mode, and the oneDNN-dependent conv errors.

Every idiom also runs with TF2 behaviour in graph mode (resource variables, v2 control flow;
only disable_eager_execution) in one child process. Where its observation differs from TF1
mode, the TF2 value is pinned here; everywhere else the two must agree, so an upgrade that
changes either shows up as a failure naming the idiom and key.
"""
import pytest

from reference.catalogue import registry
from tests.reference import versioned
from tests.reference.native.equivalence import largest_difference

ABSENT = "<absent>"
ALREADY = ("already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE "
           "in VarScope?")

TF2_DIFFERS = {
    "feed_a_variable_and_any_tensor": {  # resource variables: the feed is ignored
        "fed_variable": 1, "fed_by_name": {"raised": {"type": "KeyError", "message": "20"}}},
    "initializer_anatomy": {"initializer_types": ["AssignVariableOp", "AssignVariableOp"]},
    "initialize_a_subset": {"read_b": {
        "type": "FailedPreconditionError", "node": "ReadVariableOp",
        "message": "Could not find variable b. This could mean that the variable has been "
                   "deleted. In TF1, it can also mean the variable is uninitialized. Debug info: "
                   "container=localhost, status error message=Resource "
                   "localhost/b/N10tensorflow3VarE does not exist."}},
    "variable_sharing": {"get_variable_twice": {
        "type": "ValueError", "message": f"Variable conv1/weights {ALREADY}"}},
    "rnn_in_a_loop_needs_its_own_scope": {"second_call": {
        "type": "ValueError", "message": f"Variable rnn/basic_lstm_cell/kernel {ALREADY}"}},
    "cond_picks_a_branch": {"control_flow_ops": ["StatelessIf"]},
    "case_with_exclusive": {"exclusive": {  # no node: the assert runs inside a function
        "type": "InvalidArgumentError",
        "message": "assertion failed: [Input error: exclusive=True: more than 1 conditions "
                   "(Less_4:0, Less_5:0) evaluated as True:] [1 1]"}},
    "while_loop_counts": {"loop_ops": ["StatelessWhile"]},
    "dependency_on_existing_tensor_is_ignored": {  # ema.apply of a tensor fails to build
        "raised": {"type": "ValueError",
                   "message": "Lengths of branch outputs of cond must match."},
        "average_is_variable": ABSENT, "broken": ABSENT, "fixed": ABSENT},
    "variable_inside_dependencies_drops_them": {"identity_control_inputs": ["AssignAddVariableOp"]},
    "stop_gradient_blocks_one_path": {"all_stopped": {"type": "ValueError", "message":
        "No gradients provided for any variable, check your graph for ops that do not support "
        "gradients, between variables [\"<tf.Variable 'w1:0' shape=() dtype=float32>\", "
        "\"<tf.Variable 'w2:0' shape=() dtype=float32>\"] and loss "
        "Tensor(\"StopGradient_1:0\", shape=(), dtype=float32, device=/device:CPU:0)."}},
    "stacked_cell_reused_after_loop": {  # control flow v2: outputs land in the loop body's graph
        "static_outputs_in_graph": [False, False, False, False], "dynamic_outputs": ABSENT,
        "static_outputs": ABSENT, "weights": ABSENT},
    "check_numerics_counterpart": {  # resource variables: it builds, and names the op
        "build": "ok", "run": {"type": "InvalidArgumentError", "node": "inject_nan/CheckNumericsV2",
                               "message": ": Tensor had NaN values"}},
    "string_input_producer_epochs": {"without_local_init": {  # a resource epoch counter
        "type": "NotFoundError",
        "message": "Resource localhost/input_producer/limit_epochs/epochs/N10tensorflow3VarE does "
                   "not exist."}},
}


# Differences in the last float32 bits only, with the largest allowed: a v2 while loop's gradient
# sums the time steps in another order.
TF2_LAST_BITS = {"cells_match_numpy": {"lstm_peephole_proj_clip": 6e-8}}


def _differences(item, tf1, tf2):
    keys = (set(tf1) | set(tf2)) - set(item.volatile)
    return {k: tf2.get(k, ABSENT) for k in sorted(keys) if tf1.get(k, ABSENT) != tf2.get(k, ABSENT)}


@pytest.mark.slow
@pytest.mark.parametrize("item", registry.demos(), ids=lambda d: d.name)
def test_tf2_mode_agrees_except_where_pinned(item, tf1_observations, child_observations):
    versioned.skip_if_crashed("tf1", item.name)
    versioned.skip_if_crashed("tf2", item.name)
    tf2 = dict(child_observations["tf2"][item.name])
    tf1 = dict(tf1_observations[item.name])
    for key, atol in TF2_LAST_BITS.get(item.name, {}).items():
        assert largest_difference(tf2.pop(key), tf1.pop(key), key) <= atol
    assert _differences(item, tf1, tf2) == TF2_DIFFERS.get(item.name, {})


def test_every_pinned_difference_names_a_known_idiom():
    assert set(TF2_DIFFERS) | set(TF2_LAST_BITS) <= {d.name for d in registry.demos()}


ABORTED = {"type": "AbortedError", "node": "conv2d_transpose", "message":
           "Operation received an exception:Status: 2, message: could not create a primitive "
           "descriptor for the convolution forward propagation primitive. Run workload with "
           "environment variable ONEDNN_VERBOSE=all to get additional diagnostic information., "
           "in file tensorflow/core/kernels/mkl/mkl_conv_grad_input_ops.cc:546"}


def _custom_backprop(actual, computed, size, filt, out):
    return {"type": "InvalidArgumentError", "node": "conv2d_transpose", "message":
            f"Conv2DCustomBackpropInput: Size of out_backprop doesn't match computed: actual = "
            f"{actual}, computed = {computed} spatial_dim: 1 input: {size} filter: {filt} output: "
            f"{out} stride: {3 if size == 97 else 2} dilation: 1"}


@pytest.mark.slow
def test_conv2d_transpose_errors_with_onednn(child_observations):
    versioned.skip_if_crashed("tf1", "conv2d_transpose_runtime_error")
    assert child_observations["onednn_on"] == {
        "conv2d_transpose_output_shape": {"output_4": {"raised": ABORTED}, "output_5": [1, 5, 5, 3],
                                          "output_6": [1, 6, 6, 3],
                                          "output_7": {"raised": ABORTED}},
        "conv2d_transpose_runtime_error": {"error": ABORTED, "fixed_shape": [3, 75, 75, 3]}}


@pytest.mark.slow
def test_conv2d_transpose_errors_without_onednn(child_observations):
    assert child_observations["onednn_off"] == {
        "conv2d_transpose_output_shape": {
            "output_4": {"raised": _custom_backprop(3, 2, 4, 2, 3)}, "output_5": [1, 5, 5, 3],
            "output_6": [1, 6, 6, 3], "output_7": {"raised": _custom_backprop(3, 4, 7, 2, 3)}},
        "conv2d_transpose_runtime_error": {  # the notes' sizes: 25 vs ceil(97 / 3) = 33
            "error": _custom_backprop(25, 33, 97, 3, 25), "fixed_shape": [3, 75, 75, 3]}}
