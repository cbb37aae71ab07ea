"""Checkpoint loaders on the committed fixtures (note 003 Saver sections)."""
from tests.reference.versioned import observe

CELL = "Model/RNN/multi_rnn_cell/cell_0/basic_lstm_cell/"
SUFFIX = "/.ATTRIBUTES/VARIABLE_VALUE"
ADAM_NAMES = ["beta1_power", "beta2_power", "dense/bias", "dense/bias/Adam", "dense/bias/Adam_1",
              "dense/kernel", "dense/kernel/Adam", "dense/kernel/Adam_1", "global_step"]
PTB_TF1 = {  # experiments.ptb --model=test --max_steps=3 --seed=1 on the generated corpus
    CELL + "bias": {"shape": [8], "sum": -0.0294165093941956,
                    "first": [3.7291523767635226e-05, -1.1071135304518975e-05,
                              -0.015384669415652752]},
    CELL + "kernel": {"shape": [4, 8], "sum": -0.18382096150889993,
                      "first": [-0.08888784050941467, -0.09625981003046036,
                                -0.08606404811143875]},
    "Model/embedding": {"shape": [2000, 2], "sum": -5.443802084977506,
                        "first": [0.06271015852689743, -0.08420037478208542,
                                  0.07840722799301147]},
    "Model/softmax_b": {"shape": [2000], "sum": -3.8179391804151237,
                        "first": [0.6021767854690552, 0.15694785118103027, 0.141739159822464]},
    "Model/softmax_w": {"shape": [2, 2000], "sum": 3.152213638066314,
                        "first": [-0.020627649500966072, 0.07121406495571136,
                                  -0.0892525240778923]}}


def _without_dtypes(contents, names):
    return {name: {k: v for k, v in contents[name].items() if k != "dtype"} for name in names}


def test_load_checkpoint_and_list_variables_read_all_three_files():
    got = observe("fixture_contents")
    assert sorted(got) == ["adam", "adam_listed", "ptb_tf1", "ptb_tf1_listed", "ptb_tf2",
                           "ptb_tf2_listed"]
    assert [name for name, _ in got["adam_listed"]] == sorted(got["adam"]) == ADAM_NAMES
    assert got["adam"]["dense/kernel"] == {
        "dtype": "float32", "shape": [3, 2], "sum": 0.9162211120128632,
        "first": [-0.09689570218324661, 0.002210080623626709, 0.10324911028146744]}
    assert got["adam"]["beta1_power"]["first"] == [0.7289999127388]  # 0.9 ** 3, in float32
    assert got["adam"]["global_step"] == {"dtype": "int64", "shape": [], "sum": 2.0, "first": [2]}
    assert _without_dtypes(got["ptb_tf1"], PTB_TF1) == PTB_TF1
    assert {n: got["ptb_tf1"][n]["first"] for n in ("global_step", "Train/Model/learning_rate")
            } == {"global_step": [3], "Train/Model/learning_rate": [1.0]}
    assert got["ptb_tf2_listed"] == [
        ["_CHECKPOINTABLE_OBJECT_GRAPH", []], ["global_step" + SUFFIX, []],
        ["model/embedding/_embeddings" + SUFFIX, [2000, 2]],
        ["model/lstm_0/cell/bias" + SUFFIX, [8]], ["model/lstm_0/cell/kernel" + SUFFIX, [2, 8]],
        ["model/lstm_0/cell/recurrent_kernel" + SUFFIX, [2, 8]],
        ["model/softmax/_kernel" + SUFFIX, [2, 2000]], ["model/softmax/bias" + SUFFIX, [2000]],
        ["save_counter" + SUFFIX, []]]
    assert got["ptb_tf2"]["_CHECKPOINTABLE_OBJECT_GRAPH"] == {"dtype": "string"}
    assert got["ptb_tf2"]["global_step" + SUFFIX]["first"] == [3]


def test_saver_restore_reads_the_name_based_files_and_refuses_the_object_based_one():
    got = observe("saver_restores_fixtures")
    contents = observe("fixture_contents")
    assert got["adam"] == _without_dtypes(contents["adam"], ADAM_NAMES)
    assert got["ptb_tf1"] == PTB_TF1
    assert got["ptb_tf2"] == {
        "type": "NotFoundError",
        "message": "Existing variables not in the checkpoint: " + ", ".join(sorted(PTB_TF1))}


def test_init_from_checkpoint_maps_scopes_and_object_based_keys():
    got = observe("init_from_checkpoint_maps")
    assert got["ptb_tf1"] == PTB_TF1
    assert got["own"] == [7.0]
    embedding = observe("fixture_contents")["ptb_tf2"]["model/embedding/_embeddings" + SUFFIX]
    assert got["ptb_tf2_embedding"] == {k: v for k, v in embedding.items() if k != "dtype"}
    assert got["missing_key"] == {
        "type": "ValueError",
        "message": "Tensor Model/nothing is not found in <dir>/ptb_test_tf1/model.ckpt-3 "
                   "checkpoint {'global_step': [], 'Model/softmax_w': [2, 2000], "
                   "'Model/softmax_b': [2000], 'Train/Model/learning_rate': [], "
                   "'Model/embedding': [2000, 2], "
                   f"'{CELL}kernel': [4, 8], '{CELL}bias': [8]}}"}


def test_tf_keras_load_weights_in_graph_mode():
    assert observe("tf_keras_load_weights") == {
        "adam": {"raised": {
            "type": "NotImplementedError",
            "message": "Streaming restore not supported from name-based checkpoints when graph "
                       "building. File a feature request if this limitation bothers you. As a "
                       "workaround, consider either using tf.train.Checkpoint to load "
                       "name-based checkpoints or enabling eager execution."}},
        "ptb_tf2": {"raised": {
            "type": "AssertionError",
            "message": "Nothing except the root object matched a checkpointed value. Typically "
                       "this means that the checkpoint does not match the Python program. The "
                       "following objects have no matching checkpointed value"},
            "unmatched": ["dense/bias:0", "dense/kernel:0"]}}


def test_the_adam_file_written_today_equals_the_committed_one():
    assert observe("adam_checkpoint_rewritten") == {
        "names": ADAM_NAMES, "largest_difference": {name: 0.0 for name in ADAM_NAMES}}
