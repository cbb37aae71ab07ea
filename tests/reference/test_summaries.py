"""Summaries (note 003): ops, merge_all vs merge by scope, FileWriter events."""
from tests.reference.versioned import observe


def test_summary_ops_and_their_tags():
    assert observe("summary_ops") == {
        "dtypes": ["string"],
        "tags": {"scalar": ["loss"], "histogram": ["weights"],
                 "image": ["img/image/0", "img/image/1", "img/image/2"],
                 "audio": ["snd/audio/0", "snd/audio/1", "snd/audio/2"], "text": ["text"]},
        "scalar_value": 0.25, "text_value": "/a/b/c\\\\_d/f\\\\_g\\\\_h\\\\_2017",
        "image_max_images": {"type": "TypeError",
                             "message": "image() got an unexpected keyword argument 'max_images'"},
        "distribution": {"type": "AttributeError", "message": "module "
                         "'tensorflow._api.v2.compat.v1.summary' has no attribute 'distribution'"}}


def test_merge_all_in_the_second_model_needs_the_first_models_feeds():
    got = observe("merge_all_two_model_pitfall")
    error = got.pop("model2")  # which of model1's two placeholders is named varies
    assert error["type"] == "InvalidArgumentError"
    assert error["message"].startswith(
        "You must feed a value for placeholder tensor 'train/var1/Placeholder")
    assert got == {"model1_tags": ["train/var1/loss"],
                   "model2_stable": ["InvalidArgumentError", "You must feed a value for "
                                     "placeholder tensor 'train/var1/Placeholder..."],
                   "by_scope_tags": [["train/var1/loss"], ["test/var1/loss"]]}


def test_file_writer_writes_graph_then_flushed_summaries():
    assert observe("file_writer_events") == {"events": [
        ["file_version", 0, []], ["graph_def", 0, []], ["meta_graph_def", 0, []],
        ["summary", 0, ["accuracy"]], ["summary", 1, ["accuracy"]], ["summary", 2, ["accuracy"]]]}
