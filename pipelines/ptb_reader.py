"""PTB reader: the tutorial's API, plus a tf.data twin of its queue producer.

Reproduces: note 003 "PTBInput" (``reader.ptb_producer`` feeding the model) and
[PTB] ``tutorials/rnn/ptb/reader.py``: ``ptb_raw_data`` and ``ptb_producer`` keep
their signatures and results so migrating code can drop this module in.

The files' words and ids come from ``ptb_text`` (no TensorFlow there) and the tf.data twin
from ``ptb_dataset``, re-exported here so that migrating code imports ``reader``'s names from
one module.
"""
from reference.tf1 import tf

from pipelines.ptb_dataset import ptb_dataset  # noqa: F401  (re-exported: one reader API)
from pipelines.ptb_text import EOS  # noqa: F401
from pipelines.ptb_text import FILENAMES  # noqa: F401
from pipelines.ptb_text import PTBDataError  # noqa: F401
from pipelines.ptb_text import epoch_size  # noqa: F401
from pipelines.ptb_text import ptb_raw_data  # noqa: F401
from pipelines.ptb_text import ptb_vocabulary  # noqa: F401


def ptb_producer(raw_data, batch_size, num_steps, name=None):
    """Iterates on the raw PTB data through a queue, in TF1 style.

    Chunks ``raw_data`` into ``batch_size`` rows and returns windows of
    ``num_steps`` columns, in order, epoch after epoch. The index comes from a
    ``range_input_producer`` queue, so the session needs ``start_queue_runners``
    (a Supervisor's managed session starts them).

    Args:
      raw_data: list (or 1-D array) of int word ids.
      batch_size: int, rows per batch.
      num_steps: int, window length.
      name: name scope (default ``PTBProducer``, uniquified).

    Returns:
      ``(x, y)``: int32 tensors ``[batch_size, num_steps]``; y is x shifted right by one.

    Raises:
      tf.errors.InvalidArgumentError: when ``epoch_size == 0`` ("epoch_size == 0,
        decrease batch_size or num_steps"). It is raised in the queue runner's
        thread, which closes the queue: ``session.run(x)`` fails with
        ``OutOfRangeError`` and ``coord.join(threads)`` re-raises the assertion.
    """
    with tf.name_scope(name, "PTBProducer", [raw_data, batch_size, num_steps]):
        raw_data = tf.convert_to_tensor(raw_data, name="raw_data", dtype=tf.int32)
        data_len = tf.size(raw_data)
        batch_len = data_len // batch_size
        data = tf.reshape(raw_data[0: batch_size * batch_len], [batch_size, batch_len])

        epoch_size_t = (batch_len - 1) // num_steps
        assertion = tf.assert_positive(
            epoch_size_t, message="epoch_size == 0, decrease batch_size or num_steps")
        with tf.control_dependencies([assertion]):
            epoch_size_t = tf.identity(epoch_size_t, name="epoch_size")

        i = tf.train.range_input_producer(epoch_size_t, shuffle=False).dequeue()
        x = tf.strided_slice(data, [0, i * num_steps], [batch_size, (i + 1) * num_steps])
        x.set_shape([batch_size, num_steps])
        y = tf.strided_slice(data, [0, i * num_steps + 1], [batch_size, (i + 1) * num_steps + 1])
        y.set_shape([batch_size, num_steps])
        return x, y

