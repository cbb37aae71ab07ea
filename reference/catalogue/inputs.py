"""The inputs a TF1 demonstration and its TF2-native counterpart both use, written once.

No TensorFlow here: both worlds import it (the counterparts' process must never import the TF1
bootstrap).
"""
import pathlib

import numpy as np

CSV_DEFAULTS = [[1], [1], [1], [1], [1]]  # the notes' record_defaults: five int32 columns
NOTES_001_LOOP = (  # note 001 法二 as written: a tab, then four spaces and a tab
    'outputs = []\nstates = initial_states\nwith tf.variable_scope("RNN"):\n'
    '\tfor time_step in range(max_time):\n'
    '    \tif time_step>0:tf.get_variable_scope().reuse_variables()#LSTM同一曾参数共享，\n'
    '        (cell_out, state) = lstm_cell(inputs[:,time_step,:], state)\n'
    '        outputs.append(cell_out)\n')


def write_text(directory, name, text):
    """Writes ``text`` to ``directory/name``; returns the path as a string."""
    path = pathlib.Path(directory, name)
    path.write_text(text, encoding="utf-8")
    return str(path)


def csv_files(directory):
    """file0.csv rows 1..3, file1.csv rows 4..5; row r is r, 10r, 100r, 1000r, label r % 2."""
    return [write_text(directory, name, "".join(f"{r},{10 * r},{100 * r},{1000 * r},{r % 2}\n"
                                                for r in rows))
            for name, rows in [("file0.csv", [1, 2, 3]), ("file1.csv", [4, 5])]]


def attention_arrays(batch=2, length=3, size=4, seed=0):
    """The attention idiom's encoder outputs ``attention_states`` [batch, length, size], decoder
    output ``query`` [batch, size] and weights ``w1``, ``w2`` [size, size], ``bias``, ``v``
    [size]: float32 draws of one seeded NumPy generator."""
    draw = np.random.RandomState(seed).uniform
    shapes = {"attention_states": [batch, length, size], "query": [batch, size],
              "w1": [size, size], "w2": [size, size], "bias": [size], "v": [size]}
    return {name: draw(-1, 1, shape).astype(np.float32) for name, shape in shapes.items()}


def attention_numpy(arrays):
    """Formulas (1)-(3) of the note in float64: ``u_i = v^T tanh(W1 h_i + W2 d_t + b)``,
    ``a = softmax(u)``, ``d' = sum_i a_i h_i``; returns ``(a, d')``."""
    h, query = arrays["attention_states"].astype(np.float64), arrays["query"]
    projected = query @ arrays["w2"] + arrays["bias"]
    scores = np.tanh(h @ arrays["w1"] + projected[:, None]) @ arrays["v"]
    weights = np.exp(scores - scores.max(1, keepdims=True))
    weights /= weights.sum(1, keepdims=True)
    return weights, (weights[:, :, None] * h).sum(1)
