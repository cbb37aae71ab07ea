"""Summaries (note 003): ops, merge_all vs merge by scope, FileWriter events."""
from tests.reference.versioned import observe


def test_summary_ops_and_their_tags():
    assert observe("summary_ops") == {
        "dtypes": ["string"],
        "tags": {"scalar": ["loss"], "histogram": ["weights"],
                 "image": ["img/image/0", "img/image/1", "img/image/2"],
                 "audio": ["snd/audio/0", "snd/audio/1", "snd/audio/2"], "text": ["text"]},
        "scalar_value": 0.25, "text_value": "/a/b/c\\\\_d/f\\\\_g\\\\_h\\\\_2017",  # raw: 2 each
        # the notes' """/a/b/c\\_d/...""" is not raw: one backslash each, kept as written
        "notes_literal": "/a/b/c\\_d/f\\_g\\_h\\_2017",
        "notes_text_value": "/a/b/c\\_d/f\\_g\\_h\\_2017",
        "image_default_max_outputs": ["im/image/0", "im/image/1", "im/image/2"],  # of five
        "image_max_outputs_5": [f"im5/image/{i}" for i in range(5)],  # 3 is only the default
        "image_3d": {"type": "InvalidArgumentError", "node": "im3",  # [4, 4, 1]: no batch
                     "message": "Tensor must be 4-D with last dim 1, 3, or 4, not [4,4,1]"},
        "histogram_2d": [6.0, 15.0, 0.0, 5.0],  # [[0, 1, 2], [3, 4, 5]]: num, sum, min, max
        "image_max_images": {"type": "TypeError",
                             "message": "image() got an unexpected keyword argument 'max_images'"},
        "distribution": {"type": "AttributeError", "message": "module "
                         "'tensorflow._api.v2.compat.v1.summary' has no attribute 'distribution'"}}


def _filled(value):
    return [[value] * 3] * 2  # one [2, 3] grayscale image, every pixel ``value``


def test_summary_image_keeps_the_first_max_outputs_images():
    assert observe("summary_image_keeps_the_first") == {  # five images, image i filled with i
        "uint8": [["img/image/0", 2, 3, _filled(0)], ["img/image/1", 2, 3, _filled(1)],
                  ["img/image/2", 2, 3, _filled(2)]],  # notes: [-3:], i.e. images 2, 3, 4
        "float32": [["float/image/0", 2, 3, _filled(0)],  # 0.0 stays 0
                    ["float/image/1", 2, 3, _filled(255)],  # 0.1 and 0.2: each image's
                    ["float/image/2", 2, 3, _filled(255)]]}  # largest value becomes 255


def test_merge_all_in_the_second_model_needs_the_first_models_feeds():
    got = observe("merge_all_two_model_pitfall")
    error = got.pop("model2")  # which of model1's two placeholders is named varies
    assert error["type"] == "InvalidArgumentError"
    assert error["message"].startswith(
        "You must feed a value for placeholder tensor 'train/var1/Placeholder")
    assert got == {"model1_tags": ["train/var1/loss"],
                   "model2_stable": ["InvalidArgumentError", "You must feed a value for "
                                     "placeholder tensor 'train/var1/Placeholder..."],
                   # "这里的merge_all管理了自己的summary和上边模型的Summary"
                   "model2_tags_fed_all": ["train/var1/loss", "test/var1/loss"],
                   "by_scope_tags": [["train/var1/loss"], ["test/var1/loss"]],
                   "fix_as_printed": {"type": "SyntaxError", "message":
                                      "invalid character '\uff0c' (U+FF0C) (<notes>, line 1)"}}


EVENTS = [["file_version", 0, []], ["graph_def", 0, []], ["meta_graph_def", 0, []],
          ["summary", 0, ["accuracy"]], ["summary", 1, ["accuracy"]], ["summary", 2, ["accuracy"]]]


def test_file_writer_writes_graph_then_flushed_summaries():
    assert observe("file_writer_events") == {
        "events": EVENTS, "usage_example_closed_without_flush": EVENTS,  # close() flushes
        "file_writer_defaults": {"graph": None, "max_queue": 10, "flush_secs": 120,
                                 "graph_def": None, "filename_suffix": None, "session": None},
        "merge_of_the_collection_list": ["accuracy"],  # merge([[accuracy]]): nested is fine
        "merge_without_brackets": {  # merge(acc_summary): "这里的[]不可省"
            "type": "OperatorNotAllowedInGraphError",
            "message": "Using a symbolic `tf.Tensor` as a Python `bool` is not allowed. You can "
                       "attempt the following resolutions to the problem: If you are running in "
                       "Graph mode, use Eager execution mode or decorate this function with "
                       "@tf.function. If you are using AutoGraph, you can try decorating this "
                       "function with @tf.function. If that does not work, then you may be using "
                       "an unsupported feature or your source code may not be visible to "
                       "AutoGraph. See https://github.com/tensorflow/tensorflow/blob/master/"
                       "tensorflow/python/autograph/g3doc/reference/limitations.md#access-to-"
                       "source-code for more information."},
        "tensorboard": {  # the notes' en dash is not an option: it is taken for a subcommand
            "notes_en_dash": {"exit": 2, "error": "tensorboard: error: argument {serve}: invalid "
                                                  "choice: '–logdir=/summary_dir' (choose from "
                                                  "'serve')"},
            "double_hyphen": {"logdir": "/summary_dir"}}}
