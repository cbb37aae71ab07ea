"""Summaries the TF2 way: ``tf.summary`` v2 functions writing to ``create_file_writer``.

Replaces ``reference/summaries.py``. A summary function writes at once to the default writer
(``writer.as_default()``, a ``step`` required) and returns whether it wrote, so there is
nothing to run or merge: no ``merge_all``, no ``merge``, no SUMMARIES collection, and the
notes' two-model pitfall (model2's ``merge_all`` pulling in model1's placeholders) cannot
happen, as each model's code writes only its own summary, named by its name scopes. Everything
is written as a tensor with plugin metadata: one image summary holds all its images under one
tag (``img``, not ``img/image/0`` …), the first ``max_outputs`` of the batch as in TF1; float
images are taken to be in [0, 1] (scaled by 255.5 and truncated), not each rescaled. The
events are read back from the file with ``tf.data.TFRecordDataset`` and TensorBoard's
``Event`` proto. No direct counterpart:
``merge``/``merge_all`` (write what you want, where you want it) and the graph and meta-graph
events of ``FileWriter(logdir, graph)``: ``tf.summary.graph`` writes a function's graph.
"""
import glob
import inspect
import os
import re
import tempfile

import numpy as np
import tensorflow as tf
from tensorboard.compat.proto import event_pb2

from reference.catalogue.observed import error_of
from reference.native.registry import counterpart

NOTES_TEXT = r"""/a/b/c\\_d/f\\_g\\_h\\_2017"""
NOTES_LITERAL = """/a/b/c\\_d/f\\_g\\_h\\_2017"""  # the notes' plain literal: one backslash each
EVENTS_FILE = r"events\.out\.tfevents\.\d+\..+\.\d+\.\d+\.v2"


def _events(logdir):
    """``(file name, [Event, ...])`` of the one events file in ``logdir``."""
    (path,) = glob.glob(os.path.join(logdir, "events.out.tfevents.*"))
    return os.path.basename(path), [event_pb2.Event.FromString(record.numpy())
                                    for record in tf.data.TFRecordDataset(path)]


def _values(logdir):
    return [v for e in _events(logdir)[1] if e.WhichOneof("what") == "summary"
            for v in e.summary.value]


@counterpart(["summary_ops"], "tf.summary.scalar / histogram / image / audio / text under "
             "tf.summary.create_file_writer(logdir).as_default(step=0)")
def summary_ops_v2(tf1):
    with tempfile.TemporaryDirectory() as logdir:
        without_writer = tf.summary.scalar("loss", 0.25, step=0)
        with tf.summary.create_file_writer(logdir).as_default(step=0):
            returned = [tf.summary.scalar("loss", tf.constant(0.25)),
                        tf.summary.histogram("weights", tf.range(10.0)),
                        tf.summary.image("img", tf.zeros([5, 4, 4, 1]), max_outputs=3),
                        tf.summary.audio("snd", tf.zeros([5, 100, 1]), 8000, max_outputs=3),
                        tf.summary.text("text", tf.convert_to_tensor(NOTES_TEXT))]
            image_max_images = error_of(tf.summary.image, "x", tf.zeros([1, 2, 2, 1]),
                                        max_images=3)
            tf.summary.text("notes_text", tf.convert_to_tensor(NOTES_LITERAL))
            tf.summary.image("im", tf.zeros([5, 4, 4, 1]))
            tf.summary.image("im5", tf.zeros([5, 4, 4, 1]), max_outputs=5)
            tf.summary.histogram("h", tf.reshape(tf.range(6.0), [2, 3]))
            image_3d = error_of(tf.summary.image, "im3", tf.zeros([4, 4, 1]))
        with tf.summary.create_file_writer(os.path.join(logdir, "no_step")).as_default():
            no_step = error_of(tf.summary.scalar, "loss", 0.25)
        values = {v.tag: v for v in _values(logdir)}
    kinds = ["scalar", "histogram", "image", "audio", "text"]
    tensors = {tag: tf.make_ndarray(value.tensor) for tag, value in values.items()}
    buckets = tensors.pop("h")  # [left edge, right edge, count] rows
    extra = {"notes_text_value": tensors.pop("notes_text").item(),
             "image_default_max_outputs": len(tensors.pop("im")) - 2,
             "image_max_outputs_5": len(tensors.pop("im5")) - 2, "image_3d": image_3d,
             "histogram_2d": [len(buckets), buckets[:, 2].sum(), buckets[0, 0], buckets[-1, 1]]}
    return {**extra, "returned": [[r.dtype.name, r.numpy()] for r in returned],
            "without_writer": without_writer.numpy(),
            "tags": dict(zip(kinds, ([tag] for tag in tensors))),
            "plugins": {tag: values[tag].metadata.plugin_data.plugin_name for tag in tensors},
            "images": len(tensors["img"]) - 2,  # width, height, then one PNG per image
            "audio_clips": len(tensors["snd"]),  # one row (WAV, label) per clip
            "scalar_value": tensors["loss"].item(), "text_value": tensors["text"].item(),
            "image_max_images": image_max_images, "no_step": no_step,
            "distribution": error_of(lambda: tf.summary.distribution)}


