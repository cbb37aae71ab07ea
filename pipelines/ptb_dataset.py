"""``ptb_dataset``: the tf.data twin of ``ptb_reader.ptb_producer``, for either world.

It imports ``tensorflow`` itself, not the TF1 bootstrap: ``tf.data`` is one API under TF1 and
TF2 behaviour, so the TF2-native PTB model (``experiments.ptb_tf2``) iterates it eagerly and
TF1 graph code gets its tensors from ``tf.data.make_one_shot_iterator``. A TF1 program imports
it through ``ptb_reader``, whose first import is the bootstrap.
"""
import tensorflow as tf

from pipelines import ptb_text


def ptb_dataset(raw_data, batch_size, num_steps):
    """The TF2-native twin of ``ptb_producer``: a ``tf.data.Dataset`` of ``(x, y)``.

    Yields exactly the batches ``ptb_producer`` dequeues, in the same order, and
    repeats forever like it; no queue runners are needed. In TF1 graph mode get
    tensors with ``tf.data.make_one_shot_iterator(ds).get_next()``; in TF2, iterate.

    Raises:
      ValueError: when ``epoch_size == 0`` (checked here, in Python, since the data
        is known when the dataset is built).
    """
    windows = ptb_text.ptb_windows(raw_data, batch_size, num_steps)
    return (tf.data.Dataset.from_tensor_slices(windows)
            .map(lambda w: (w[:, :num_steps], w[:, 1:]))
            .repeat())
