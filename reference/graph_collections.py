"""Graph collections: a global store per graph, keyed by name, filtered by scope.

Reproduces: note 003 "tensorflow的collection提供一个全局的存储机制" (add_to_collection,
"collections are not sets", ``tf.get_collection("haha")`` giving ``[[a, b]]``,
``tf.Graph.get_collection(name, scope=None)``) and the multi-GPU note's
``tf.get_collection("loss", scope)`` ("保证了在 test的时候，不会fetch train的loss").
"""
from reference.tf1 import tf

from reference.catalogue.registry import demo


@demo('003 "tensorflow的collection提供一个全局的存储机制"',
      ["add_to_collection('haha', [a, b]) stores the list as one item: get_collection gives "
       "[[a, b]]", "collections are not sets: adding twice stores twice",
       "get_collection(name, scope) keeps items whose name starts with the scope",
       "get_collection returns a copy, get_collection_ref the live list",
       "tf.get_collection is the default graph's Graph.get_collection",
       "tf.add_to_collection is the default graph's Graph.add_to_collection: one item added "
       "each way, both are in the one collection",
       "a variable made with trainable=False is global but not trainable"])
def collections_store_and_filter():
    with tf.Graph().as_default() as graph:
        a, b = tf.constant(1.0, name="a"), tf.constant(2.0, name="b")
        tf.add_to_collection("haha", [a, b])
        tf.add_to_collection("twice", a)
        tf.add_to_collection("twice", a)
        with tf.name_scope("train"):
            train_loss = tf.identity(a, name="loss")
        with tf.name_scope("test"):
            test_loss = tf.identity(b, name="loss")
        for loss in (train_loss, test_loss):
            tf.add_to_collection("loss", loss)
        copy = tf.get_collection("twice")
        copy.append(b)
        tf.get_collection_ref("ref").append(a)
        tf.add_to_collection("x", a)
        graph.add_to_collection("x", b)
        tf.Variable(0, name="global_step", trainable=False)
        tf.Variable(1.0, name="weight")
        return {"haha": [[t.name for t in item] for item in tf.get_collection("haha")],
                "twice": [t.name for t in tf.get_collection("twice")],
                "train_scope": [t.name for t in tf.get_collection("loss", "train")],
                "all_losses": [t.name for t in tf.get_collection("loss")],
                "ref": [t.name for t in tf.get_collection("ref")],
                "graph_method_same": graph.get_collection("loss") == tf.get_collection("loss"),
                "function_and_method": [t.name for t in graph.get_collection("x")],
                "global": [v.name for v in tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES)],
                "trainable": [v.name for v in tf.get_collection(
                    tf.GraphKeys.TRAINABLE_VARIABLES)]}
