"""The TF2-native counterparts of reference/feeds.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import same


def test_returned_values_and_arguments_replace_fetches_and_feeds(native, tf1_as_recorded):
    for name, idiom in [("return_several_values", "fetch_several_ops"),
                        ("arguments_for_placeholders", "feed_placeholders")]:
        assert same(native[name], tf1_as_recorded[idiom], ["result"]) == {"result": 0.0}
    assert native["return_several_values"]["result"] == [12.0, 4.0]  # 3 * (3 + 1), 3 + 1


def test_a_function_runs_its_update_and_also_the_update_nobody_fetches(native, tf1_as_recorded):
    got, tf1 = native["every_stateful_op_runs"], tf1_as_recorded["partial_execution"]
    assert same(got, tf1, ["printed", "state_after"]) == {"printed": 0.0, "state_after": 0.0}
    # TF1 never ran the unfetched assign(state, 10000); a tf.function runs it, in order
    assert got["with_update2"] == {"read_before_update2": 4.0,  # 3 + 1, read before update2
                                   "assign_add_value": 10000.0,  # read lazily at the return
                                   "state_after": 10000.0}


def test_an_argument_replaces_feeding_a_variable_or_an_intermediate(native, tf1_as_recorded):
    got, tf1 = native["arguments_instead_of_feeds"], tf1_as_recorded[
        "feed_a_variable_and_any_tensor"]
    keys = ["fed_variable", "next_run", "variable_tensor_name", "fed_intermediate"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert tf1["fed_by_name"] == 3 and "fed_by_name" not in got  # no names to feed by in TF2
    assert got["whole"] == 10.0  # (4 + 1) * 2 when nothing is cut off


def test_a_function_returns_what_it_returns_where_a_fetch_raised(native, tf1_as_recorded):
    got, tf1 = native["returns_instead_of_fetches"], tf1_as_recorded["fetch_errors"]
    assert same(got, tf1, ["right"]) == {"right": 0.0}
    assert [tf1[k]["type"] for k in ("fetch_none", "fetch_number", "fetch_unknown_name")] == [
        "TypeError", "TypeError", "ValueError"]
    assert {k: got[k] for k in ("fetch_none", "fetch_number", "fetch_unknown_name")} == {
        "fetch_none": None, "fetch_number": [3, "int32"],
        "fetch_unknown_name": ["nothing:0", "string"]}  # a string tensor, not a lookup


def test_a_missing_argument_fails_the_call_where_an_unfed_placeholder_failed_the_run(
        native, tf1_as_recorded):
    got, tf1 = native["missing_argument_error"], tf1_as_recorded["unfed_placeholder_error"]
    assert tf1["error"]["type"] == "InvalidArgumentError"
    assert got["error"] == {
        "type": "TypeError",
        "message": "Binding inputs to tf.function failed due to `missing a required argument: "
                   "'x'`. Received args: () and kwargs: {} for signature: (x: TensorSpec("
                   "shape=(None, 1), dtype=tf.float32, name='x'))."}
    assert got["wrong_dtype"] == {
        "type": "TypeError",
        "message": "Binding inputs to tf.function failed due to `Can not cast TensorSpec("
                   "shape=(2, 1), dtype=tf.int32, name='x') to TensorSpec(shape=(None, 1), "
                   "dtype=tf.float32, name='x')`. Received args: (<tf.Tensor: shape=(2, 1), "
                   "dtype=int32, numpy="}
    assert got["given"] == [[2.0], [4.0]]


def test_eager_values_replace_eval_and_the_default_session(native, tf1_as_recorded):
    got, tf1 = native["eager_values_instead_of_eval"], tf1_as_recorded["interactive_session_eval"]
    assert same(got, tf1, ["eval", "eval_feed"]) == {"eval": 0.0, "eval_feed": 0.0}
    assert got["executing_eagerly"] is True
    assert got["eval_method"] == {
        "type": "NotImplementedError",
        "message": "eval is not supported when eager execution is enabled, is .numpy() what "
                   "you're looking for?"}


def test_a_signature_without_shape_takes_any_argument_and_none_fixes_only_the_rows(
        native, tf1_as_recorded):
    got, tf1 = native["signature_shapes"], tf1_as_recorded["placeholder_shapes"]
    keys = set(tf1) - {"fed_5x4"}
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert tf1["fed_5x4"]["type"] == "ValueError"  # TF1: the feed is refused by session.run
    assert got["fed_5x4"] == {  # TF2: the call is refused before anything runs
        "type": "TypeError",
        "message": "Binding inputs to tf.function failed due to `Can not cast TensorSpec("
                   "shape=(5, 4), dtype=tf.float32, name=None) to TensorSpec(shape=(None, 3), "
                   "dtype=tf.float32, name=None)`. Received args: (<tf.Tensor: shape=(5, 4), "
                   "dtype=float32, numpy="}
