"""The TF2-native counterparts of reference/checkpoint_loaders.py against the TF1 demonstrations
(the committed fixtures, read eagerly)."""
from tests.reference.native.equivalence import same

DEPRECATION = (
    "NameBasedSaverStatus.__init__ (from tensorflow.python.checkpoint.checkpoint) is deprecated "
    "and will be removed in a future version.\nInstructions for updating:\nRestoring a "
    "name-based tf.train.Saver checkpoint using the object-based restore API. This mode uses "
    "global names to match variables, and so is somewhat fragile. It also adds new restore ops "
    "to the graph each time it is called when graph building. Prefer re-encoding training "
    "checkpoints in the object-based format: run save() on the object-based saver (the same one "
    "this message is coming from) and use that checkpoint in the future.")


def test_the_files_read_eagerly_hold_what_graph_mode_reads(native, tf1_as_recorded):
    got, tf1 = native["checkpoint_files_read_eagerly"], tf1_as_recorded["fixture_contents"]
    keys = ["adam", "adam_listed", "ptb_tf1", "ptb_tf1_listed", "ptb_tf2", "ptb_tf2_listed"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)


def test_a_checkpoint_restores_a_name_based_file_by_global_names(native, tf1_as_recorded):
    got = native["checkpoint_restores_name_based_files"]
    tf1 = tf1_as_recorded["saver_restores_fixtures"]
    assert got["adam"]["values"] == {name: tf1["adam"][name]
                                     for name in ("dense/kernel", "dense/bias", "global_step")}
    assert got["ptb_tf1"]["values"] == tf1["ptb_tf1"]
    assert got["adam"]["warnings"] == [DEPRECATION]
    assert got["ptb_tf1"]["warnings"] == []  # a deprecation is logged once per process
    assert {got[k]["status"] for k in ("adam", "ptb_tf1")} == {"NameBasedSaverStatus"}
    # its assert_consumed() passes (returns the status): it cannot tell what matched
    assert {got[k]["assert_consumed"] for k in ("adam", "ptb_tf1")} == {"NameBasedSaverStatus"}


def test_assign_from_the_reader_is_init_from_checkpoint_with_a_map(native, tf1_as_recorded):
    got, tf1 = native["assign_from_checkpoint_reader"], tf1_as_recorded["init_from_checkpoint_maps"]
    assert same(got, tf1, ["ptb_tf1"]) == {"ptb_tf1": 0.0}
    assert got["init_from_checkpoint_eagerly"] == tf1["ptb_tf1"]["Model/embedding"]


def test_keras3_refuses_load_weights_of_a_tensorflow_checkpoint(native, tf1_as_recorded):
    got = native["keras3_weights_from_a_tf1_file"]
    assert got["load_weights"] == {
        "type": "ValueError",
        "message": "File format not supported: filepath=<dir>/adam_saver/model.ckpt-2. Keras 3 "
                   "only supports V3 `.keras` files, `.weights.h5` files, legacy H5 format files "
                   "(`.h5` extension), or Orbax checkpoints."}
    restored = tf1_as_recorded["saver_restores_fixtures"]["adam"]
    assert got["assigned"] == [restored["dense/kernel"], restored["dense/bias"]]
    assert tf1_as_recorded["tf_keras_load_weights"]["adam"]["raised"]["type"] == \
        "NotImplementedError"  # tf_keras in graph mode does not read it either


# Keras's Adam against the committed TF1 file after two steps, measured on 2.21: weights 1.3e-6,
# first moments 3.3e-6, second moments 9.7e-6 apart; float32 alone puts TF1's weights 3.4e-7
# and Keras's 1.7e-6 from float64's (an early Adam step divides by the root of a tiny moment)
ADAM_WEIGHTS_ATOL, ADAM_MOMENTS_ATOL = 3e-6, 2e-5


def test_keras_adam_gives_the_committed_adam_file_to_float32_noise(native, tf1_as_recorded):
    got = native["keras_adam_two_steps"]["largest_difference"]
    tf1 = tf1_as_recorded["adam_checkpoint_rewritten"]
    # Keras keeps no beta powers: it raises the betas to its iteration count
    assert sorted(got) == [n for n in tf1["names"] if not n.startswith("beta")]
    assert got["global_step"] == 0.0  # Keras's iteration count
    assert max(got["dense/kernel"], got["dense/bias"]) <= ADAM_WEIGHTS_ATOL
    assert max(v for n, v in got.items() if "/Adam" in n) <= ADAM_MOMENTS_ATOL
    assert set(tf1["largest_difference"].values()) == {0.0}  # TF1 writes the file again exactly
