"""The TF2-native counterpart of reference/graph_collections.py against the TF1 demonstration."""
from tests.reference.native.equivalence import same


def test_a_module_holds_the_variables_its_collections_held(native, tf1_as_recorded):
    got, tf1 = native["objects_keep_what_collections_held"], tf1_as_recorded[
        "collections_store_and_filter"]
    assert same(got, tf1, ["global", "trainable"]) == {"global": 0.0, "trainable": 0.0}
    assert got["trainable"] == ["weight:0"]  # global_step was made with trainable=False


def test_a_layers_losses_are_the_collection_filtered_by_scope(native, tf1_as_recorded):
    got, tf1 = native["objects_keep_what_collections_held"], tf1_as_recorded[
        "collections_store_and_filter"]
    assert (tf1["train_scope"], tf1["all_losses"]) == (["train/loss:0"],
                                                       ["train/loss:0", "test/loss:0"])
    # the values of train's loss (a = 1.0) and test's (b = 2.0), after two calls: not piled up
    assert (got["train_scope"], got["all_losses"]) == ([1.0], [1.0, 2.0])


def test_the_collection_functions_are_gone(native):
    got = native["objects_keep_what_collections_held"]
    assert [got["get_collection"], got["add_to_collection"]] == [
        {"type": "AttributeError", "message": f"module 'tensorflow' has no attribute '{name}'"}
        for name in ("get_collection", "add_to_collection")]
