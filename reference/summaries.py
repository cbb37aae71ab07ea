"""Summaries: the summary ops, merge_all vs merge by scope, the two-model pitfall, FileWriter.

Reproduces: note 003 "tensorflow的可视化是使用summary和tensorboard合作完成的" (scalar, image,
histogram, audio, text; ``merge_all``; ``FileWriter(logdir, graph, max_queue, flush_secs)``;
"如果执行一次，disk上没有保存Summary数据的话，可以尝试下file_writer.flush()"),
"tf.summary.merge" with ``get_collection(tf.GraphKeys.SUMMARIES, scope)``, and the two-model
example ("引起血案的地方") with its "You must feed a value for placeholder tensor
'train/var1/Placeholder'" error and its fix.
"""
import glob
import os
import re
import tempfile

from reference.tf1 import tf

import numpy as np

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session

NOTES_TEXT = r"""/a/b/c\\_d/f\\_g\\_h\\_2017"""


def _tags(serialized):
    return [value.tag for value in tf.Summary.FromString(serialized).value]


@demo('003 "tf.summary有诸多函数" (scalar, histogram, image, audio, text, distribution)',
      ["each summary op returns a serialized Summary string", "scalar's tag is its name",
       "image writes at most max_outputs (the notes' max_images) images: tags img/image/0..2",
       "audio likewise: snd/audio/0..2", "text takes the notes' string unchanged",
       "there is no tf.summary.distribution (TensorBoard draws it from histograms)"])
def summary_ops():
    with fresh_session() as session:
        loss = tf.constant(0.25)
        ops = {"scalar": tf.summary.scalar("loss", loss),
               "histogram": tf.summary.histogram("weights", tf.range(10.0)),
               "image": tf.summary.image("img", tf.zeros([5, 4, 4, 1]), max_outputs=3),
               "audio": tf.summary.audio("snd", tf.zeros([5, 100]), 8000, max_outputs=3),
               "text": tf.summary.text("text", tf.convert_to_tensor(NOTES_TEXT))}
        got = session.run(ops)
        text_value = tf.Summary.FromString(got["text"]).value[0].tensor.string_val[0]
        return {"dtypes": sorted({op.dtype.name for op in ops.values()}),
                "tags": {name: _tags(value) for name, value in got.items()},
                "scalar_value": tf.Summary.FromString(got["scalar"]).value[0].simple_value,
                "text_value": text_value,
                "image_max_images": error_of(tf.summary.image, "x", tf.zeros([1, 2, 2, 1]),
                                             max_images=3),
                "distribution": error_of(lambda: tf.summary.distribution)}


class _Model:
    """The notes' two-model class; ``scope`` picks merge-by-scope over merge_all."""

    def __init__(self, scope=None):
        self.x = tf.placeholder(dtype=tf.float32, shape=[None, 1])
        self.label = tf.placeholder(dtype=tf.float32, shape=[None, 1])
        w = tf.get_variable("w", shape=[1, 1])
        self.predict = tf.matmul(self.x, w)
        self.loss = tf.reduce_mean(tf.reduce_sum(tf.square(self.label - self.predict), axis=1))
        tf.summary.scalar("loss", self.loss)
        if scope is None:
            self.merged_summary = tf.summary.merge_all()  # "引起血案的地方"
        else:
            self.merged_summary = tf.summary.merge(tf.get_collection(tf.GraphKeys.SUMMARIES,
                                                                     scope))


def _run_epoch(session, model):
    x = np.arange(4, dtype=np.float32).reshape(-1, 1)
    return session.run([model.merged_summary], {model.x.name: x, model.label: x * 3})


def _two_models(by_scope):
    with tf.name_scope("train") as train_scope:
        with tf.variable_scope("var1", dtype=tf.float32):
            model1 = _Model(train_scope if by_scope else None)
    with tf.name_scope("test") as test_scope:
        with tf.variable_scope("var1", reuse=True, dtype=tf.float32):
            model2 = _Model(test_scope if by_scope else None)
    return model1, model2


@demo('003 two models with merge_all ("错误示例", "错误原因", "解决方法")',
      ["model2's merge_all also merges model1's summary, so running it needs model1's "
       "placeholders: InvalidArgumentError 'You must feed a value for placeholder tensor "
       "train/var1/Placeholder'", "model1's merge_all only has its own summary",
       "merge(get_collection(SUMMARIES, scope)) gives each model its own: both run"],
      volatile=("model2",))
def merge_all_two_model_pitfall():
    got = {}
    with fresh_session() as session:
        model1, model2 = _two_models(by_scope=False)
        session.run(tf.global_variables_initializer())
        got["model1_tags"] = _tags(_run_epoch(session, model1)[0])
        got["model2"] = error_of(_run_epoch, session, model2)  # which placeholder: varies
        got["model2_stable"] = [got["model2"]["type"],
                                re.sub(r"Placeholder(_\d+)?'.*", "Placeholder...",
                                       got["model2"]["message"])]
    with fresh_session() as session:
        model1, model2 = _two_models(by_scope=True)
        session.run(tf.global_variables_initializer())
        got["by_scope_tags"] = [_tags(_run_epoch(session, m)[0]) for m in (model1, model2)]
    return got


@demo('003 "FileWriter" (max_queue, flush_secs, flush) / "tf.summary.merge"',
      ["FileWriter(logdir, graph) writes an events file with the graph at once",
       "add_summary(summary, step) events reach the disk on flush()",
       "max_queue and flush_secs are constructor options",
       "merge([acc_summary]) of one summary holds just its tag"])
def file_writer_events():
    with tempfile.TemporaryDirectory() as logdir, fresh_session() as session:
        acc = tf.constant(0.5)
        acc_summary = tf.summary.scalar("accuracy", acc)
        merged = tf.summary.merge([acc_summary])
        writer = tf.summary.FileWriter(logdir, session.graph, max_queue=10, flush_secs=120)
        for step in range(3):
            writer.add_summary(session.run(merged), step)
        writer.flush()
        (events_file,) = glob.glob(os.path.join(logdir, "events.out.tfevents.*"))
        events = [[e.WhichOneof("what"), e.step, [v.tag for v in e.summary.value]]
                  for e in tf.train.summary_iterator(events_file)]
        writer.close()
    return {"events": events}
