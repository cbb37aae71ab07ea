"""Comparing a counterpart's observation with its TF1 demonstration's, key by key."""
import math

# Keras's RNN cells multiply the input and the state by two kernels and add the products; the
# TF1 cells multiply [input, state] by one kernel: the sums round differently in the last
# float32 bits, and differently on each TensorFlow. Largest differences measured on TF 2.16 to
# 2.21 (outputs and states; gradients and trained weights): 1.2e-7 and 4.8e-7.
RNN_FORWARD = 2.5e-7
RNN_GRADIENTS = 6e-7


def largest_difference(native, tf1, path="value"):
    """The largest absolute difference between two observations' numbers (0.0 when they are
    equal); AssertionError naming the path where their structure or a non-number differs."""
    if isinstance(native, dict) and isinstance(tf1, dict):
        assert sorted(native) == sorted(tf1), f"{path}: keys {sorted(native)} != {sorted(tf1)}"
        return max((largest_difference(native[k], tf1[k], f"{path}.{k}") for k in native),
                   default=0.0)
    if isinstance(native, list) and isinstance(tf1, list):
        assert len(native) == len(tf1), f"{path}: lengths {len(native)} != {len(tf1)}"
        return max((largest_difference(a, b, f"{path}[{i}]")
                    for i, (a, b) in enumerate(zip(native, tf1))), default=0.0)
    numbers = (int, float)
    if (isinstance(native, numbers) and isinstance(tf1, numbers)
            and not isinstance(native, bool) and not isinstance(tf1, bool)):
        if math.isnan(native) and math.isnan(tf1):
            return 0.0
        return abs(native - tf1)
    assert native == tf1, f"{path}: {native!r} != {tf1!r}"
    return 0.0


def same(native, tf1, keys, atol=0.0):
    """``{key: largest difference}`` for ``keys``, each asserted within ``atol``."""
    found = {key: largest_difference(native[key], tf1[key], key) for key in keys}
    over = {key: d for key, d in found.items() if d > atol}
    assert not over, f"differences over {atol}: {over}"
    return found
