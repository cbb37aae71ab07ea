"""Curves as PNG images: the size asked for, each curve in its colour, the summary decodes it."""
from reference.tf1 import tf

import numpy as np

from experiments.shared import plots

GREEN, RED = [0, 160, 0, 255], [220, 0, 0, 255]


def _pixels_of(image, colour):
    return int(np.all(image == colour, axis=-1).sum())


def test_the_summary_holds_the_png_decoded_at_the_size_asked_for(session):
    png_feed, summary_op = plots.image_summary("curves")
    png = plots.curves_png([np.sin(np.linspace(0, 6, 50)), np.cos(np.linspace(0, 6, 50))],
                           ["sin", "prediction"], width=300, height=120)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    summary = tf.Summary.FromString(session.run(summary_op, {png_feed: png}))
    (value,) = summary.value
    assert (value.tag, value.image.width, value.image.height) == ("curves/image", 300, 120)
    image = session.run(tf.image.decode_png(value.image.encoded_image_string, channels=4))
    assert image.shape == (120, 300, 4)
    assert _pixels_of(image, GREEN) > 50 and _pixels_of(image, RED) > 50


def test_a_curve_missing_leaves_its_colour_out(session):
    image = session.run(tf.image.decode_png(
        plots.curves_png([np.linspace(0, 1, 20)], ["target"]), channels=4))
    assert _pixels_of(image, GREEN) > 50
    assert _pixels_of(image, RED) == 0
