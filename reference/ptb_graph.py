"""The flagship's graph as the ledger sees it: the PTB model's variables and its first steps.

Reproduces: note 003 "PTBInput / PTBModel / run_epoch" through ``experiments.ptb`` on a tiny
config (2 layers of 3 units, 10 words): the variable names a TF1 checkpoint of it holds, the
same in ``basic`` and ``block`` mode, and the losses of its first training steps from weights
drawn by NumPy, so a TensorFlow whose kernels or variable naming change shows here.
"""
import dataclasses

from reference.tf1 import tf

from experiments import ptb
from reference.catalogue.registry import demo
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import load_uniform_weights

VOCAB = 10
IDS = [i * 7 % VOCAB for i in range(200)]
CONFIG = dataclasses.replace(ptb.CONFIGS["test"], num_layers=2, hidden_size=3, batch_size=4,
                             num_steps=5, vocab_size=VOCAB)
STEPS = 3


def _shapes(variables):
    return {v.op.name: v.shape.as_list() for v in sorted(variables, key=lambda v: v.op.name)}


def _first_steps(mode):
    with fresh_session() as session:
        model, _, _ = ptb.build_models(dataclasses.replace(CONFIG, rnn_mode=mode),
                                       (IDS, IDS[:100], IDS[:30], VOCAB))
        got = {"trainable": _shapes(tf.trainable_variables()),
               "others": sorted(set(_shapes(tf.global_variables())) -
                                set(_shapes(tf.trainable_variables())))}
        session.run(tf.global_variables_initializer())
        load_uniform_weights(session, seed=0, scale=0.5)
        model.assign_lr(session, 1.0)
        trainable = {v.op.name: v for v in tf.trainable_variables()}
        # for the TF2 counterpart: the weights it starts from, each step's batch (fetched in
        # the step's run: another run would dequeue another) and, of the block mode, the
        # weights after each step (the basic mode's are the same to 4.5e-8, but differ in the
        # last bits between TF1 and TF2 behaviour)
        got["initial_weights"] = session.run(trainable)
        got["batches"], got["costs"] = [], []
        if mode == ptb.BLOCK:
            got["weights_after_steps"] = []
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(session, coord=coord)
        for _ in range(STEPS):
            cost, _, inputs, targets = session.run([model.cost, model.train_op,
                                                    model.input.input_data, model.input.targets])
            got["costs"].append(cost)
            got["batches"].append({"inputs": inputs, "targets": targets})
            if mode == ptb.BLOCK:
                got["weights_after_steps"].append(session.run(trainable))
        coord.request_stop()
        coord.join(threads)
    return got


@demo('003 "PTBInput / PTBModel": the variables of a checkpoint and the first training steps',
      ["the three phases share one set of variables under Model/: embedding, one "
       "basic_lstm_cell kernel [input + hidden, 4 * hidden] and bias per layer, softmax_w, "
       "softmax_b",
       "block mode (the fused BlockLSTM kernel) uses the same names and shapes",
       "the global variables add the learning rate and global_step",
       "from the same weights and batches the two modes give the same losses"])
def ptb_variables_and_first_steps():
    return {mode: _first_steps(mode) for mode in (ptb.BASIC, ptb.BLOCK)}
