"""Graph collections (note 003 "collection提供一个全局的存储机制", multi-GPU losses by scope)."""
from tests.reference.versioned import observe


def test_collections_store_items_as_given_and_filter_by_scope():
    assert observe("collections_store_and_filter") == {
        "haha": [["a:0", "b:0"]],  # one item: the list
        "twice": ["a:0", "a:0"],  # not a set; the appended copy did not leak back
        "train_scope": ["train/loss:0"], "all_losses": ["train/loss:0", "test/loss:0"],
        "ref": ["a:0"], "graph_method_same": True,
        "function_and_method": ["a:0", "b:0"],  # tf.add_to_collection, then graph's method
        "global": ["global_step:0", "weight:0"], "trainable": ["weight:0"]}
