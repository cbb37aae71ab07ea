"""The PyTorch peer of the PTB benchmark is the same model: its weights, its loss, its clipping.
Skipped where PyTorch (the optional ``bench`` extra, ``make bench``) is not installed."""
import dataclasses
import math

import pytest

from benchmarks import torch_peer
from experiments.shared import ptb_config

torch = pytest.importorskip("torch", reason="PyTorch is the optional bench extra (make bench)")

SMALL = ptb_config.CONFIGS["small"]


def test_the_peer_has_the_tf1_models_weights_and_one_more_bias_per_layer():
    shapes = {name: list(w.shape) for name, w in torch_peer.trainer(SMALL).model.named_parameters()}
    assert shapes == {
        "embedding.weight": [10_000, 200],
        "lstm.weight_ih_l0": [800, 200], "lstm.weight_hh_l0": [800, 200],
        "lstm.bias_ih_l0": [800], "lstm.bias_hh_l0": [800],
        "lstm.weight_ih_l1": [800, 200], "lstm.weight_hh_l1": [800, 200],
        "lstm.bias_ih_l1": [800], "lstm.bias_hh_l1": [800],
        "softmax.weight": [10_000, 200], "softmax.bias": [10_000]}
    # TF1's BasicLSTMCell: one kernel [400, 800] (input and recurrent parts) and one bias [800]
    # per layer; nn.LSTM splits the kernel and has two biases (their sum is TF1's)
    weights = sum(math.prod(shape) for shape in shapes.values())
    tf1 = 10_000 * 200 + 2 * (400 * 800 + 800) + 200 * 10_000 + 10_000
    assert weights - tf1 == 2 * 800


def test_with_zero_weights_the_first_loss_is_num_steps_times_log_vocabulary():
    zero = dataclasses.replace(SMALL, init_scale=0.0, vocab_size=50, batch_size=4, num_steps=5)
    step = torch_peer.trainer(zero)
    x = torch.arange(20).view(4, 5) % 50
    # uniform logits: ln 50 per word, summed over 5 steps, averaged over the batch
    assert step(x, (x + 1) % 50) == pytest.approx(5 * math.log(50), rel=1e-6)


def test_the_update_is_sgd_on_the_gradient_clipped_to_the_global_norm():
    tiny = dataclasses.replace(SMALL, vocab_size=10, hidden_size=3, batch_size=2, num_steps=4,
                               num_layers=1, max_grad_norm=0.01, learning_rate=1.0)
    step = torch_peer.trainer(tiny, seed=3)
    before = [w.detach().clone() for w in step.model.parameters()]
    x = torch.tensor([[1, 2, 3, 4], [5, 6, 7, 8]])
    step(x, (x + 1) % 10)
    moved = [(w.detach() - b) for w, b in zip(step.model.parameters(), before)]
    # lr 1: the step is minus the clipped gradient, whose global norm is max_grad_norm
    norm = math.sqrt(sum(float((m * m).sum()) for m in moved))
    assert norm == pytest.approx(0.01, rel=1e-5)
