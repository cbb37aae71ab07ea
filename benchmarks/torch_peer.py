"""The PTB model in PyTorch, the peer ``benchmarks/ptb_throughput.py`` sets beside ours.

The same model, config, data, clipping and SGD as ``experiments.ptb`` trains: an embedding,
``num_layers`` LSTM layers (``torch.nn.LSTM``, one call over all ``num_steps`` steps), dropout
of ``1 - keep_prob`` on the embedding, between the layers and on the top layer's output, a
linear softmax; the loss summed over the steps and averaged over the batch, its gradient
clipped to the global norm ``max_grad_norm``, plain SGD at the config's first learning rate;
every weight drawn from ``U(-init_scale, init_scale)``; the LSTM state carried from batch to
batch (detached, as TF1 feeds it back as a value). float32 on the CPU with PyTorch's default
threads. Its speed is measured as ours: windows of batches run back to back, the first one
(which holds the first batch) a warm-up, then the median of the others.

PyTorch is the optional ``bench`` extra (``make bench`` installs it): ``version()`` says which
is installed, or None; nothing here imports it before it is asked to measure.
"""
import importlib.metadata
import statistics
import time


def version():
    """PyTorch's version, or None where it is not installed (nothing is imported)."""
    try:
        return importlib.metadata.version("torch")
    except importlib.metadata.PackageNotFoundError:
        return None


def _model(torch, config):
    nn = torch.nn

    class PTBModel(nn.Module):
        def __init__(self):
            super().__init__()
            drop = 1.0 - config.keep_prob
            self.embedding = nn.Embedding(config.vocab_size, config.hidden_size)
            self.lstm = nn.LSTM(config.hidden_size, config.hidden_size, config.num_layers,
                                batch_first=True, dropout=drop if config.num_layers > 1 else 0.0)
            self.dropout = nn.Dropout(drop)
            self.softmax = nn.Linear(config.hidden_size, config.vocab_size)
            for weight in self.parameters():
                nn.init.uniform_(weight, -config.init_scale, config.init_scale)

        def forward(self, inputs, state):
            outputs, state = self.lstm(self.dropout(self.embedding(inputs)), state)
            return self.softmax(self.dropout(outputs)), state

    return PTBModel()


def trainer(config, seed=0):
    """``step(x, y) -> loss``: one training step on ``[batch, num_steps]`` int64 tensors of
    inputs and targets, the LSTM state carried over from the step before (zeros at first);
    the loss is the summed cost over the steps, averaged over the batch (the tutorial's)."""
    import torch

    torch.manual_seed(seed)
    model = _model(torch, config).train()
    optimizer = torch.optim.SGD(model.parameters(), lr=config.learning_rate)
    loss_of = torch.nn.CrossEntropyLoss(reduction="sum")
    zeros = torch.zeros(config.num_layers, config.batch_size, config.hidden_size)
    state = [(zeros, zeros.clone())]

    def step(x, y):
        logits, carried = model(x, tuple(s.detach() for s in state[0]))
        loss = loss_of(logits.reshape(-1, config.vocab_size), y.reshape(-1)) / config.batch_size
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), config.max_grad_norm)
        optimizer.step()
        state[0] = carried
        return float(loss.detach())
    step.model = model
    return step


def train_wps(config, ids, window, windows, seed=0):
    """Median training words/s over ``windows`` windows of ``window`` batches of ``ids`` (a
    flat list of word ids, at least ``batch_size * (num_steps * window + 1) + 1`` long), after
    a warm-up window."""
    import torch

    batch, steps = config.batch_size, config.num_steps
    data = torch.tensor(ids[:batch * (len(ids) // batch)]).view(batch, -1)
    step, rates = trainer(config, seed), []
    for _ in range(windows + 1):
        start = time.perf_counter()
        for i in range(window):
            step(data[:, i * steps:(i + 1) * steps], data[:, i * steps + 1:(i + 1) * steps + 1])
        rates.append(window * batch * steps / (time.perf_counter() - start))
    return statistics.median(rates[1:])
