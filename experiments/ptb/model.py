"""The PTB graph: the queue-fed input, the embedding, stacked LSTM and softmax, the update ops.

Reproduces: note 003 "PTBInput / PTBModel" (TensorFlow's ``tutorials/rnn/ptb/ptb_word_lm.py``).
Each layer gets its own cell: the notes' ``[lstm_cell] * num_layers`` would share one cell, and
its weights, between layers.
"""
from reference.tf1 import tf

from experiments.shared import ptb_config
from pipelines import ptb_reader
from reference.contrib import fused_lstm
from reference.contrib import sequence_loss
from reference.training import batched_gradients
from reference.training import layerwise_lstm
from reference.training import transposed_weights


class PTBInput:
    """The input data: ``input_data`` and ``targets`` from a queue-fed producer.

    Raises:
      ValueError: ``data`` is too short for one batch of ``config``'s shape.
    """

    def __init__(self, config, data, name=None, max_steps=None):
        self.batch_size = config.batch_size
        self.num_steps = config.num_steps
        self.epoch_size = ptb_reader.epoch_size(len(data), self.batch_size, self.num_steps)
        if self.epoch_size < 1:
            raise ValueError(f"{name}: {len(data)} words are too few for batch_size="
                             f"{self.batch_size} and num_steps={self.num_steps}")
        if max_steps:
            self.epoch_size = min(self.epoch_size, max_steps)
        self.input_data, self.targets = ptb_reader.ptb_producer(
            data, self.batch_size, self.num_steps, name=name)


class LearningRate:
    """The tutorial's learning rate held in a variable: ``value``, set with ``assign``."""

    def __init__(self):
        self.value = tf.Variable(0.0, trainable=False, name="learning_rate")
        self._new = tf.placeholder(tf.float32, shape=[], name="new_learning_rate")
        self._update = tf.assign(self.value, self._new)

    def assign(self, session, value):
        session.run(self._update, feed_dict={self._new: value})


class PTBModel:
    """The PTB model: embedding, stacked LSTM, softmax, and (training only) the update ops.

    ``build_training=False`` builds the forward pass only (a tower of ``PTBTowers``);
    ``make_optimizer``: ``learning_rate -> optimizer`` (default ``GradientDescentOptimizer``).
    """

    def __init__(self, is_training, config, input_, build_training=True, make_optimizer=None):
        self.input = input_
        self.is_training = is_training
        batch_size, num_steps, size = input_.batch_size, input_.num_steps, config.hidden_size
        dtype = tf.as_dtype(config.dtype)
        keep_prob = config.keep_prob if is_training else 1.0

        with tf.device("/cpu:0"):  # bfloat16: look up float32 rows, then cast only those
            embedding = tf.get_variable("embedding", [config.vocab_size, size],
                                        dtype=tf.float32 if dtype == tf.bfloat16 else dtype)
            inputs = tf.cast(tf.nn.embedding_lookup(embedding, input_.input_data), dtype)
        if keep_prob < 1.0:
            inputs = tf.nn.dropout(inputs, rate=1.0 - keep_prob)

        # the input gradients of the cells' and the softmax's matmuls on their weights
        # transposed once a step (reference/training/transposed_weights.py)
        with transposed_weights.weight_transposed_once():
            # fused, one step (the Test model): nothing to hoist, and the kernel's split would
            # copy it at every word; the cells' graph has the same variables and numbers
            if config.rnn_mode == ptb_config.BASIC or (config.rnn_mode == ptb_config.FUSED
                                                       and num_steps == 1):
                output, state = self._build_basic(inputs, config, batch_size, keep_prob)
            else:
                output, state = self._build_layerwise(inputs, config, batch_size, keep_prob)
            softmax_w = tf.get_variable("softmax_w", [size, config.vocab_size], dtype=dtype)
            softmax_b = tf.get_variable("softmax_b", [config.vocab_size], dtype=dtype)
            logits = tf.matmul(output, softmax_w) + softmax_b
        loss_dtype = tf.float32 if dtype == tf.bfloat16 else dtype  # bfloat16: fp32 loss
        loss = sequence_loss.sequence_loss_by_example(
            [tf.cast(logits, loss_dtype)], [tf.reshape(input_.targets, [-1])],
            [tf.ones([batch_size * num_steps], dtype=loss_dtype)],
            softmax_loss_function=sequence_loss.logsumexp_cross_entropy)
        self.cost = tf.reduce_sum(loss) / batch_size
        self.final_state = state
        self.lr = self.train_op = self.summary_op = self.optimizer = self.step_after = None
        if is_training and build_training:
            self._build_training(config, make_optimizer or tf.train.GradientDescentOptimizer)

    def _build_basic(self, inputs, config, batch_size, keep_prob):
        """The notes' hand-unrolled loop over BasicLSTMCells."""
        def make_cell():
            cell = tf.nn.rnn_cell.BasicLSTMCell(config.hidden_size, forget_bias=0.0,
                                                state_is_tuple=True,
                                                reuse=None if self.is_training else True)
            if keep_prob < 1.0:
                cell = tf.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=keep_prob)
            return cell

        cell = tf.nn.rnn_cell.MultiRNNCell([make_cell() for _ in range(config.num_layers)],
                                           state_is_tuple=True)
        self.initial_state = cell.zero_state(batch_size, config.dtype)
        outputs = []
        state = self.initial_state
        with tf.variable_scope("RNN"):
            for time_step in range(self.input.num_steps):
                if time_step > 0:
                    tf.get_variable_scope().reuse_variables()
                cell_output, state = cell(inputs[:, time_step, :], state)
                outputs.append(cell_output)
        return tf.reshape(tf.concat(outputs, 1), [-1, config.hidden_size]), state

    def _build_layerwise(self, inputs, config, batch_size, keep_prob):
        """The same network layer by layer (time-major inside): on the fused BlockLSTM kernel
        (block), or with each layer's input projection as one matmul (fused)."""
        def zeros():  # one tensor per c and h of each layer: each is fed its own value
            return tf.zeros([batch_size, config.hidden_size], config.dtype)
        self.initial_state = tuple(fused_lstm.LSTMStateTuple(zeros(), zeros())
                                   for _ in range(config.num_layers))
        layers = (fused_lstm.multi_block_lstm if config.rnn_mode == ptb_config.BLOCK
                  else layerwise_lstm.multi_lstm)
        with tf.variable_scope("RNN"):
            outputs, state = layers(
                tf.transpose(inputs, [1, 0, 2]), self.initial_state, config.hidden_size,
                forget_bias=0.0, keep_prob=keep_prob)
        return tf.reshape(tf.transpose(outputs, [1, 0, 2]), [-1, config.hidden_size]), state

    def _build_training(self, config, make_optimizer):
        self.learning_rate = LearningRate()
        self.lr = self.learning_rate.value
        tvars = tf.trainable_variables()
        # tf.gradients(self.cost, tvars), with each LSTM kernel's gradient one matmul over the
        # time steps instead of one per step and a sum (reference/training/batched_gradients.py)
        grads, _ = tf.clip_by_global_norm(batched_gradients.gradients(self.cost, tvars),
                                          config.max_grad_norm)
        self.optimizer = make_optimizer(self.lr)
        global_step = tf.train.get_or_create_global_step()
        self.train_op = self.optimizer.apply_gradients(zip(grads, tvars), global_step=global_step)
        with tf.control_dependencies([self.train_op]):  # a read made here waits for the step
            self.step_after = global_step.read_value()  # (tf.identity would reuse global_step/read)

    def assign_lr(self, session, lr_value):
        self.learning_rate.assign(session, lr_value)
