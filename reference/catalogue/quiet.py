"""TensorFlow's C++ start-up lines, kept off stderr.

TensorFlow prints them while its libraries load (and again when tf_keras loads its own), before
its log level applies, so no environment variable reaches them: ``startup_noise_filtered``
captures file descriptor 2 for the duration of a block and writes back every other line.
"""
import contextlib
import os
import re
import sys
import tempfile

STARTUP_NOISE = re.compile(
    r"All log messages before absl::InitializeLog|oneDNN custom operations are on|"
    r"cudart_stub\.cc|Could not find cuda drivers|cpu_feature_guard|"
    r"This TensorFlow binary is optimized|rebuild TensorFlow with the appropriate|"
    r"failed call to cuInit|Unable to register cu(DNN|FFT|BLAS) factory")


@contextlib.contextmanager
def startup_noise_filtered():
    """Runs the block with stderr captured; then writes back the lines that are not noise."""
    sys.stderr.flush()
    saved_fd = os.dup(2)
    with tempfile.TemporaryFile(mode="w+b") as captured:
        os.dup2(captured.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved_fd, 2)
            os.close(saved_fd)
            captured.seek(0)
            kept = [line for line in captured.read().decode("utf-8", "replace").splitlines(True)
                    if not STARTUP_NOISE.search(line)]
            sys.stderr.write("".join(kept))
