"""What the PTB scripts share, without TensorFlow: their common flags, their data, their ending.

``experiments.ptb`` and ``experiments.ptb_tf2`` define ``--model``, ``--max_max_epoch``,
``--max_steps`` and ``--seed`` here, read ``--data_path``'s three files (or the generated
corpus) here, so both train on the same word ids and report errors in the same words, and end
the same way (the interrupted line, exit 130; the ratio to the source's true perplexity).
"""
import dataclasses
import os
import sys
import types

from absl import app
from absl import flags

from experiments.shared import paths
from experiments.shared import ptb_config
from pipelines import ptb_text
from pipelines import synthetic_text


def check_data_path(path):
    """``--data_path``'s validator: a directory holding the three PTB files, or unset."""
    if path is None:
        return True
    missing = [f for f in ptb_text.FILENAMES if not os.path.isfile(os.path.join(path, f))]
    if missing:
        raise flags.ValidationError(f"{path!r} has no {', '.join(missing)}")
    return True


def load(data_path, log=print):
    """The PTB files of ``data_path``, or (None) the generated corpus, whose place and true
    perplexity go to ``log``; returns ``(raw_data, true perplexity or None)``.

    Raises:
      app.UsageError: a file is unreadable or empty, or the corpus cannot be written.
    """
    if data_path:
        with paths.data_path_errors(ptb_text.PTBDataError):
            return ptb_text.ptb_raw_data(data_path), None
    try:
        directory, true_perplexity = synthetic_text.write_corpus()
    except OSError as err:
        raise app.UsageError(
            f"cannot write the generated corpus under {synthetic_text.default_cache_dir()}: "
            f"{err.strerror} ({err.filename}); set TF1_REFERENCE_CACHE to a writable "
            "folder") from None
    log(f"No --data_path: training on the generated corpus in {directory}; "
        f"the source's true perplexity is {true_perplexity:.3f}.")
    return ptb_text.ptb_raw_data(directory), true_perplexity


INTERRUPTED_EXIT = 130  # 128 + SIGINT, as shells report it


def define_flags(**more):
    """The flags both PTB scripts have, and ``more`` (name -> flag holder), as one namespace of
    holders; registers ``--data_path``'s check."""
    holders = types.SimpleNamespace(
        model=flags.DEFINE_enum("model", "small", list(ptb_config.CONFIGS),
                                "Model config (tutorial name)."),
        max_max_epoch=flags.DEFINE_integer("max_max_epoch", None, "Override the config's "
                                           "number of epochs.", lower_bound=1),
        seed=flags.DEFINE_integer("seed", None, "Random seed of the initial weights and "
                                  "dropout; unset, every run differs."),
        max_steps=flags.DEFINE_integer("max_steps", None, "Cap the batches of every epoch "
                                       "(smoke runs, benchmarks).", lower_bound=1),
        **more)
    flags.register_validator(paths.DATA_PATH, check_data_path)
    return holders


def with_epochs(config, max_max_epoch, true_perplexity, log=print):
    """``config`` with ``--max_max_epoch``'s epochs; unset, on the generated corpus (whose
    ``true_perplexity`` is known) at most ``GENERATED_EPOCHS``, said in ``log``."""
    if max_max_epoch:
        return dataclasses.replace(config, max_max_epoch=max_max_epoch)
    if true_perplexity:
        config = dataclasses.replace(config, max_max_epoch=min(config.max_max_epoch,
                                                               ptb_config.GENERATED_EPOCHS))
        log(f"Training with max_max_epoch={config.max_max_epoch}, enough for the "
            "generated corpus (--max_max_epoch to change).")
    return config


def run(train, save_path, true_perplexity):
    """``metrics = train()``; Ctrl-C is one line on stderr (how to resume) and exit 130; on
    the generated corpus the test perplexity is then compared with the true one."""
    try:
        metrics = train()
    except KeyboardInterrupt:
        resume = " (rerun with the same --save_path to resume)" if save_path else ""
        print(f"Interrupted{resume}.", file=sys.stderr)
        sys.exit(INTERRUPTED_EXIT)
    if true_perplexity and "test_perplexity" in metrics:
        print("Test perplexity is %.3fx the source's true perplexity %.3f." % (
            metrics["test_perplexity"] / true_perplexity, true_perplexity))
    return metrics
