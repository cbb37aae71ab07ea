"""The TF2-native counterparts of reference/summaries.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import same


def test_summary_functions_write_at_once_and_images_share_one_tag(native, tf1_as_recorded):
    got, tf1 = native["summary_ops_v2"], tf1_as_recorded["summary_ops"]
    keys = ["scalar_value", "text_value", "notes_text_value", "image_max_images"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)  # max_images is gone in both
    assert got["notes_text_value"] == tf1["notes_literal"]  # one backslash each, unchanged
    assert got["image_default_max_outputs"] == len(tf1["image_default_max_outputs"]) == 3
    assert got["image_max_outputs_5"] == len(tf1["image_max_outputs_5"]) == 5
    # a 3-D image fails at once (eager), not when a session runs it
    assert got["image_3d"] == {
        "type": "ValueError", "message": "Tensor  must have rank 4.  Received rank 3, shape "
                                         "(4, 4, 1)"}
    assert tf1["image_3d"]["type"] == "InvalidArgumentError"
    # [[0, 1, 2], [3, 4, 5]]: 30 buckets over [0, 5] holding the 6 values (TF1: num 6, 0..5)
    assert got["histogram_2d"] == [30, 6.0, 0.0, 5.0]
    assert tf1["histogram_2d"] == [6.0, 15.0, 0.0, 5.0]
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


def test_image_v2_keeps_the_same_first_images_under_one_tag(native, tf1_as_recorded):
    got, tf1 = native["summary_image_v2_keeps_the_first"], tf1_as_recorded[
        "summary_image_keeps_the_first"]
    assert [image[0] for image in got["uint8"]] == ["img"] * 3  # TF1: img/image/0..2
    assert [image[0] for image in tf1["uint8"]] == ["img/image/0", "img/image/1", "img/image/2"]
    untagged = {kind: [image[1:] for image in got[kind]] for kind in got}
    # the same images 0, 1, 2 of five (height 2, width 3, pixels): the first three
    assert same(untagged, {"uint8": [image[1:] for image in tf1["uint8"]]}, ["uint8"]) == {
        "uint8": 0.0}
    # floats: v2 takes [0, 1] (0.1 * 255.5 -> 25, 0.2 -> 51); TF1 rescaled each to 255
    assert [image[2] for image in untagged["float32"]] == [[[v] * 3] * 2 for v in (0, 25, 51)]
    assert [image[3][0][0] for image in tf1["float32"]] == [0, 255, 255]


def test_each_model_writes_its_own_summary_so_the_merge_all_pitfall_is_gone(native,
                                                                           tf1_as_recorded):
    got, tf1 = native["summaries_by_name_scope"], tf1_as_recorded["merge_all_two_model_pitfall"]
    assert same(got, tf1, ["model1_tags", "by_scope_tags"]) == {"model1_tags": 0.0,
                                                               "by_scope_tags": 0.0}
    assert tf1["model2"]["type"] == "InvalidArgumentError"  # merge_all pulled in model1
    assert tf1["model2_tags_fed_all"] == ["train/var1/loss", "test/var1/loss"]
    assert got["model2_tags"] == ["test/var1/loss"]  # TF2: runs, writing only its own


def test_the_writer_holds_events_until_flush(native, tf1_as_recorded):
    got, tf1 = native["file_writer_v2_events"], tf1_as_recorded["file_writer_events"]
    summaries = [e for e in tf1["events"] if e[0] == "summary"]
    assert got["events"] == [["file_version", 0, []], ["graph_def", 0, []], *summaries]
    assert ["meta_graph_def", 0, []] in tf1["events"]  # TF2 writes no meta graph
    assert got["before_flush"] == ["file_version"]  # max_queue 10, flush_millis 120 s
    assert got["file_name"] == "events.out.tfevents.<time>.<host>.<pid>.<n>.v2"
    # the notes' example, closed without flush(): the same summaries, no graph events
    assert got["usage_example_closed_without_flush"] == [
        e for e in tf1["usage_example_closed_without_flush"]
        if e[0] not in ("graph_def", "meta_graph_def")]
    assert got["writer_defaults"] == {  # TF1: max_queue=10, flush_secs=120
        "max_queue": None, "flush_millis": None, "filename_suffix": None, "name": None,
        "experimental_trackable": False, "experimental_mesh": None}
    assert tf1["file_writer_defaults"]["max_queue"] == 10
    assert got["merge"] == {  # nothing to merge: TF1's merge([...]) forms have no counterpart
        "type": "AttributeError",
        "message": "module 'tensorflow._api.v2.summary' has no attribute 'merge'"}
    assert tf1["merge_of_the_collection_list"] == ["accuracy"]
