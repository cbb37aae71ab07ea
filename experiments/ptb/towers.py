"""PTB's training phase on several towers (``--num_gpus=N``): the notes' ``multi_gpu_model``.

Each tower gets an equal contiguous share of the training words and ``batch_size / N`` rows of
them, runs a full ``PTBModel`` (forward only) on ``reference.towers.tower_devices(N)`` --
``/gpu:i``, or ``/cpu:i`` on a machine without GPUs, where the session's ``device_count``
provides them -- and all towers share ``Model/``'s variables. Their gradients are averaged
(``reference.towers.average_gradients``), clipped by global norm as in the single-device model,
and applied once.

``PTBTowers`` offers what ``run_epoch`` and the epoch loop use from a ``PTBModel``: ``input``
(``epoch_size``, ``num_steps``, ``batch_size`` of all towers together), ``initial_state`` and
``final_state`` (every tower's layers, one flat tuple of ``LSTMStateTuple``s), ``cost`` (the
towers' mean: per-row costs over equal shares), ``train_op``, ``lr``, ``assign_lr``.
"""
import dataclasses

from reference.tf1 import tf

from experiments.ptb import model as ptb_model
from reference import towers


class _Input:
    def __init__(self, inputs):
        self.epoch_size = min(i.epoch_size for i in inputs)
        self.num_steps = inputs[0].num_steps
        self.batch_size = sum(i.batch_size for i in inputs)
        self.input_data = [i.input_data for i in inputs]  # run_epoch dequeues these to skip


class PTBTowers:
    """The Train phase on ``num_towers`` towers; see the module docstring."""

    def __init__(self, config, data, num_towers, max_steps=None):
        if config.batch_size % num_towers:
            raise ValueError(f"batch_size {config.batch_size} does not split into "
                             f"{num_towers} towers")
        tower_config = dataclasses.replace(config, batch_size=config.batch_size // num_towers)
        share = len(data) // num_towers
        self.learning_rate = ptb_model.LearningRate()
        self.lr = self.learning_rate.value
        models = []

        def build_tower(i):
            input_ = ptb_model.PTBInput(tower_config, data[i * share:(i + 1) * share],
                                        name=f"TrainInput_{i}", max_steps=max_steps)
            model = ptb_model.PTBModel(True, tower_config, input_, build_training=False)
            models.append(model)
            return {"loss": model.cost}

        optimizer = tf.train.GradientDescentOptimizer(self.lr)
        self.train_op, _ = towers.multi_tower_train_op(
            optimizer, build_tower, num_towers, global_step=tf.train.get_or_create_global_step(),
            process_gradients=lambda g: tf.clip_by_global_norm(g, config.max_grad_norm)[0])
        self.models = models
        self.input = _Input([m.input for m in models])
        self.initial_state = tuple(s for m in models for s in m.initial_state)
        self.final_state = tuple(s for m in models for s in m.final_state)
        self.cost = tf.add_n([m.cost for m in models]) / num_towers
        self.summary_op = None

    def assign_lr(self, session, lr_value):
        self.learning_rate.assign(session, lr_value)
