"""A PTB script's own speed line, to set beside the benchmark's windows.

``speed_line(config_name, batches)`` writes a corpus of the benchmark's vocabulary to a
temporary directory (random words ``w0``...; every one of them, and ``<eos>``, occurs in
``ptb.train.txt``, so the script builds the same 10,000-word softmax as the benchmark), runs
``python -m experiments.ptb --model=NAME --data_path=DIR --max_steps=BATCHES --max_max_epoch=1``
(or ``module``: ``experiments.ptb_tf2``, which prints the same lines) as a child process and
returns the words/s of the epoch's last ``speed: N wps`` line.
"""
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

from experiments.shared import ptb_config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORDS_PER_LINE = 20
_SPEED = re.compile(r"^\d\.\d{3} perplexity: [\d.]+ speed: (\d+) wps$")


class ScriptFailed(RuntimeError):
    """The script's run ended without a speed line, or ran past its time limit."""


def write_corpus(data_dir, vocab_size, train_words, seed=0):
    """``ptb.{train,valid,test}.txt`` whose vocabulary is exactly ``vocab_size`` words,
    ``<eos>`` included (one per line of ``WORDS_PER_LINE`` words)."""
    rng = np.random.default_rng(seed)
    words = vocab_size - 1
    train = np.concatenate([rng.permutation(words), rng.integers(0, words, train_words)])
    for name, ids in (("train", train), ("valid", train[:10 * train_words // 100 + 1000]),
                      ("test", train[:200])):
        with open(os.path.join(data_dir, f"ptb.{name}.txt"), "w", encoding="utf-8") as f:
            for start in range(0, len(ids), WORDS_PER_LINE):
                f.write(" ".join(f"w{i}" for i in ids[start:start + WORDS_PER_LINE]) + "\n")


def speed_line(config_name, batches, vocab_size=10_000, timeout=600, module="experiments.ptb"):
    """Words/s of the script's last training speed line over an epoch of ``batches``."""
    config = ptb_config.CONFIGS[config_name]
    with tempfile.TemporaryDirectory(prefix="ptb-speed-") as data_dir:
        write_corpus(data_dir, vocab_size, config.batch_size * (config.num_steps * batches + 2))
        try:
            result = subprocess.run(
                [sys.executable, "-m", module, f"--model={config_name}",
                 f"--data_path={data_dir}", f"--max_steps={batches}", "--max_max_epoch=1"],
                cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise ScriptFailed(f"{module} --model={config_name} ran past {timeout} s "
                               f"({batches} batches)") from None
    speeds = [m.group(1) for m in map(_SPEED.match, result.stdout.splitlines()) if m]
    if result.returncode or not speeds:
        last = (result.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise ScriptFailed(f"{module} --model={config_name} exited "
                           f"{result.returncode} without a speed line: {last}")
    return float(speeds[-1])
