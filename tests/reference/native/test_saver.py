"""The TF2-native counterparts of reference/saver.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import same

VALUE = "/.ATTRIBUTES/VARIABLE_VALUE"


def test_a_checkpoint_saves_under_object_paths_named_by_its_keywords(native, tf1_as_recorded):
    got, tf1 = native["checkpoint_keys"], tf1_as_recorded["saver_keys"]
    assert same(got, tf1, ["dict"]) == {"dict": 0.0}  # the keywords are the dict's keys
    assert got["keyword_names"] == tf1["default"] == ["global_step", "v1", "v2"]
    assert got["keyword_keys"] == ["_CHECKPOINTABLE_OBJECT_GRAPH", f"global_step{VALUE}",
                                   f"v1{VALUE}", f"v2{VALUE}"]  # write() keeps no save_counter
    assert got["dict_keys"] == ["_CHECKPOINTABLE_OBJECT_GRAPH", f"variable_1{VALUE}",
                                f"variable_2{VALUE}"]
    # what print_tensors_in_checkpoint_file printed, read with load_checkpoint's reader
    assert got["values"] == {f"variable_1{VALUE}": ["float32", [], 1.0],
                             f"variable_2{VALUE}": ["float32", [], 2.0]}
    assert tf1["printed"][:4] == ["tensor: variable_1 (float32) []", "1.0",
                                  "tensor: variable_2 (float32) []", "2.0"]
    # the notes' Saver([v1, v2]): Checkpoint(v1=v1, v2=v2), the same values under object paths
    assert got["list_values"] == {f"v1{VALUE}": ["float32", [], 1.0],
                                  f"v2{VALUE}": ["float32", [], 2.0]}
    assert tf1["printed_list"][:4] == ["tensor: v1 (float32) []", "1.0",
                                       "tensor: v2 (float32) []", "2.0"]


def test_swapped_keywords_swap_the_values_and_an_absent_key_is_not_found(native,
                                                                        tf1_as_recorded):
    got, tf1 = native["checkpoint_restore_swapped"], tf1_as_recorded["saver_restore_swapped"]
    assert same(got, tf1, ["swapped", "without_init"]) == {"swapped": 0.0, "without_init": 0.0}
    assert got["swapped"] == [2.0, 1.0]
    assert got["without_init"] == [1.0, 2.0]  # over the -1.0 both were created with
    assert got["missing_key"] == {k: tf1["missing_key"][k] for k in ("type", "message")} == {
        "type": "NotFoundError", "message": "Key v3 not found in checkpoint"}
    assert got["missing_object"] == {  # a restore does not fail: its status says so
        "type": "AssertionError",
        "message": "Found 1 Python objects that were not bound to checkpointed values, likely "
                   "due to changes in the Python program. Showing 1 of 1 unmatched objects: "
                   "[<tf.Variable 'Variable:0' shape=() dtype=float32, numpy=0.0>]"}


def test_a_checkpoint_of_one_variable_saves_and_restores_only_it(native, tf1_as_recorded):
    got, tf1 = native["checkpoint_subset_restore"], tf1_as_recorded["saver_subset_restore"]
    assert same(got, tf1, ["values", "keys"]) == {"values": 0.0, "keys": 0.0}
    assert got["values"] == [10.0, 2.0]  # v1 restored, v2 as created
    assert got["checkpoint_keys"] == ["_CHECKPOINTABLE_OBJECT_GRAPH",
                                      "save_counter/.ATTRIBUTES/VARIABLE_VALUE", f"v1{VALUE}"]
    assert got["from_full_checkpoint"] == [10.0, 2.0]  # expect_partial: v2 left alone


def test_a_checkpoint_manager_keeps_five_and_writes_the_state_file(native, tf1_as_recorded):
    got, tf1 = native["checkpoint_manager_max_to_keep"], tf1_as_recorded[
        "saver_max_to_keep_and_state"]
    keys = ["returned_paths", "model_checkpoint_path", "all_model_checkpoint_paths",
            "latest_checkpoint", "without_global_step"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert got["kept"] == tf1["max_to_keep"] == 5
    # the same files but the .meta graphs: there is no graph to save
    assert got["files"] == [f for f in tf1["files"] if not f.endswith(".meta")]
    assert got["files"] == ["checkpoint"] + [f"model0.ckpt-{k}.{ext}" for k in range(2, 7)
                                             for ext in ("data-00000-of-00001", "index")]
    # the manager writes names relative to its directory, the Saver the path as given
    assert got["checkpoint_file"] == [line.replace("<dir>/", "")
                                      for line in tf1["checkpoint_file"]]
    assert got["checkpoint_file"][0] == 'model_checkpoint_path: "model0.ckpt-6"'
    assert got["manager_latest"] == "<dir>/model0.ckpt-6"
    assert got["save_numbers_itself"] == ["plain-8", "plain-9"]  # save_counter: 7 saves before
    assert got["latest_filename"] == {
        "type": "TypeError",
        "message": "CheckpointManager.__init__() got an unexpected keyword argument "
                   "'latest_filename'"}
    # note 000's example (model0.ckpt, steps 0 and 1): the notes' three lines, then the times
    assert got["notes_checkpoint_file"] == tf1["notes_checkpoint_file"] + [
        "all_model_checkpoint_timestamps: <time>", "all_model_checkpoint_timestamps: <time>",
        "last_preserved_timestamp: <time>"]
    assert got["notes_saves"] == ["./model0.ckpt-0", "./model0.ckpt-1"]  # the directory joined
    assert tf1["notes_saves"] == ["model0.ckpt-0", "model0.ckpt-1"]
    assert got["notes_lastfile_name"] == {
        "type": "TypeError",
        "message": "CheckpointManager.save() got an unexpected keyword argument 'lastfile_name'"}
    assert tf1["notes_lastfile_name"]["type"] == "TypeError"


def test_a_manager_resumes_as_the_notes_two_lines_do(native, tf1_as_recorded):
    got = dict(native["checkpoint_manager_resume"])
    tf1 = dict(tf1_as_recorded["saver_resume_from_checkpoint_dir"])
    # the same files but the .meta graph: there is no graph to save
    assert got.pop("files") == [f for f in tf1.pop("files") if not f.endswith(".meta")]
    assert same(got, tf1, tf1) == dict.fromkeys(tf1, 0.0)
