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
    "notes_dynamic_rnn_call": {  # control flow v2: one StatelessWhile op per loop
        "loop_op_types": ["StatelessWhile"],
        "loop_conditions": ["rnn_1/rnn/while", "rnn_2/rnn/while"]},
    "regularizers_network_as_written": {"matmul_x": {  # the weight is read by ReadVariableOp
        "type": "ValueError",
        "message": "Dimensions must be equal, but are 2 and 10 for '{{node MatMul_1}} = "
                   "MatMul[T=DT_FLOAT, grad_a=false, grad_b=false, transpose_a=false, "
                   "transpose_b=false](Placeholder, MatMul_1/ReadVariableOp)' with input "
                   "shapes: [?,2], [10,10]."}},
    "placeholder_shapes": {"fed_5x4": {  # v2 TensorShape: an unknown dimension prints None
        "type": "ValueError", "message": "Cannot feed value of shape (5, 4) for Tensor "
                                         "Placeholder_1:0, which has shape (None, 3)"}},
    "ref_variables_are_mutable": {"dtype": "float32", "variable_class": "ResourceVariable",
                                  "assign_dtype": "float32"},
    "bidirectional_notes_000_inputs": {"while_loops": {  # control flow v2: one op per loop
        "bidirectional_rnn/fw/fw/while": "StatelessWhile",
        "bidirectional_rnn/bw/bw/while": "StatelessWhile"}},
    "optimizer_slots_follow_the_variable": {"devices": {  # a resource variable's update op
        "w": "/device:CPU:0", "slot": ["w/Momentum", "/device:CPU:0"],
        "updates": [["ResourceApplyMomentum", "/device:CPU:0"]], "gradient": "/device:CPU:1"}},
    "dynamic_rnn_needs_rank_3": {  # v2 TensorShape: an unknown dimension prints as None
        "batch_major": {"type": "ValueError",
                        "message": "Shape (10, None) must have rank at least 3"},
        "time_major": {"type": "ValueError",
                       "message": "Shape (None, 10) must have rank at least 3"}},
    "shared_cell_in_multi_rnn_cell": {"shared_depth_5": {"raised": {  # v2 control flow: no
        # rnn/while/ prefix; the captured kernel is read through Read/Identity, not kernel/read
        "type": "ValueError",
        "message": "Dimensions must be equal, but are 6 and 8 for '{{node rnn/multi_rnn_cell/"
                   "cell_0/basic_lstm_cell/MatMul_1}} = MatMul[T=DT_FLOAT, grad_a=false, "
                   "grad_b=false, transpose_a=false, transpose_b=false](rnn/multi_rnn_cell/"
                   "cell_0/basic_lstm_cell/concat_1, rnn/multi_rnn_cell/cell_0/basic_lstm_cell/"
                   "MatMul/rnn/multi_rnn_cell/cell_0/basic_lstm_cell/kernel/Read/Identity)' "
                   "with input shapes: [2,6], [8,12]."}}},
    "shape_vs_get_shape": {  # v2 TensorShape: dimensions are ints
        "get_shape_repr": "TensorShape([2, 3])", "get_shape_0_repr": "2"},
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
    "variable_inside_dependencies_drops_them": {
        "identity_control_inputs": ["AssignAddVariableOp"],
        "notes_program": {"raised": {"type": "ValueError",  # ema.apply of a tensor, as above
                                     "message": "Lengths of branch outputs of cond must match."}}},
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