def _indexed_images(dtype, scale):
    """Five [2, 3, 1] images, image i filled with i * scale (as the TF1 demonstration's)."""
    return tf.constant(np.arange(5).reshape([5, 1, 1, 1]) * scale * np.ones([5, 2, 3, 1]),
                       dtype=dtype)


def _decoded_images(logdir, tag):
    """``[[tag, height, width, pixels]]`` of each PNG in ``tag``'s tensor (width, height, PNGs)."""
    (value,) = [v for v in _values(logdir) if v.tag == tag]
    width, height, *pngs = tf.make_ndarray(value.tensor)
    return [[value.tag, int(height), int(width), tf.io.decode_png(png)[..., 0].numpy()]
            for png in pngs]


@counterpart(["summary_image_keeps_the_first"], "tf.summary.image(name, images, max_outputs=3) "
             "under create_file_writer(logdir).as_default(step=0); tf.io.decode_png")
def summary_image_v2_keeps_the_first(tf1):
    with tempfile.TemporaryDirectory() as logdir:
        with tf.summary.create_file_writer(logdir).as_default(step=0):
            tf.summary.image("img", _indexed_images(tf.uint8, 1), max_outputs=3)
            tf.summary.image("float", _indexed_images(tf.float32, 0.1), max_outputs=3)
        return {"uint8": _decoded_images(logdir, "img"),
                "float32": _decoded_images(logdir, "float")}


class _Model(tf.Module):
    """The notes' model; ``w`` is shared as ``reuse=True`` shared it."""

    def __init__(self, w):
        super().__init__()
        self.w = w

    def run_epoch(self):
        x = tf.reshape(tf.range(4.0), [-1, 1])
        loss = tf.reduce_mean(tf.reduce_sum(tf.square(x * 3 - tf.matmul(x, self.w)), axis=1))
        return tf.summary.scalar("loss", loss, step=0)


@counterpart(["merge_all_two_model_pitfall"], "each model writes its own tf.summary.scalar "
             "under tf.name_scope('train'/'test') + tf.name_scope('var1'); nothing to merge")
def summaries_by_name_scope(tf1):
    w = tf.Variable([[1.0]], name="w")
    models, tags = {"train": _Model(w), "test": _Model(w)}, {}
    with tempfile.TemporaryDirectory() as logdir:
        for scope, model in models.items():
            with tf.summary.create_file_writer(os.path.join(logdir, scope)).as_default():
                with tf.name_scope(scope), tf.name_scope("var1"):
                    model.run_epoch()
            tags[scope] = [v.tag for v in _values(os.path.join(logdir, scope))]
    return {"model1_tags": tags["train"], "model2_tags": tags["test"],
            "by_scope_tags": [tags["train"], tags["test"]]}


def _closed_without_flush():
    """The notes' usage example the TF2 way: a writer with its defaults, three scalars, close()."""
    with tempfile.TemporaryDirectory() as logdir:
        writer = tf.summary.create_file_writer(logdir)
        with writer.as_default():
            for step in range(3):
                tf.summary.scalar("accuracy", 0.5, step=step)
        writer.close()
        return [[e.WhichOneof("what"), e.step, [v.tag for v in e.summary.value]]
                for e in _events(logdir)[1]]


@counterpart(["file_writer_events"], "tf.summary.create_file_writer(logdir, max_queue=10, "
             "flush_millis=120000); tf.summary.graph; writer.flush(); writer.close()")
def file_writer_v2_events(tf1):
    @tf.function
    def accuracy():
        return tf.constant(0.5, name="accuracy")

    with tempfile.TemporaryDirectory() as logdir:
        writer = tf.summary.create_file_writer(logdir, max_queue=10, flush_millis=120_000)
        with writer.as_default():
            tf.summary.graph(accuracy.get_concrete_function().graph)
            for step in range(3):
                tf.summary.scalar("accuracy", accuracy(), step=step)
            before_flush = [e.WhichOneof("what") for e in _events(logdir)[1]]
            writer.flush()
        name, events = _events(logdir)
        writer.close()
    return {"events": [[e.WhichOneof("what"), e.step, [v.tag for v in e.summary.value]]
                       for e in events],
            "before_flush": before_flush,
            "file_name": re.sub(EVENTS_FILE, "events.out.tfevents.<time>.<host>.<pid>.<n>.v2",
                                name),
            "usage_example_closed_without_flush": _closed_without_flush(),
            "writer_defaults": {p.name: p.default for p in inspect.signature(
                tf.summary.create_file_writer).parameters.values() if p.default is not p.empty},
            "merge": error_of(lambda: tf.summary.merge)}
