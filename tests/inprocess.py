"""``python -m module args`` run inside the calling process; no TensorFlow imported here.

The TF1 tests run the TF1 scripts this way (``conftest.run_module``); the TF2-native scripts'
tests run theirs this way too, in a child process of TF2 behaviour (``tests/experiments/
ptb_tf2/tf2_child.py``): one TensorFlow import for many runs.
"""
import contextlib
import importlib
import io
import runpy
import sys
import warnings

from absl.testing import flagsaver


def run_module(module, *args, shared):
    """Runs ``python -m module *args`` inside this process; returns ``(exit status, stdout,
    stderr)``.

    The module runs as ``__main__``, as under ``python -m``. Its flags are defined by its
    ``define_flags`` inside a ``flagsaver``, which removes them again at the end, so the next
    script can define flags of the same names. The module ``shared`` (which defines the flags
    the scripts share, at import) is imported first, outside it, so that those flags outlive
    each run as they outlive a script's ``main``.
    """
    importlib.import_module(shared)
    out, err, argv = io.StringIO(), io.StringIO(), sys.argv
    sys.argv = [module, *args]
    try:
        with flagsaver.flagsaver(), contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(err), warnings.catch_warnings():
            # the module may be imported already (by a test): runpy warns, then runs it afresh
            warnings.filterwarnings("ignore", "'.*' found in sys.modules", RuntimeWarning)
            runpy.run_module(module, run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as exit_info:
        code = exit_info.code or 0
    finally:
        sys.argv = argv
    return code, out.getvalue(), err.getvalue()
