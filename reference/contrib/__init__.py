"""APIs that ``tf.contrib`` (and ``tf.nn``'s pre-1.0 seq2seq) had and TensorFlow 2 does not,
re-created from core ops: each module's docstring names the API it replaces."""
