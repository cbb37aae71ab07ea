"""A PNG of TensorBoard showing a log folder, rendered by headless Chromium (for the README).

    python -m experiments.tools.tensorboard_screenshot --logdir=DIR --out=tensorboard_ptb.png

Starts the installed TensorBoard on a free port of 127.0.0.1 (never ``--bind_all``) with
``--load_fast=false``, waits until ``/data/runs`` lists a run, renders the scalars dashboard
with Chromium (Debian's ``chromium`` package: ``apt-get install chromium``) and stops the
server. Charts draw only after their JavaScript ran, so Chromium gets a virtual time budget
instead of a wall-clock sleep (virtual time stands still while a fetch is pending, so a slow
machine renders the same page).
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

from experiments.shared import cli
from experiments.shared import common

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


def find_chromium():
    """The Chromium executable on the PATH, or None."""
    return next((shutil.which(name) for name in CHROMIUM if shutil.which(name)), None)


def render(url, output_args, width, height, budget_ms=60000, timeout=180):
    """Runs headless Chromium on ``url`` with ``output_args`` (``--screenshot=...``) in a new
    empty profile; returns its standard output.

    Without the background-networking flags Chromium tries Google's hosts at every start."""
    browser = find_chromium()
    if browser is None:
        raise app.UsageError("no Chromium found (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={profile}", f"--window-size={width},{height}",
             f"--virtual-time-budget={budget_ms}", *output_args, url],
            check=True, capture_output=True, text=True, timeout=timeout).stdout


def screenshot(logdir, out, width=1400, height=900):
    """Renders ``logdir`` in TensorBoard to the PNG ``out``; returns its path."""
    if find_chromium() is None:
        raise app.UsageError("no Chromium found (apt-get install chromium)")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tensorboard.main", f"--logdir={logdir}", "--host=127.0.0.1",
         f"--port={port}", "--load_fast=false"], stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    try:
        wait_for_runs(port, server)
        render(f"http://127.0.0.1:{port}/#scalars&tagFilter=Perplexity%7CLoss",
               [f"--screenshot={out}"], width, height)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return out


def define_flags():
    return (flags.DEFINE_string("logdir", None, "The log folder (an experiment's --save_path)."),
            flags.DEFINE_string("out", "tensorboard.png", "The PNG to write."))


def main(argv, flag_holders):
    cli.check_no_arguments(argv)
    logdir, out = flag_holders
    if not logdir.value or not os.path.isdir(logdir.value):
        raise app.UsageError(f"--logdir: {logdir.value!r} is not a folder")
    print(screenshot(logdir.value, os.path.abspath(out.value)))


if __name__ == "__main__":
    common.run(main, define_flags)
