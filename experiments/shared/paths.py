"""``--data_path`` and ``--save_path``, the flags every experiment shares, without TensorFlow.

Defined once, at import (a second definition raises ``DuplicateFlagError``), by the TF1
experiments (through ``common``) and the TF2-native ones alike.
"""
import contextlib
import os
import tempfile

from absl import app
from absl import flags

DATA_PATH = flags.DEFINE_string(
    "data_path", None, "Directory holding the dataset files; without it the experiment "
    "trains on its embedded generated data.")
SAVE_PATH = flags.DEFINE_string(
    "save_path", None, "Model output directory (checkpoints, summaries); a rerun with the "
    "same directory resumes from its latest checkpoint.")


def _check_save_path(path):
    """A directory that exists or is created now, and where a byte can be written to disk (a
    full disk fails here too): so that a path that cannot be written is a usage error before
    any training starts."""
    if not path:
        return True
    if os.path.exists(path) and not os.path.isdir(path):
        raise flags.ValidationError(f"{path!r} exists and is not a directory")
    try:
        os.makedirs(path, exist_ok=True)
    except OSError as err:
        raise flags.ValidationError(f"{path!r} cannot be created: {err.strerror}") from None
    try:
        fd, probe = tempfile.mkstemp(prefix=".write-check-", dir=path)
        try:
            os.write(fd, b"\0")
            os.fsync(fd)
        finally:
            os.close(fd)
            os.remove(probe)
    except OSError as err:
        raise flags.ValidationError(f"{path!r} cannot be written: {err.strerror}") from None
    return True


flags.register_validator(SAVE_PATH, _check_save_path)


@contextlib.contextmanager
def data_path_errors(*error_types):
    """Turns ``error_types`` raised inside (a missing or malformed data file) into a usage
    error naming ``--data_path``; the message says which file and what is wrong."""
    try:
        yield
    except error_types as err:
        raise app.UsageError(f"--data_path: {err}") from None
