"""Summaries: the summary ops, merge_all vs merge by scope, the two-model pitfall, FileWriter.

Reproduces: note 003 "tensorflow的可视化是使用summary和tensorboard合作完成的" (scalar, image,
histogram, audio, text; ``merge_all``; ``FileWriter(logdir, graph, max_queue, flush_secs)``;
"如果执行一次，disk上没有保存Summary数据的话，可以尝试下file_writer.flush()"), the
"Tensorflow Summary 用法示例" (merge_all, ``FileWriter(dir, sess.graph)``, and its
``tensorboard –logdir=/summary_dir`` command, whose en dash TensorBoard rejects),
"tf.summary.merge" with ``get_collection(tf.GraphKeys.SUMMARIES, scope)`` (and without the
"[]不可省" brackets), and the two-model
example ("引起血案的地方") with its "You must feed a value for placeholder tensor
'train/var1/Placeholder'" error and its fix; and which images "max_images确定了生成的图片是
[-max_images: ,height, width, channels]" keeps (the first, not the last).
"""
import contextlib
import glob
import inspect
import io
import os
import re
import tempfile

from reference.tf1 import tf

import numpy as np
from tensorboard import program

from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session

NOTES_TEXT = r"""/a/b/c\\_d/f\\_g\\_h\\_2017"""
NOTES_LITERAL = """/a/b/c\\_d/f\\_g\\_h\\_2017"""  # the notes' plain literal: one backslash each


def _tags(serialized):
    return [value.tag for value in tf.Summary.FromString(serialized).value]


