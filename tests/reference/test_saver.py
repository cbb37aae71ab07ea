"""Saver (note 003 Saver sections, note 000 "保存模型")."""
from tests.reference.versioned import observe


def test_var_list_decides_the_keys():
    assert observe("saver_keys") == {
        "default": ["global_step", "v1", "v2"], "list": ["v1", "v2"],
        "dict": ["variable_1", "variable_2"], "op_name_dict": ["v1", "v2"],
        "printed": ["tensor: variable_1 (float32) []", "1.0", "tensor: variable_2 (float32) []",
                    "2.0", "# Total number of params: 2"]}


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
        "latest_filename_first_line": 'model_checkpoint_path: "<dir>/other"'}
