"""Reading sin(t) and predicting cos(t) with an LSTM whose state runs on from batch to batch.

Reproduces: note 003 "LSTM_RNN案例（三）" (Morvan's ``LSTMRNN``): ``get_batch`` cuts
``BATCH_SIZE`` rows of ``TIME_STEPS`` consecutive points of ``xs / (10 pi)``, inputs
``sin(xs)``, targets ``cos(xs)``, and moves ``BATCH_START`` on by ``TIME_STEPS``, so row ``r``
of a batch continues row ``r`` of the one before; scopes ``in_hidden`` / ``LSTM_cell`` /
``out_hidden``, ``BasicLSTMCell(CELL_SIZE=10)``, weights from ``random_normal(0, 1)``, the cost
``sequence_loss_by_example([pred], [ys], [ones], softmax_loss_function=ms_error)`` summed and
divided by the batch size, Adam at ``LR=0.006``, 200 iterations; after the first batch the
previous ``cell_final_state`` is fed as ``cell_init_state``.

Run:
    python -m experiments.sin_cos [--save_path=DIR]

Prints the mean cost of the first and last 20 iterations, then evaluates the trained model on
the batches that follow twice: feeding each batch the previous final state, and from a zero
state every batch (which cannot know the phase at a row's start).

Errata against the notes, on TF 2.21: ``get_batch`` mutates the global ``BATCH_START`` (here a
``Batches`` object keeps the position); ``tf.contrib.legacy_seq2seq.sequence_loss_by_example``
is ``reference/contrib/sequence_loss.py``; ``from asn1crypto._ffi import null`` (for
``state = null``) imports a third-party package for a None. ``tf.constant_initializer(0, 1)``
passes 1 as the dtype (its second argument) and still works: 1 is ``DT_FLOAT``'s enum value,
so the biases start at 0.0 as meant.
"""
import dataclasses

from reference.tf1 import tf

import numpy as np

from experiments.shared import cli
from experiments.shared import common
from experiments.shared import loop
from experiments.shared import paths
from experiments.shared import plots
from reference.contrib import sequence_loss


@dataclasses.dataclass(frozen=True)
class Config:
    """The notes' names, lower-cased."""
    time_steps: int = 20
    batch_size: int = 50
    input_size: int = 1
    output_size: int = 1
    cell_size: int = 10
    lr: float = 0.006
    iterations: int = 200
    eval_batches: int = 20
    log_every: int = 20


CONFIGS = {"default": Config(), "test": Config(batch_size=20, iterations=200)}


class Batches:
    """The notes' ``get_batch`` with its position kept here instead of a global."""

    def __init__(self, config, start=0):
        self.config = config
        self.start = start

    def next(self):
        c = self.config
        xs = np.arange(self.start, self.start + c.time_steps * c.batch_size).reshape(
            (c.batch_size, c.time_steps)) / (10 * np.pi)
        self.start += c.time_steps
        return np.sin(xs)[:, :, None], np.cos(xs)[:, :, None], xs


def ms_error(labels, logits):
    return tf.square(tf.subtract(labels, logits))


