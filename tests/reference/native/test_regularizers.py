"""The TF2-native counterparts of reference/regularizers.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import same


def test_keras_regularizers_give_contribs_values(native, tf1_as_recorded):
    got, tf1 = native["keras_regularizer_values"], tf1_as_recorded["regularizer_values"]
    keys = ["l1", "l2", "sum", "keras_l2", "applied"]  # l2 is L2(0.1 / 2); L2(0.1) is 1.4
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    # no collection: the layer holds one penalty per weight; their sum is the collected one
    assert got["layer_losses"] == [0.6000000238418579, 0.05000000074505806]
    assert tf1["collected"] == [got["applied"]]
    assert same(got, tf1, ["contrib_import"]) == {"contrib_import": 0.0}  # gone in both
    assert got["l1_with_scope"] == {  # the notes' scope= argument is gone from Keras's too
        "type": "TypeError", "message": "L1.__init__() got an unexpected keyword argument 'scope'"}


def test_a_layers_regularized_weights_replace_the_scope_regularizer(native, tf1_as_recorded):
    got, tf1 = native["layer_regularizer"], tf1_as_recorded["scope_regularizer"]
    assert same(got, tf1, ["values", "sum", "weights"]) == {"values": 0.0, "sum": 0.0,
                                                            "weights": 0.0}
    # a penalty tensor has no name eagerly: the weights it regularizes have the scopes' paths
    assert got["regularized_paths"] == ["var/weight", "var2/weight"]
    assert tf1["names"] == ["var/weight/Regularizer/mul", "var2/weight/Regularizer/mul"]


def test_dense_layers_from_the_tf1_weights_give_the_losses_total(native, tf1_as_recorded):
    tf1 = tf1_as_recorded["losses_collection_network"]
    keys = ["entries", "weight_shapes", "total", "mse", "l2_by_numpy"]  # forward: mse, total
    assert same(native["network_with_layer_losses"], tf1, keys) == dict.fromkeys(keys, 0.0)


def test_the_notes_lines_fail_alike_and_dense_layers_chain_their_inputs(native, tf1_as_recorded):
    got, tf1 = native["network_as_written_eagerly"], tf1_as_recorded[
        "regularizers_network_as_written"]
    keys = ["def_get_weight", "relu_line", "mse_line"]  # Python's own errors
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    # eagerly the wrong matmul fails when it runs, in the kernel (oneDNN names it or not)
    assert got["matmul_x"]["type"] == "InvalidArgumentError"
    assert got["matmul_x"]["message"].endswith(
        "Matrix size-incompatible: In[0]: [8,2], In[1]: [10,10] [Op:MatMul] name:")
    assert tf1["matmul_x"]["type"] == "ValueError"  # TF1: when the graph is built
    assert got["dense_stack_output_shape"] == [8, 1]
