"""Word-level LSTM language model on PTB, the notes' program on ``tf.compat.v1``.

Reproduces: note 003 "PTBInput / PTBModel / run_epoch / main" (TensorFlow's
``tutorials/rnn/ptb/ptb_word_lm.py``): Zaremba et al., "Recurrent Neural Network
Regularization" (arXiv:1409.2329), with three phases (Train/Valid/Test) sharing one set of
variables, state fed back between batches, gradient clipping by global norm, a learning rate
held in a variable, and a Supervisor that checkpoints.

Run:
    python -m experiments.ptb              # generated corpus, small config, 6 epochs
    python -m experiments.ptb --data_path=simple-examples/data --save_path=/tmp/ptb
                                           # real PTB, the config's epochs, resumable
    python -m experiments.tools.launch_local_cluster --private_network -- \\
        experiments.ptb --model=test       # a ps and two workers (distributed.py)

Perplexities the tutorial reports on PTB (train / valid / test):

| config | epochs | train | valid  | test   |
|--------|--------|-------|--------|--------|
| small  | 13     | 37.99 | 121.39 | 115.91 |
| medium | 39     | 48.45 |  86.16 |  82.07 |
| large  | 55     | 37.87 |  82.62 |  78.29 |

The package: ``model`` (input and graph; the presets and schedule are
``experiments.shared.ptb_config``, shared with ``experiments.ptb_tf2``), ``training``
(``run_epoch``, the epoch loop, ``train``), ``towers`` (``--num_gpus``), ``distributed``
(``--job_name``), ``__main__`` (flags). The names below are its public API.
"""
from experiments.ptb.model import PTBInput
from experiments.ptb.model import PTBModel
from experiments.ptb.training import build_models
from experiments.ptb.training import run_epoch
from experiments.ptb.training import train
from experiments.shared.ptb_config import BASIC
from experiments.shared.ptb_config import BLOCK
from experiments.shared.ptb_config import CONFIGS
from experiments.shared.ptb_config import FUSED
from experiments.shared.ptb_config import PTBConfig

__all__ = ["BASIC", "BLOCK", "CONFIGS", "FUSED", "PTBConfig", "PTBInput", "PTBModel",
           "build_models", "run_epoch", "train"]
