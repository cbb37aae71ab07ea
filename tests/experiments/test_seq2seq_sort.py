"""experiments.seq2seq_sort: data and tokens, shared decoders, learning with and without
attention."""
import dataclasses

from reference.tf1 import tf

import numpy as np
import pytest

from experiments import seq2seq_sort


def test_targets_are_the_sorted_letters_then_eos_and_padding():
    config = seq2seq_sort.CONFIGS["test"]
    sources, targets = seq2seq_sort.make_words(config, np.random.default_rng(0))
    assert all(t == sorted(s) for s, t in zip(sources, targets))
    assert seq2seq_sort.vocabulary(config)[:5] == ["<PAD>", "<UNK>", "<GO>", "<EOS>", "a"]
    assert seq2seq_sort.pad([[5, 4]], 4).tolist() == [[5, 4, 0, 0]]
    assert seq2seq_sort.exact_accuracy(np.array([[4, 5, 3, 0], [4, 6, 3, 0]]), [[4, 5], [4, 5]]) \
        == 0.5


@pytest.mark.parametrize("attention", [True, False], ids=["attention", "no_attention"])
def test_the_predicting_decoder_shares_every_variable_of_the_training_decoder(graph, attention):
    config = seq2seq_sort.Config(attention=attention)
    seq2seq_sort.build_graph(config)
    names = sorted(v.op.name for v in tf.trainable_variables())
    attention_names = ["decoder/decode/attention_cell/AttnV_0",
                       "decoder/decode/attention_cell/AttnW_0",
                       "decoder/decode/attention_cell/input_projection/kernel",
                       "decoder/decode/attention_cell/output_projection/kernel",
                       "decoder/decode/attention_cell/query/kernel"]
    cell = ("decoder/decode/attention_cell/multi_rnn_cell" if attention
            else "decoder/decode/multi_rnn_cell")
    assert names == sorted(
        (attention_names if attention else [])
        + ["decoder/embedding", "decoder/output_layer/bias", "decoder/output_layer/kernel",
           f"{cell}/cell_0/lstm_cell/bias", f"{cell}/cell_0/lstm_cell/kernel",
           "encoder/embedding", "encoder/rnn/multi_rnn_cell/cell_0/lstm_cell/bias",
           "encoder/rnn/multi_rnn_cell/cell_0/lstm_cell/kernel"])


@pytest.mark.slow
@pytest.mark.parametrize("attention", [True, False], ids=["attention", "no_attention"])
def test_sorts_held_out_words(attention):
    config = dataclasses.replace(seq2seq_sort.CONFIGS["test"], attention=attention)
    result = seq2seq_sort.train(config, log=lambda line: None)
    assert result["accuracy"] >= 0.9  # measured 1.000 with and without attention (600 steps)
    assert result["examples"][0] == "giegheag -> aeeggghi"
