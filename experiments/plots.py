"""Curves drawn into images for ``tf.summary.image``, so TensorBoard shows prediction vs target.

Not an experiment: shared by the sequence experiments (sin_lstm, sin_cos, echo_rnn). NumPy
only (no plotting library is installed): each curve is a polyline of 1-pixel dots in its own
colour on a white background, the first curve (the target) green, the second (the
prediction) red, both scaled to the same vertical range.
"""
import numpy as np

from reference.tf1 import tf

COLOURS = np.array([[0, 160, 0], [220, 0, 0], [0, 0, 220]], np.uint8)


def curves_image(curves, height=80, width=None):
    """``curves``: list of 1-D arrays of one length. Returns uint8 ``[1, height, width, 3]``.

    The curves are resampled to ``width`` columns (default: their length, at most 400) and
    drawn with the shared minimum at the bottom and maximum at the top.
    """
    curves = [np.asarray(c, np.float64).ravel() for c in curves]
    length = len(curves[0])
    width = width or min(length, 400)
    low = min(c.min() for c in curves)
    span = max(max(c.max() for c in curves) - low, 1e-9)
    image = np.full((height, width, 3), 255, np.uint8)
    columns = np.arange(width)
    for colour, curve in zip(COLOURS, curves):
        samples = np.interp(np.linspace(0, length - 1, width), np.arange(length), curve)
        rows = np.round((1 - (samples - low) / span) * (height - 1)).astype(int)
        for offset in (0, 1):  # join neighbouring dots vertically
            top = np.minimum(rows, np.roll(rows, -offset))
            bottom = np.maximum(rows, np.roll(rows, -offset))
            for column, start, stop in zip(columns, top, bottom):
                image[start:stop + 1, column] = colour
    return image[None]


def image_summary(name, max_outputs=1):
    """A placeholder for a curves image and its ``tf.summary.image`` op: ``(placeholder, op)``."""
    placeholder = tf.placeholder(tf.uint8, [None, None, None, 3], name=f"{name}_image")
    return placeholder, tf.summary.image(name, placeholder, max_outputs=max_outputs)
