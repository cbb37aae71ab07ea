"""Graph collections the TF2 way: none; the objects that own things keep them.

Replaces ``reference/graph_collections.py``. TF2 has no graph to hang a global store on:
``tf.get_collection`` / ``add_to_collection`` are gone. What the notes use collections for is
kept by objects: ``tf.Module.variables`` / ``trainable_variables`` for the variable
collections, a Keras layer's ``losses`` for a ``"loss"`` collection filtered by scope (a
layer's losses are its own and its sublayers', so the train layer's are the train scope's).
No direct counterpart: storing a list as one item, adding twice, ``get_collection`` as a copy
against ``get_collection_ref`` and the graph's own method: a Python list one keeps does that.
"""
import keras
import tensorflow as tf

from reference.catalogue.observed import error_of
from reference.native.registry import counterpart

NO_COUNTERPART = ("tf.Module.variables / trainable_variables for the variable collections and "
                  "a Keras layer's losses for a collection of losses, filtered by sublayer")


class _Model(tf.Module):
    def __init__(self):
        super().__init__(name="model")
        self.global_step = tf.Variable(0, name="global_step", trainable=False)
        self.weight = tf.Variable(1.0, name="weight")


class _Loss(keras.layers.Layer):
    """Adds the loss ``value`` each call, as ``add_to_collection("loss", ...)`` did."""

    def __init__(self, value, **kwargs):
        super().__init__(**kwargs)
        self.value = value

    def call(self, inputs):
        self.add_loss(tf.constant(self.value))
        return inputs


class _TrainAndTest(keras.layers.Layer):
    def __init__(self):
        super().__init__(name="model")
        self.train, self.test = _Loss(1.0, name="train"), _Loss(2.0, name="test")

    def call(self, inputs):
        return self.test(self.train(inputs))


@counterpart(["collections_store_and_filter"], "tf.Module.variables / trainable_variables; "
             "keras.layers.Layer.add_loss and .losses per layer")
def objects_keep_what_collections_held(tf1):
    model, losses = _Model(), _TrainAndTest()
    losses(tf.zeros([1]))
    losses(tf.zeros([1]))  # each call starts over: losses do not pile up as in a collection
    return {"global": [v.name for v in model.variables],
            "trainable": [v.name for v in model.trainable_variables],
            "train_scope": [loss.numpy() for loss in losses.train.losses],
            "all_losses": [loss.numpy() for loss in losses.losses],
            "get_collection": error_of(lambda: tf.get_collection),
            "add_to_collection": error_of(lambda: tf.add_to_collection)}