@demo('003 "tf.summary有诸多函数" (scalar, histogram, image, audio, text, distribution)',
      ["each summary op returns a serialized Summary string", "scalar's tag is its name",
       "image writes at most max_outputs (the notes' max_images) images: tags img/image/0..2",
       "audio likewise: snd/audio/0..2", "text takes the notes' string unchanged",
       "the notes' text literal (not raw) holds one backslash before each _",
       "image's max_outputs defaults to 3: five images give im/image/0..2; 3 is no limit: "
       "max_outputs=5 writes all five",
       "image needs a 4-D tensor: a 3-D one builds, then running it is InvalidArgumentError "
       "'Tensor must be 4-D with last dim 1, 3, or 4, not [4,4,1]'",
       "histogram takes values of any shape: a [2, 3] tensor counts its 6 values",
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
        notes_text, default_images, five_images, histogram_2d = session.run([
            tf.summary.text("notes_text", tf.convert_to_tensor(NOTES_LITERAL)),
            tf.summary.image("im", tf.zeros([5, 4, 4, 1])),
            tf.summary.image("im5", tf.zeros([5, 4, 4, 1]), max_outputs=5),
            tf.summary.histogram("h", tf.reshape(tf.range(6.0), [2, 3]))])
        histo = tf.Summary.FromString(histogram_2d).value[0].histo
        return {"dtypes": sorted({op.dtype.name for op in ops.values()}),
                "tags": {name: _tags(value) for name, value in got.items()},
                "scalar_value": tf.Summary.FromString(got["scalar"]).value[0].simple_value,
                "text_value": text_value, "notes_literal": NOTES_LITERAL,
                "notes_text_value": tf.Summary.FromString(
                    notes_text).value[0].tensor.string_val[0],
                "image_default_max_outputs": _tags(default_images),
                "image_max_outputs_5": _tags(five_images),
                "image_3d": error_of(session.run, tf.summary.image("im3", tf.zeros([4, 4, 1]))),
                "histogram_2d": [histo.num, histo.sum, histo.min, histo.max],
                "image_max_images": error_of(tf.summary.image, "x", tf.zeros([1, 2, 2, 1]),
                                             max_images=3),
                "distribution": error_of(lambda: tf.summary.distribution)}


def _indexed_images(dtype, scale):
    """Five [2, 3, 1] images, image i filled with i * scale."""
    return tf.constant(np.arange(5).reshape([5, 1, 1, 1]) * scale * np.ones([5, 2, 3, 1]),
                       dtype=dtype)


def _decoded_images(session, serialized):
    """``[[tag, height, width, pixels]]`` of a Summary's images, their PNGs decoded."""
    return [[v.tag, v.image.height, v.image.width, session.run(tf.image.decode_png(
        v.image.encoded_image_string))[..., 0]] for v in tf.Summary.FromString(serialized).value]


@demo('003 "max_images确定了生成的图片是[-max_images: ,height, width, channels]"',
      ["image(tag, five images filled with their index, max_outputs=3) keeps the FIRST three "
       "(0, 1, 2) as img/image/0..2, not the last three [-3:] the notes describe",
       "uint8 pixels are written unchanged; float images are rescaled each on its own, so "
       "images filled with 0, 0.1, 0.2 come out 0, 255, 255"])
def summary_image_keeps_the_first():
    with fresh_session() as session:
        ops = [tf.summary.image("img", _indexed_images(tf.uint8, 1), max_outputs=3),
               tf.summary.image("float", _indexed_images(tf.float32, 0.1), max_outputs=3)]
        uint8, float32 = (_decoded_images(session, got) for got in session.run(ops))
    return {"uint8": uint8, "float32": float32}


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


def _feeds(*models):
    x = np.arange(4, dtype=np.float32).reshape(-1, 1)
    return {k: v for m in models for k, v in [(m.x.name, x), (m.label, x * 3)]}


def _run_epoch(session, model):
    return session.run([model.merged_summary], _feeds(model))


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
       "train/var1/Placeholder'", "fed both models' placeholders, model2's merge_all holds "
       "model1's summary and its own: train/var1/loss, test/var1/loss",
       "model1's merge_all only has its own summary",
       "merge(get_collection(SUMMARIES, scope)) gives each model its own: both run",
       "the fix as printed, 'def __init__(self，scope):' (a full-width comma), does not "
       "compile: SyntaxError"],
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
        got["model2_tags_fed_all"] = _tags(session.run(model2.merged_summary,
                                                       _feeds(model1, model2)))
    with fresh_session() as session:
        model1, model2 = _two_models(by_scope=True)
        session.run(tf.global_variables_initializer())
        got["by_scope_tags"] = [_tags(_run_epoch(session, m)[0]) for m in (model1, model2)]
    got["fix_as_printed"] = error_of(compile, "def __init__(self\uff0cscope):\n    pass\n",
                                     "<notes>", "exec")
    return got


def _events(logdir):
    """``[[kind, step, tags]]`` of the one events file in ``logdir``."""
    (events_file,) = glob.glob(os.path.join(logdir, "events.out.tfevents.*"))
    return [[e.WhichOneof("what"), e.step, [v.tag for v in e.summary.value]]
            for e in tf.train.summary_iterator(events_file)]


def _usage_example():
    """The notes' "Tensorflow Summary 用法示例": scalar('accuracy', acc), merge_all,
    FileWriter(dir, sess.graph) with its defaults, three steps, then close() (no flush())."""
    with tempfile.TemporaryDirectory() as logdir, fresh_session() as session:
        tf.summary.scalar("accuracy", tf.constant(0.5))
        merge_summary = tf.summary.merge_all()
        train_writer = tf.summary.FileWriter(logdir, session.graph)
        for step in range(3):
            train_writer.add_summary(session.run(merge_summary), step)
        train_writer.close()
        return _events(logdir)


def _tensorboard_command(argv):
    """What TensorBoard's command line makes of ``argv`` (parsed as ``tensorboard ...`` parses
    it, no server started): its --logdir, or the exit code and error line of a bad command."""
    board, stderr = program.TensorBoard(), io.StringIO()
    try:
        with contextlib.redirect_stderr(stderr):
            board.configure(argv=["tensorboard", *argv])
    except SystemExit as exit_:
        return {"exit": exit_.code, "error": stderr.getvalue().splitlines()[-1]}
    return {"logdir": board.flags.logdir}


@demo('003 "FileWriter" (max_queue, flush_secs, flush) / "Tensorflow Summary 用法示例" / '
      '"tf.summary.merge"',
      ["FileWriter(logdir, graph) writes an events file with the graph at once",
       "add_summary(summary, step) events reach the disk on flush()",
       "max_queue and flush_secs are constructor options",
       "FileWriter.__init__ still defaults graph=None, max_queue=10, flush_secs=120, "
       "graph_def=None (filename_suffix and session were added)",
       "the notes' example (merge_all, FileWriter(dir, sess.graph)) with close() and no "
       "flush() also has all three summaries on disk",
       "merge([acc_summary]) of one summary holds just its tag",
       "the notes' merge([get_collection(SUMMARIES, 'accuracy')]), a list holding the list, "
       "works: tag accuracy", "merge(acc_summary) without the [] is "
       "OperatorNotAllowedInGraphError (a Tensor used as a Python bool)",
       "the notes' 'tensorboard –logdir=/summary_dir' (an en dash) exits 2: \"argument "
       "{serve}: invalid choice\"; --logdir=/summary_dir sets the logdir"])
def file_writer_events():
    with tempfile.TemporaryDirectory() as logdir, fresh_session() as session:
        acc = tf.constant(0.5)
        acc_summary = tf.summary.scalar("accuracy", acc)
        merged = tf.summary.merge([acc_summary])
        writer = tf.summary.FileWriter(logdir, session.graph, max_queue=10, flush_secs=120)
        for step in range(3):
            writer.add_summary(session.run(merged), step)
        writer.flush()
        events = _events(logdir)
        writer.close()
        nested = tf.summary.merge([tf.get_collection(tf.GraphKeys.SUMMARIES, "accuracy")])
        got = {"events": events, "merge_of_the_collection_list": _tags(session.run(nested)),
               "merge_without_brackets": error_of(tf.summary.merge, acc_summary)}
    defaults = inspect.signature(tf.summary.FileWriter.__init__).parameters.values()
    return dict(got, usage_example_closed_without_flush=_usage_example(),
                file_writer_defaults={p.name: p.default for p in defaults
                                      if p.default is not p.empty},
                tensorboard={"notes_en_dash": _tensorboard_command(["–logdir=/summary_dir"]),
                             "double_hyphen": _tensorboard_command(["--logdir=/summary_dir"])})
