"""TensorBoard as a real client: the server reads a PTB run's events; its values are the
printed ones."""
import html.parser
import json
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import pytest

from experiments.tools import tensorboard_screenshot
from tests import browser
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


FILTER_READY = """(() => {
    const view = document.querySelector("metrics-filtered-view");
    const slots = view ? view.querySelectorAll("card-view").length : 0;
    return slots > 0 && view.querySelectorAll("scalar-card tb-data-table-content-row").length
        == slots;
})()"""


class ScalarCards(html.parser.HTMLParser):
    """The scalar cards of a TensorBoard Time Series page as Chromium rendered it: for each,
    its group, its tag (the heading) and the texts of its data table's cells (the run, the
    smoothed value, the value, the step and the relative time, as a person reads them)."""

    def __init__(self):
        super().__init__()
        self.cards, self._group, self._cell = [], None, None
        self._in_title = self._in_card = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "span" and "group-title" in (attrs.get("class") or "").split():
            self._in_title = True
        elif tag == "scalar-card":
            self._in_card = True
            self.cards.append({"group": self._group, "tag": None, "cells": []})
        elif self._in_card and tag == "tb-truncated-path" and self.cards[-1]["tag"] is None:
            self.cards[-1]["tag"] = attrs.get("title")
        elif self._in_card and tag == "tb-data-table-content-cell":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "scalar-card":
            self._in_card = False
        elif tag == "tb-data-table-content-cell" and self._cell is not None:
            self.cards[-1]["cells"].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._in_title:
            self._group, self._in_title = data.strip(), False
        elif self._cell is not None:
            self._cell.append(data)


def test_the_time_series_page_shows_a_card_per_tag_with_its_last_value(server, ptb_run):
    chromium = conftest.require_program(*tensorboard_screenshot.CHROMIUM,
                                        install="apt-get install chromium")
    _, stdout = ptb_run
    page = ScalarCards()
    with browser.Browser(chromium) as chrome:  # ready: every card of the filter has its row
        page.feed(chrome.dom_when(
            f"http://127.0.0.1:{server}/?tagFilter=Perplexity%7CLoss#timeseries", FILTER_READY))
    shown = {card["tag"]: card["cells"] for card in page.cards
             if card["group"] == "Tags matching filter"}
    assert sorted(shown) == ["Test/Perplexity", "Train/Perplexity", "Train/Training_Loss",
                             "Valid/Perplexity", "Valid/Validation_Loss"]
    for tag, cells in shown.items():  # colour dot, run, smoothed, value, step, relative time
        run, value, step = cells[1], float(cells[3]), int(cells[4].replace(",", ""))
        points = get_json(server, "/data/plugin/scalars/scalars", run=".", tag=tag)
        assert (run, step) == (".", points[-1][1])  # the last step
        # the card shows 4 decimals at most; every batch of a Valid epoch is logged at the
        # same global step, and the card shows one of them
        assert value in [pytest.approx(v, abs=5e-5) for _, s, v in points if s == step]
        phase, kind = tag.split("/")
        if kind == "Perplexity":  # the value the run printed last, to its 3 decimals
            assert value == pytest.approx(printed(stdout, phase)[-1], abs=5e-4 + 5e-5)


def test_the_screenshot_script_renders_a_png_of_the_window_size(ptb_run, tmp_path):
    conftest.require_program(*tensorboard_screenshot.CHROMIUM, install="apt-get install chromium")
    logdir, _ = ptb_run
    out = tmp_path / "shot.png"
    result = conftest.run_python("-m", "experiments.tools.tensorboard_screenshot",
                                 f"--logdir={logdir}", f"--out={out}", timeout=300)
    assert result.returncode == 0, result.stderr
    header = out.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(header[16:20], "big"),
            int.from_bytes(header[20:24], "big")) == (1400, 900)
