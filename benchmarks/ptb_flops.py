"""The PTB model's arithmetic per word, counted in matmul FLOPs (one multiply-add = 2 FLOPs).

What is counted: the dense matmuls, which are the model's arithmetic and what the machine's
matmul roof measures. Per word (one row of one time step) and per LSTM layer, the gates are one
matmul of the concatenated ``[input, h]`` (``2 * hidden`` wide; the embedding is as wide as
the hidden state) by the ``[2 * hidden, 4 * hidden]`` kernel; the softmax is one matmul of the
top output by ``[hidden, vocab]``:

    forward = num_layers * 2 * (2 * hidden) * (4 * hidden) + 2 * hidden * vocab
            = 16 * num_layers * hidden**2 + 2 * hidden * vocab

The backward pass of every matmul is two matmuls of the same size (the gradient with respect
to its input, and with respect to its weights; the first layer's input gradient flows on to the
embedding, so none is skipped): training costs ``3 * forward`` per word, evaluation
``forward``.

Not counted: element-wise work (gate nonlinearities, the cell update, bias adds, softmax
exponentials, gradient clipping, the SGD update: O(hidden) or O(vocab) per word, under 1% of
the matmuls for the small config) and the embedding lookup (a gather, no arithmetic).
"""


def forward_flops_per_word(config):
    """Matmul FLOPs of one word's forward pass (see the module docstring)."""
    hidden = config.hidden_size
    return 16 * config.num_layers * hidden ** 2 + 2 * hidden * config.vocab_size


def training_flops_per_word(config):
    """Forward and backward: three times the forward matmuls."""
    return 3 * forward_flops_per_word(config)


def matmul_shapes(config, batch_size=None):
    """The ``(m, k, n)`` of each distinct forward matmul of one training step, with how many
    times a step runs it: ``[((m, k, n), count), ...]``. A step of ``batch_size`` rows and
    ``num_steps`` steps runs the gate matmul once per layer and time step (m = rows), and the
    softmax once over all rows and steps."""
    rows = batch_size or config.batch_size
    hidden = config.hidden_size
    return [((rows, 2 * hidden, 4 * hidden), config.num_layers * config.num_steps),
            ((rows * config.num_steps, hidden, config.vocab_size), 1)]


def training_shapes(config, batch_size=None):
    """``[((m, k, n), count), ...]``: every matmul of one training step, as the model runs
    them. Each forward matmul's input gradient is ``(m, n, k)``, as often; a weight's gradient
    is one matmul over all its uses, ``T * B`` deep: ``(k, T * B, n)`` once per LSTM layer
    (``reference/training/batched_gradients.py``) and once for the softmax."""
    (gates, gate_count), (softmax, _) = matmul_shapes(config, batch_size)
    rows = softmax[0]  # T * B
    result = []
    for (m, k, n), count, weights in [(gates, gate_count, config.num_layers), (softmax, 1, 1)]:
        result += [((m, k, n), count), ((m, n, k), count), ((k, rows, n), weights)]
    return result


def recurrent_chains(config, batch_size=None):
    """``{(m, k, n): chains}`` for the training matmuls that the recurrence serializes: the
    gate matmul and its input gradient, in ``num_layers`` chains (one per layer, run as a
    wavefront). The weight gradients of the time steps are independent (summed afterwards),
    and the softmax runs once."""
    (gates, _), _ = matmul_shapes(config, batch_size)
    m, k, n = gates
    return {(m, k, n): config.num_layers, (m, n, k): config.num_layers}
