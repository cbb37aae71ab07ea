"""The TF2-native counterparts of the idiom families: what TensorFlow 2 writes instead.

Eager code and ``tf.function``, ``tf.Variable``, ``tf.Module`` and Keras 3 (``keras``, not
tf_keras), ``tf.GradientTape``, ``tf.train.Checkpoint``, ``tf.summary``, ``tf.data``. They run
with TensorFlow 2's behaviour untouched, so never in a process that imported
``reference.tf1`` (whose bootstrap disables it): ``python -m reference.native`` runs them in a
process of their own. Each counterpart observes what the TF1 demonstrations it replaces
observe, under the same keys, from the same weights and inputs.
"""
