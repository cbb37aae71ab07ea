"""The TF2-native counterparts of reference/summaries.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import same


def test_summary_functions_write_at_once_and_images_share_one_tag(native, tf1_as_recorded):
    got, tf1 = native["summary_ops_v2"], tf1_as_recorded["summary_ops"]
    keys = ["scalar_value", "text_value", "image_max_images"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)  # max_images is gone in both
    assert got["returned"] == [["bool", True]] * 5  # written, not a serialized Summary
    assert tf1["dtypes"] == ["string"]
    assert got["without_writer"] is False  # no default writer: nothing written
    assert got["tags"] == {"scalar": ["loss"], "histogram": ["weights"], "image": ["img"],
                           "audio": ["snd"], "text": ["text"]}
    assert tf1["tags"]["image"] == ["img/image/0", "img/image/1", "img/image/2"]
    assert (got["images"], got["audio_clips"]) == (3, 3)  # max_outputs, in one tensor each
    assert got["plugins"] == {"loss": "scalars", "weights": "histograms", "img": "images",
                              "snd": "audio", "text": "text"}
    assert got["no_step"] == {
        "type": "ValueError",
        "message": "No step set. Please specify one either through the `step` argument or "
                   "through tf.summary.experimental.set_step()"}
    assert got["distribution"] == {
        "type": "AttributeError",
        "message": "module 'tensorflow._api.v2.summary' has no attribute 'distribution'"}


def test_each_model_writes_its_own_summary_so_the_merge_all_pitfall_is_gone(native,
                                                                           tf1_as_recorded):
    got, tf1 = native["summaries_by_name_scope"], tf1_as_recorded["merge_all_two_model_pitfall"]
    assert same(got, tf1, ["model1_tags", "by_scope_tags"]) == {"model1_tags": 0.0,
                                                               "by_scope_tags": 0.0}
    assert tf1["model2"]["type"] == "InvalidArgumentError"  # merge_all pulled in model1
    assert got["model2_tags"] == ["test/var1/loss"]  # TF2: runs, writing only its own


def test_the_writer_holds_events_until_flush(native, tf1_as_recorded):
    got, tf1 = native["file_writer_v2_events"], tf1_as_recorded["file_writer_events"]
    summaries = [e for e in tf1["events"] if e[0] == "summary"]
    assert got["events"] == [["file_version", 0, []], ["graph_def", 0, []], *summaries]
    assert ["meta_graph_def", 0, []] in tf1["events"]  # TF2 writes no meta graph
    assert got["before_flush"] == ["file_version"]  # max_queue 10, flush_millis 120 s
    assert got["file_name"] == "events.out.tfevents.<time>.<host>.<pid>.<n>.v2"
