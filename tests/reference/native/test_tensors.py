"""The TF2-native counterparts of reference/tensors.py against the TF1 demonstrations."""
import importlib.metadata

from tests.reference.native.equivalence import same


def test_eager_creation_ops_give_the_tf1_values_and_dtypes(native, tf1_as_recorded):
    tf1 = tf1_as_recorded["creation_ops"]
    assert same(native["creation_ops_eager"], tf1, tf1) == dict.fromkeys(tf1, 0.0)


def test_a_global_seed_reproduces_a_run_but_draws_other_numbers_than_tf1(native,
                                                                        tf1_as_recorded):
    got, tf1 = native["random_ops_with_global_seed"], tf1_as_recorded["random_ops_with_seeds"]
    again = got.pop("new_graph")
    assert again == {k: got[k] for k in again}  # set_seed again: the same draws
    assert got["normal"] == [-1.1012202501296997, 1.545751690864563, 0.3836440145969391]
    assert got["normal"] != tf1["normal"]  # op seeds are derived differently in TF2
    assert max(map(abs, got["truncated"])) <= 0.2 and len(got["truncated"]) == 100
    assert -1 <= min(got["uniform"]) and max(got["uniform"]) < 1
    assert got["shuffled_rows_sorted"] == tf1["shuffled_rows_sorted"] == [[1, 2], [2, 3], [3, 4]]


def test_a_tf_function_argument_replaces_the_placeholders(native, tf1_as_recorded):
    tf1 = tf1_as_recorded["variables_feeds_and_matmul"]
    keys = ["w", "w_dtype", "zeros", "mul", "mul_dtype", "product"]
    assert same(native["variables_arguments_and_matmul"], tf1, keys) == dict.fromkeys(keys, 0.0)


def test_argmax_of_the_same_values_and_the_dimension_keyword_is_gone(native, tf1_as_recorded):
    got, tf1 = native["argmax_axis"], tf1_as_recorded["argmax_axis_and_dimension"]
    assert got.pop("dimension_keyword") == {
        "type": "TypeError", "message": "Got an unexpected keyword argument 'dimension'"}
    assert same(got, tf1, tf1) == dict.fromkeys(tf1, 0.0)


def test_moments_and_rank3_matmul(native, tf1_as_recorded):
    keys = ["mean", "variance", "batched_shape"]
    assert same(native["moments_and_batched_matmul"], tf1_as_recorded["moments_and_batch_matmul"],
                keys) == dict.fromkeys(keys, 0.0)


def test_keras3_layer_normalization_matches_the_tf1_layer(native, tf1_as_recorded):
    got, tf1 = native["layer_normalization_keras3"], tf1_as_recorded["layer_normalization"]
    assert got["keras_version"] == importlib.metadata.version("keras")  # 3 from TF 2.16 on
    assert same(got, tf1, ["mean", "variance", "normalized", "notes_formula"]) == {
        "mean": 0.0, "variance": 0.0, "normalized": 0.0, "notes_formula": 0.0}
    assert same(got, tf1, ["keras_layer"], atol=1e-6)["keras_layer"] <= 1e-6
    assert same(got, tf1, ["keras_scaled"], atol=1e-6)["keras_scaled"] <= 1e-6  # gamma 2, beta .5


def test_dropout_takes_rate_only_and_a_keras_layer_is_the_identity_in_evaluation(
        native, tf1_as_recorded):
    got, tf1 = native["dropout_rate"], tf1_as_recorded["dropout_scales_what_it_keeps"]
    assert got.pop("keep_prob_keyword") == {
        "type": "TypeError", "message": "Got an unexpected keyword argument 'keep_prob'"}
    assert got.pop("kept_fraction") == 0.483  # TF1's graph seed kept another share
    assert got == {k: tf1[k] for k in ("train_values", "evaluate_values")} == {
        "train_values": [0.0, 2.0], "evaluate_values": [1.0]}


def test_random_normal_takes_the_shape_as_a_list_eagerly_too(native, tf1_as_recorded):
    got, tf1 = native["random_normal_shape_is_a_list"], tf1_as_recorded[
        "random_normal_number_as_shape"]
    assert same(got, tf1, ["list"]) == {"list": 0.0}
    assert got["notes"] == {  # eagerly the kernel refuses it, in its own words
        "type": "InvalidArgumentError",
        "message": "{{function_node __wrapped__RandomStandardNormal_device_/job:localhost/"
                   "replica:0/task:0/device:CPU:0}} shape must be a vector of {int32,int64}, "
                   "got shape [] [Op:RandomStandardNormal] name:"}
    assert tf1["notes"]["type"] == "ValueError"  # the graph refuses it when built


def test_a_stateless_seed_repeats_a_draw_where_an_eager_op_seed_draws_anew(native,
                                                                         tf1_as_recorded):
    got = native["stateless_normal_repeats"]
    tf1 = tf1_as_recorded["random_normal_defaults_and_op_seed"]
    first, second = got.pop("op_seed_twice")  # after set_seed(1): no repeat, call to call
    assert (first, second) == ([0.2818339467048645, 2.3878283500671387, 2.280404806137085],
                               [-0.021700095385313034, -1.0597227811813354, 1.332313895225525])
    assert tf1["new_graph"] == tf1["defaults"]  # TF1: the op seed repeats it in a new graph
    mean, std = got.pop("weights_in_mean"), got.pop("weights_in_std")
    assert abs(mean) <= 0.05 and abs(std - 1.0) <= 0.05  # standard normal by default
    draw = [0.12665030360221863, -0.4930165708065033, 0.6311907172203064]
    assert got == {"defaults": draw, "explicit": draw, "new_graph": draw,
                   "weights_in_shape": [28, 128], "weights_in_dtype": "float32"}


def test_divide_and_floordiv_replace_div(native, tf1_as_recorded):
    got = native["divide_and_floordiv"]
    keys = ["cost", "floats", "ints", "negative_ints", "divide"]
    assert same(got, tf1_as_recorded["div_is_python2_division"], keys) == dict.fromkeys(keys, 0.0)
    assert got["div"] == {"type": "AttributeError",
                          "message": "module 'tensorflow' has no attribute 'div'"}
