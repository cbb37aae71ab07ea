"""The PTB word language model of ``experiments.ptb`` in TF2-native code.

The same configs (``experiments.shared.ptb_config``), data (``experiments.shared.ptb_data``),
progress lines, checkpoint-per-epoch with resume, and summaries, written with Keras 3 layers,
a ``tf.function`` training step (``tf.GradientTape``, ``tf.clip_by_global_norm``,
``keras.optimizers.SGD`` with the tutorial's learning-rate schedule), the state carried
between batches in Python, ``pipelines.ptb_dataset`` as input, a ``tf.train.CheckpointManager``
and ``tf.summary``. It runs with TensorFlow 2's behaviour untouched: nothing here imports the
TF1 bootstrap.

Run:
    python -m experiments.ptb_tf2              # generated corpus, small config, 6 epochs
    python -m experiments.ptb_tf2 --data_path=simple-examples/data --save_path=/tmp/ptb2

The package: ``model`` (the Keras model, the cost, the weights in TF1's names and layout),
``training`` (steps, epoch loop, ``train``), ``convert`` (checkpoints to and from
``experiments.ptb``'s, run by ``python -m experiments.ptb_convert``), ``__main__`` (flags).
"""
