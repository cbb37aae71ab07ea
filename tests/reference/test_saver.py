"""Saver (note 003 Saver sections, note 000 "保存模型")."""
from tests.reference.versioned import observe


def test_var_list_decides_the_keys():
    assert observe("saver_keys") == {
        "default": ["global_step", "v1", "v2"], "list": ["v1", "v2"],
        "dict": ["variable_1", "variable_2"], "op_name_dict": ["v1", "v2"],
        "printed": ["tensor: variable_1 (float32) []", "1.0", "tensor: variable_2 (float32) []",
                    "2.0", "# Total number of params: 2"],
        # the notes' Saver([v1, v2]) printout "tensor_name:  v1 / 1.0 / tensor_name:  v2 / 2.0"
        "printed_list": ["tensor: v1 (float32) []", "1.0", "tensor: v2 (float32) []", "2.0",
                         "# Total number of params: 2"]}


def test_restore_with_swapped_keys_and_without_init():
    assert observe("saver_restore_swapped") == {
        "swapped": [2.0, 1.0], "without_init": [1.0, 2.0],
        "missing_key": {"type": "NotFoundError", "node": "save_1/RestoreV2",
                        "message": "Key v3 not found in checkpoint"}}


def test_subset_restore_then_init_of_the_rest():
    assert observe("saver_subset_restore") == {"values": [10.0, 2.0], "keys": ["v1"]}


def test_max_to_keep_and_the_checkpoint_state_file():
    kept = [f"model0.ckpt-{step}" for step in range(2, 7)]
    assert observe("saver_max_to_keep_and_state") == {
        "returned_paths": [f"model0.ckpt-{step}" for step in range(7)], "max_to_keep": 5,
        "files": ["checkpoint"] + [f"{k}.{ext}" for k in kept
                                   for ext in ("data-00000-of-00001", "index", "meta")],
        "checkpoint_file": ['model_checkpoint_path: "<dir>/model0.ckpt-6"'] + [
            f'all_model_checkpoint_paths: "<dir>/{k}"' for k in kept],
        "model_checkpoint_path": "model0.ckpt-6", "all_model_checkpoint_paths": kept,
        "latest_checkpoint": "model0.ckpt-6", "without_global_step": ["plain", "plain"],
        "latest_filename_first_line": 'model_checkpoint_path: "<dir>/other"',
        # note 000's own calls: save.Saver(sess=…, …, lastfile_name=…) and the keyword
        "notes_save_dot_saver": {"type": "AttributeError",
                                 "message": "'Saver' object has no attribute 'Saver'"},
        "notes_lastfile_name": {"type": "TypeError", "message": "Saver.save() got an unexpected "
                                                                "keyword argument 'lastfile_name'"},
        # its example: save_path "model0.ckpt" (relative), global_step 0 then 1
        "notes_saves": ["model0.ckpt-0", "model0.ckpt-1"],
        "notes_checkpoint_file": ['model_checkpoint_path: "model0.ckpt-1"',  # the notes' lines
                                  'all_model_checkpoint_paths: "model0.ckpt-0"',
                                  'all_model_checkpoint_paths: "model0.ckpt-1"']}


def test_the_notes_resume_skips_without_a_checkpoint_and_restores_after_a_save():
    assert observe("saver_resume_from_checkpoint_dir") == {
        "missing_dir_state": None, "empty_dir_state": None, "empty_dir_latest": None,
        "before_any_save": [None, [1.0, 2.0]],  # nothing restored: the initial values
        "saved": "test-ckpt/model-2",
        "files": ["checkpoint", "model-2.data-00000-of-00001", "model-2.index", "model-2.meta"],
        "checkpoint_file": ['model_checkpoint_path: "model-2"',
                            'all_model_checkpoint_paths: "model-2"'],
        "resumed": ["test-ckpt/model-2", [10.0, 20.0]], "latest_checkpoint": "test-ckpt/model-2"}
