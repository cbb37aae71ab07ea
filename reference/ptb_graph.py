"""The flagship's graph as the ledger sees it: the PTB model's variables and its first steps.

Reproduces: note 003 "PTBInput / PTBModel / run_epoch" through ``experiments.ptb`` on a tiny
config (2 layers of 3 units, 10 words): the variable names a TF1 checkpoint of it holds, the
same in ``basic`` and ``block`` mode, and the losses of its first training steps from weights
drawn by NumPy, so a TensorFlow whose kernels or variable naming change shows here; and the
notes' PTB lines that name what is gone or differs now (``ptb_notes_fragments``).
"""
import dataclasses

from reference.tf1 import tf

from experiments import ptb
from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
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


def _tags(session, ops):
    return {op.name: session.run(op.inputs[0]).decode() for op in ops}


@demo('003 "PTBModel" / "main": with tf.device("/cpu:0"): embedding; '
      'random_uniform_initializer(-init_scale, init_scale); '
      'tf.contrib.framework.get_or_create_global_step(); '
      'tf.contrib.deprecated.scalar_summary("Training Loss", m.cost)',
      ["the embedding variable and its lookup are placed on /cpu:0, the other variables on no "
       "device", "the Model scope's uniform initializer (init_scale 0.1) gives every weight in "
       "[-0.1, 0.1]; the BasicLSTMCell biases start at 0 (the cell names its own zeros "
       "initializer)", "tf.contrib (framework, deprecated) is gone: AttributeError",
       "tf.train.get_or_create_global_step() makes one int64 'global_step' in the GLOBAL_STEP "
       "collection, and a second call returns that variable",
       "tf.summary.scalar('Training Loss', ...) in name scope Train is tagged "
       "'Train/Training_Loss' (the space replaced, the scope prefixed); the ScalarSummary op "
       "scalar_summary called keeps the tag as given"])
def ptb_notes_fragments():
    with tf.Graph().as_default() as graph:  # no default device: the placement is the model's
        tf.set_random_seed(0)
        m, _, _ = ptb.build_models(CONFIG, (IDS, IDS[:100], IDS[:30], VOCAB))  # init_scale 0.1
        step = tf.train.get_global_step()
        again = tf.train.get_or_create_global_step()
        with tf.name_scope("Train"):
            raw = tf.raw_ops.ScalarSummary(tags="Training Loss", values=m.cost)
        trainable = {v.op.name: v for v in tf.trainable_variables()}
        with tf.Session() as session:
            session.run(tf.global_variables_initializer())
            values = session.run(trainable)
            tags = _tags(session, [op for op in graph.get_operations()
                                   if op.type == "ScalarSummary" and op is not raw.op])
            (raw_tag,) = _tags(session, [raw.op]).values()
        return {"init_scale": CONFIG.init_scale,
                "devices": {name: v.device for name, v in trainable.items()},
                "embedding_lookup_device": graph.get_operation_by_name(
                    "Train/Model/embedding_lookup").device,
                "initialized_range": {name: [value.min(), value.max()]
                                      for name, value in values.items()},
                "contrib_framework": error_of(
                    lambda: tf.contrib.framework.get_or_create_global_step),
                "contrib_scalar_summary": error_of(lambda: tf.contrib.deprecated.scalar_summary),
                "global_step": {"name": step.name, "dtype": step.dtype.base_dtype.name,
                                "collection": [v.name for v in
                                               tf.get_collection(tf.GraphKeys.GLOBAL_STEP)],
                                "second_call_is_it": again is step},
                "summary_tags": tags, "raw_scalar_summary_tag": raw_tag}