def build_graph(config):
    """The notes' ``LSTMRNN`` as a dict of its tensors."""
    normal, zero = tf.random_normal_initializer(0.0, 1.0), tf.constant_initializer(0, 1)
    with tf.name_scope("inputs"):
        xs = tf.placeholder(tf.float32, [None, config.time_steps, config.input_size], name="xs")
        ys = tf.placeholder(tf.float32, [None, config.time_steps, config.output_size], name="ys")
    with tf.variable_scope("in_hidden"):
        ws_in = tf.get_variable("weights", [config.input_size, config.cell_size],
                                initializer=normal)
        bs_in = tf.get_variable("biases", [config.cell_size], initializer=zero)
        l_in_y = tf.reshape(tf.matmul(tf.reshape(xs, [-1, config.input_size]), ws_in) + bs_in,
                            [-1, config.time_steps, config.cell_size])
    with tf.variable_scope("LSTM_cell"):
        cell = tf.nn.rnn_cell.BasicLSTMCell(config.cell_size, forget_bias=1.0)
        init_state = cell.zero_state(config.batch_size, tf.float32)
        outputs, final_state = tf.nn.dynamic_rnn(cell, l_in_y, initial_state=init_state)
    with tf.variable_scope("out_hidden"):
        ws_out = tf.get_variable("weights", [config.cell_size, config.output_size],
                                 initializer=normal)
        bs_out = tf.get_variable("biases", [config.output_size], initializer=zero)
        pred = tf.matmul(tf.reshape(outputs, [-1, config.cell_size]), ws_out) + bs_out
    with tf.name_scope("cost"):
        losses = sequence_loss.sequence_loss_by_example(
            [tf.reshape(pred, [-1])], [tf.reshape(ys, [-1])],
            [tf.ones([config.batch_size * config.time_steps])],
            average_across_timesteps=True, softmax_loss_function=ms_error)
        cost = tf.reduce_sum(losses) / config.batch_size
    global_step = tf.train.get_or_create_global_step()
    with tf.name_scope("train"):
        train_op = tf.train.AdamOptimizer(config.lr).minimize(cost, global_step)
    image, image_summary = plots.image_summary("cos_target_vs_prediction")
    return {"xs": xs, "ys": ys, "init_state": init_state, "final_state": final_state,
            "pred": pred, "cost": cost, "train_op": train_op, "global_step": global_step,
            "summary": tf.summary.scalar("cost", cost), "image": image,
            "image_summary": image_summary}


def mean_cost(session, model, batches, count, state=None):
    """Mean cost over the next ``count`` batches: each fed the previous batch's final state
    (the first one ``state``), or, with ``state=None``, each from a zero state."""
    carry_state, costs = state is not None, []
    for _ in range(count):
        seq, res, _ = batches.next()
        feed = {model["xs"]: seq, model["ys"]: res}
        if carry_state:
            feed[model["init_state"]] = state
        cost, state = session.run([model["cost"], model["final_state"]], feed)
        costs.append(cost)
    return float(np.mean(costs))


def train(config, save_path=None, log=print, seed=0, session_defaults=None):
    """Trains ``iterations`` batches feeding the state on; returns the costs and evaluations."""
    with tf.Graph().as_default() as graph:
        tf.set_random_seed(seed)
        model = build_graph(config)
    batches, carried = Batches(config), {}

    def step(session, _):
        seq, res, _ = batches.next()
        feed = {model["xs"]: seq, model["ys"]: res}
        if "state" in carried:
            feed[model["init_state"]] = carried["state"]
        _, cost, carried["state"], summary = session.run(
            [model["train_op"], model["cost"], model["final_state"], model["summary"]], feed)
        return cost, summary

    with loop.session(graph, model["global_step"], save_path, log, session_defaults) as run:
        batches.start = run.start_step * config.time_steps
        costs = loop.train_steps(run, config.iterations, step, log, config.log_every)
        position = batches.start
        results = {"costs": costs}
        start_state = carried.get("state") or run.session.run(model["init_state"])
        for name, state in (("eval_cost_state_fed", start_state), ("eval_cost_zero_state", None)):
            batches.start = position
            results[name] = mean_cost(run.session, model, batches, config.eval_batches, state)
        log(f"after training, mean cost over {config.eval_batches} batches: "
            f"{results['eval_cost_state_fed']:.4f} feeding the final state on, "
            f"{results['eval_cost_zero_state']:.4f} from zero states")
        if run.writer:
            seq, res, _ = Batches(config, position).next()
            pred = run.session.run(model["pred"], {model["xs"]: seq})
            run.writer.add_summary(run.session.run(model["image_summary"], {
                model["image"]: plots.curves_png(
                    [res[0, :, 0], pred[:config.time_steps, 0]], ["cos", "prediction"])}),
                config.iterations)
        return results


def define_flags():
    return common.preset_flags(CONFIGS, "Graph-level random seed (initial weights).")


def main(argv, flag_holders):
    cli.check_no_arguments(argv)
    common.check_generated_only("curves")
    config_flag, seed = flag_holders
    results = train(CONFIGS[config_flag.value], save_path=paths.SAVE_PATH.value, seed=seed.value,
          session_defaults=common.session_defaults())
    costs = results["costs"]
    if len(costs) >= 40:
        print(f"mean cost of the first 20 iterations {np.mean(costs[:20]):.4f}, "
              f"of the last 20 {np.mean(costs[-20:]):.4f}")


if __name__ == "__main__":
    common.run(main, define_flags)
