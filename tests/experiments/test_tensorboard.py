"""TensorBoard as a real client: the server reads a PTB run's events; its values are the printed ones."""
import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

from tests import conftest

pytestmark = pytest.mark.slow


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_json(port, path, **query):
    url = f"http://127.0.0.1:{port}{path}"
    if query:
        url += "?" + urllib.parse.urlencode(query)
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def ptb_run(tmp_path_factory):
    logdir = tmp_path_factory.mktemp("ptb_logdir")
    result = conftest.run_python("-m", "experiments.ptb", "--model=test", "--max_max_epoch=2",
                                 f"--save_path={logdir}", timeout=300, env={
                                     "TF1_REFERENCE_CACHE": str(logdir.parent / "cache")})
    assert result.returncode == 0, result.stderr
    return logdir, result.stdout


@pytest.fixture(scope="module")
def server(ptb_run):
    logdir, _ = ptb_run
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tensorboard.main", f"--logdir={logdir}", "--host=127.0.0.1",
         f"--port={port}", "--load_fast=false"], env=conftest.child_env(),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if get_json(port, "/data/runs"):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise AssertionError("TensorBoard did not list a run within 90 s")
            time.sleep(0.5)
        yield port
    finally:
        process.terminate()  # by its pid
        process.wait(timeout=30)


def printed(stdout, phase):
    pattern = rf"^(?:Epoch: \d+ )?{phase} Perplexity: ([0-9.]+)$"
    return [float(v) for v in re.findall(pattern, stdout, re.MULTILINE)]


def test_the_run_and_its_tags_are_listed(server):
    assert get_json(server, "/data/runs") == ["."]
    tags = get_json(server, "/data/plugin/scalars/tags")["."]
    assert {"Train/Perplexity", "Valid/Perplexity", "Test/Perplexity", "Train/Training_Loss",
            "Train/Learning_Rate", "Valid/Validation_Loss"} <= set(tags)


@pytest.mark.parametrize("phase", ["Train", "Valid", "Test"])
def test_perplexity_curves_hold_the_printed_values(server, ptb_run, phase):
    _, stdout = ptb_run
    points = get_json(server, "/data/plugin/scalars/scalars", run=".", tag=f"{phase}/Perplexity")
    assert [step for _, step, _ in points] == ([1, 2] if phase != "Test" else [2])
    assert [round(value, 3) for _, _, value in points] == printed(stdout, phase)


@pytest.mark.skipif(not any(shutil.which(name) for name in ("chromium", "chromium-browser",
                                                            "google-chrome")),
                    reason="no Chromium installed (apt-get install chromium)")
def test_the_screenshot_script_renders_a_png_of_the_window_size(ptb_run, tmp_path):
    logdir, _ = ptb_run
    out = tmp_path / "shot.png"
    result = conftest.run_python("-m", "experiments.tensorboard_screenshot", f"--logdir={logdir}",
                                 f"--out={out}", timeout=300)
    assert result.returncode == 0, result.stderr
    header = out.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")) == (1400, 900)
