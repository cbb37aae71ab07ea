"""``python -m experiments.ptb_tf2``: the flags, their checks, and ``main``.

The flags ``experiments.ptb`` has where they apply to a Keras model on one device:
``--model``, ``--max_max_epoch``, ``--max_steps``, ``--seed``, ``--data_path`` and
``--save_path``. Its ``--rnn_mode``, ``--dtype``, ``--use_fp16``, ``--num_gpus``, the cluster,
ConfigProto and tfdbg flags choose TF1 kernels, devices and sessions, which Keras and
``tf.config`` choose here. TensorFlow is imported once the flags are checked, so a usage error
comes at once.
"""
import os

from absl import logging

from experiments.shared import cli
from experiments.shared import paths
from experiments.shared import ptb_config
from experiments.shared import ptb_data
from reference.catalogue import quiet


def main(argv, holders):
    cli.check_no_arguments(argv)
    with quiet.startup_noise_filtered():  # TensorFlow's C++ start-up lines, on first import
        from experiments.ptb_tf2 import training
    logging.set_verbosity(logging.WARNING)  # the checkpoint writer's INFO line per save
    config = ptb_config.CONFIGS[holders.model.value]
    raw_data, true_perplexity = ptb_data.load(paths.DATA_PATH.value)
    config = ptb_data.with_epochs(config, holders.max_max_epoch.value, true_perplexity)
    save_path = paths.SAVE_PATH.value
    ptb_data.run(lambda: training.train(config, raw_data, save_path=save_path,
                                        max_steps=holders.max_steps.value,
                                        seed=holders.seed.value), save_path, true_perplexity)


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    cli.run(main, ptb_data.define_flags)
