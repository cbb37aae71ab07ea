"""Curves drawn into images for ``tf.summary.image``, so TensorBoard shows prediction vs target.

Shared by the sequence experiments (sin_lstm, sin_cos, echo_rnn). The curves are drawn with
matplotlib's Agg canvas into PNG bytes, as TensorFlow's image-summary guide does
("Displaying image data in TensorBoard", ``plot_to_image``); the graph decodes them
(``tf.image.decode_png``) for ``tf.summary.image``. Colours: the first curve (the target)
green, the second (the prediction) red, a third (an input) blue. No pyplot: a ``Figure`` on its
own canvas leaves matplotlib's global state alone.
"""
import io

from reference.tf1 import tf

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

COLOURS = ("#00a000", "#dc0000", "#0000dc")


def curves_png(curves, labels, width=400, height=160):
    """``curves``: 1-D arrays of one length, drawn in ``COLOURS`` order with their ``labels`` in
    a legend; returns the PNG bytes of a ``width`` x ``height`` pixel image."""
    dpi = 100
    figure = Figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    for colour, label, curve in zip(COLOURS, labels, curves):
        axes.plot(np.ravel(curve), color=colour, label=label, linewidth=1.5)
    axes.legend(loc="upper right", fontsize="x-small")
    axes.tick_params(labelsize="x-small")
    figure.tight_layout(pad=0.3)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def image_summary(name, max_outputs=1):
    """A placeholder for PNG bytes (``curves_png``) and the ``tf.summary.image`` op of the
    decoded image: ``(placeholder, op)``."""
    png = tf.placeholder(tf.string, [], name=f"{name}_png")
    image = tf.expand_dims(tf.image.decode_png(png, channels=4), 0)
    return png, tf.summary.image(name, image, max_outputs=max_outputs)
