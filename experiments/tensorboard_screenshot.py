"""A PNG of TensorBoard showing a log folder, rendered by headless Chromium (for the README).

    python -m experiments.tensorboard_screenshot --logdir=DIR --out=tensorboard_ptb.png

Starts the installed TensorBoard on a free port of 127.0.0.1 (never ``--bind_all``) with
``--load_fast=false``, waits until ``/data/runs`` lists a run, renders the scalars dashboard
with Chromium (Debian's ``chromium`` package: ``apt-get install chromium``) and stops the
server. Charts draw only after their JavaScript ran, so Chromium gets a virtual time budget
instead of a wall-clock sleep. Not needed by ``make test``.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from absl import app
from absl import flags

from experiments import common

CHROMIUM = ("chromium", "chromium-browser", "google-chrome")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_runs(port, process, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/data/runs", timeout=5) as r:
                if json.load(r):
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise app.UsageError(f"TensorBoard listed no run within {timeout} s; is --logdir a log folder?")


def screenshot(logdir, out, width=1400, height=900, budget_ms=60000):
    """Renders ``logdir`` in TensorBoard to the PNG ``out``; returns its path."""
    browser = next((shutil.which(name) for name in CHROMIUM if shutil.which(name)), None)
    if browser is None:
        raise app.UsageError("no Chromium found (apt-get install chromium)")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tensorboard.main", f"--logdir={logdir}", "--host=127.0.0.1",
         f"--port={port}", "--load_fast=false"], stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        wait_for_runs(port, server)
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                            "--hide-scrollbars", f"--user-data-dir={profile}",
                            f"--window-size={width},{height}",
                            f"--virtual-time-budget={budget_ms}", f"--screenshot={out}",
                            f"http://127.0.0.1:{port}/#scalars&tagFilter=Perplexity%7CLoss"],
                           check=True, capture_output=True, timeout=180)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return out


def define_flags():
    return (flags.DEFINE_string("logdir", None, "The log folder (an experiment's --save_path)."),
            flags.DEFINE_string("out", "tensorboard.png", "The PNG to write."))


def main(argv, flag_holders):
    common.check_no_arguments(argv)
    logdir, out = flag_holders
    if not logdir.value or not os.path.isdir(logdir.value):
        raise app.UsageError(f"--logdir: {logdir.value!r} is not a folder")
    print(screenshot(logdir.value, os.path.abspath(out.value)))


if __name__ == "__main__":
    common.run(main, define_flags)
