"""The TF2-native counterparts of reference/tfdbg.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import same


def test_the_dump_finds_the_nan_where_tfdbg_did(native, tf1_as_recorded):
    got, tf1 = native["dump_debug_info"], tf1_as_recorded["nan_hunting_with_dumps"]
    keys = ["loss_is_nan", "first_hit", "hits"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert got["hits"] == ["inject_nan", "loss", "scaled"]
    assert got["executions"] == tf1["runs"] == 1  # one record per call, one folder per run()
    assert got["file_kinds"] == ["execution", "graph_execution_traces", "graphs", "metadata",
                                 "source_files", "stack_frames"]
    assert got["file_names_match"] is True  # tfdbg_events.<time>.<host>.<kind>
    assert got["traced_ops"] == ["x", "sub/y", "sub", "inject_nan", "scaled/ReadVariableOp",
                                 "scaled", "loss"]  # every op output, in execution order


def test_check_numerics_names_the_op_that_made_the_nan(native, tf1_as_recorded):
    got, tf1 = native["check_numerics"], tf1_as_recorded["check_numerics_counterpart"]
    assert tf1["build"]["raised"]["type"] == "AttributeError"  # TF1 mode: ref variables break
    assert got == {"build": "ok", "run": {
        "type": "InvalidArgumentError", "message": ": Tensor had NaN values",
        "detected_at": "inject_nan/CheckNumericsV2",
        "detected": '!!! Detected Infinity or NaN in output 0 of graph op "Log" '
                    '(# of outputs: 1) !!!'}}


def test_no_cli_only_the_dump_api_and_tensorboards_debugger(native, tf1_as_recorded):
    got, tf1 = native["debugger_v2_instead_of_cli"], tf1_as_recorded["cli_ui_types"]
    assert tf1["supported"] == ["readline"]
    assert tf1["notes_call"] == ["LocalCLIDebugWrapperSession", tf1["default_ui_type"]]
    assert got == {"tf_debugging_experimental": ["disable_dump_debug_info",
                                                 "enable_dump_debug_info"],
                   "replacement_plugin": "debugger-v2"}
