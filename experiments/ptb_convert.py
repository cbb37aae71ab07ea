"""``python -m experiments.ptb_convert``: a PTB checkpoint of one world turned into the other's.

    python -m experiments.ptb_convert --from=DIR --to=NEW_DIR [--model=small]

``--from``: a checkpoint prefix, or a directory whose newest checkpoint is taken; of
``experiments.ptb`` (TF1, by name; any rnn_mode) or of ``experiments.ptb_tf2`` (TF2, by
object): which, is read from the file. ``--to`` gets the other world's checkpoint at the same
global step, from which that script's ``--save_path=NEW_DIR`` resumes. ``--model``: the config
both were trained with (the vocabulary comes from the checkpoint). What moves:
``experiments/ptb_tf2/convert.py``. A checkpoint that is not a PTB one or of another config,
and a ``--to`` that holds a checkpoint already, are one line naming what is wrong, exit 2.
"""
import os

from absl import app
from absl import flags
from absl import logging

from experiments.shared import cli
from experiments.shared import ptb_config
from reference.catalogue import quiet


def define_flags():
    return (flags.DEFINE_string("from", None, "The checkpoint to convert: a prefix, or a "
                                "directory (its newest checkpoint).", required=True),
            flags.DEFINE_string("to", None, "The directory to write the converted checkpoint "
                                "into (new or empty).", required=True),
            flags.DEFINE_enum("model", "small", list(ptb_config.CONFIGS),
                              "The config the checkpoint was trained with."))


def main(argv, holders):
    cli.check_no_arguments(argv)
    source, to_dir, model = (holder.value for holder in holders)
    with quiet.startup_noise_filtered():  # TensorFlow's C++ start-up lines, on first import
        from experiments.ptb_tf2 import convert
    logging.set_verbosity(logging.WARNING)  # the checkpoint writer's INFO line per save
    try:
        prefix, kind, step, written = convert.convert(source, to_dir, ptb_config.CONFIGS[model],
                                                      model)
    except convert.ConversionError as err:
        raise app.UsageError(f"--{err.flag}: {err}") from None
    other = convert.TF2 if kind == convert.TF1 else convert.TF1
    print(f"Converted {prefix} ({kind}, global step {step}) into {written} ({other}).")


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    cli.run(main, define_flags)
