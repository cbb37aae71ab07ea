"""What C++ writes on a file descriptor, collected; TensorFlow's start-up lines kept off stderr.

TensorFlow prints those lines while its libraries load (and again when tf_keras loads its own),
before its log level applies, so no environment variable reaches them: ``startup_noise_filtered``
captures file descriptor 2 for the duration of a block and writes back every other line.
``captured_fd`` collects a descriptor's lines (the device placement log on stdout).
"""
import contextlib
import ctypes
import os
import re
import sys
import tempfile

STARTUP_NOISE = re.compile(
    r"All log messages before absl::InitializeLog|oneDNN custom operations are on|"
    r"cudart_stub\.cc|Could not find cuda drivers|cpu_feature_guard|"
    r"This TensorFlow binary is optimized|rebuild TensorFlow with the appropriate|"
    r"failed call to cuInit|Unable to register cu(DNN|FFT|BLAS) factory|"
    r"computation placer already registered")  # the last: TF 2.19's import, four times


@contextlib.contextmanager
def captured_fd(fd, lines, keepends=False):
    """Collects what Python and C++ write on file descriptor ``fd`` (1 or 2) during the block
    into ``lines``."""
    libc = ctypes.CDLL(None)
    stream = sys.stdout if fd == 1 else sys.stderr
    stream.flush()  # what Python holds for fd goes there first, not into ``lines``
    libc.fflush(None)
    saved = os.dup(fd)
    with tempfile.TemporaryFile(mode="w+b") as captured:
        os.dup2(captured.fileno(), fd)
        try:
            yield
        finally:
            stream.flush()
            libc.fflush(None)
            os.dup2(saved, fd)
            os.close(saved)
            captured.seek(0)
            lines.extend(captured.read().decode("utf-8", "replace").splitlines(keepends))


@contextlib.contextmanager
def startup_noise_filtered():
    """Runs the block with stderr captured; then writes back the lines that are not noise."""
    lines = []
    try:
        with captured_fd(2, lines, keepends=True):
            yield
    finally:
        sys.stderr.write("".join(line for line in lines if not STARTUP_NOISE.search(line)))
