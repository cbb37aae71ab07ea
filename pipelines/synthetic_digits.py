"""A deterministic generator of 28x28 handwritten-like digits: MNIST's stand-in, no download.

The notes' MNIST examples download the data set; nothing may be downloaded here, so every
MNIST experiment trains on these by default and reads the real idx files when given a path.

How a digit is drawn: each digit 0-9 is a template of strokes (polylines and elliptic arcs in
a unit box, e.g. 4 = down-stroke, diagonal, cross-bar). Each sample then gets, from its own
random stream:
* stroke jitter: every vertex moves by N(0, 0.025), arcs change radii by x0.85-1.15 and their
  ends by up to 0.3 rad;
* a random affine map: rotation +-0.3 rad, scale 0.75-1.1 (x and y apart), shear +-0.3,
  translation +-0.12 of the box (about 3 px);
* the drawing is then shrunk and moved where needed so that no stroke comes closer than 2 px
  to the frame (MNIST's digits sit well inside theirs);
* a pen of half-width 0.7-1.9 px, drawn anti-aliased (intensity falls off linearly over the
  last pixel of distance to the nearest stroke segment);
* noise: Gaussian N(0, 0.06) on every pixel plus a few bright specks, then clipped to [0, 1]
  and stored as uint8 0-255 like MNIST.

Sample ``i`` of seed ``s`` depends only on ``(s, i)``: ``generate(100, s)`` is the first 100
of ``generate(1000, s)``. Labels are drawn uniformly. Hard enough that a softmax regression
does clearly worse than a small CNN, as on real MNIST (the figures are in BUILD_NOTES.md; a
smaller version is pinned in ``tests/pipelines/test_synthetic_digits.py``).
"""
import numpy as np

SIZE = 28
MARGIN = 2  # pixels of frame the ink never reaches
_GRID = (np.stack(np.meshgrid(np.arange(SIZE), np.arange(SIZE)), -1).reshape(-1, 2) + 0.5)


def _arc(cx, cy, rx, ry, start, end):
    return ("arc", (cx, cy, rx, ry, start, end))


def _line(*points):
    return ("line", points)


_PI = np.pi
TEMPLATES = {  # unit box, x right, y down; angles in radians (positive turns down)
    0: [_arc(0.5, 0.5, 0.22, 0.33, 0, 2 * _PI)],
    1: [_line((0.38, 0.27), (0.52, 0.15), (0.52, 0.85))],
    2: [_arc(0.5, 0.35, 0.2, 0.18, 1.1 * _PI, 2.15 * _PI),
        _line((0.66, 0.45), (0.28, 0.85), (0.76, 0.85))],
    3: [_arc(0.47, 0.32, 0.19, 0.16, -0.85 * _PI, 0.5 * _PI),
        _arc(0.47, 0.67, 0.22, 0.18, -0.5 * _PI, 0.85 * _PI)],
    4: [_line((0.62, 0.85), (0.62, 0.15), (0.24, 0.62), (0.78, 0.62))],
    5: [_line((0.72, 0.15), (0.36, 0.15), (0.33, 0.45)),
        _arc(0.5, 0.63, 0.22, 0.2, -0.8 * _PI, 0.85 * _PI)],
    6: [_line((0.66, 0.14), (0.46, 0.3), (0.34, 0.55)), _arc(0.51, 0.66, 0.18, 0.18, 0, 2 * _PI)],
    7: [_line((0.25, 0.16), (0.76, 0.16), (0.42, 0.86))],
    8: [_arc(0.5, 0.31, 0.16, 0.15, 0, 2 * _PI), _arc(0.5, 0.66, 0.2, 0.19, 0, 2 * _PI)],
    9: [_arc(0.5, 0.34, 0.18, 0.18, 0, 2 * _PI), _line((0.68, 0.36), (0.6, 0.86))],
}


def _polylines(digit, rng):
    """The digit's strokes as polylines (in the unit box), with the per-sample jitter."""
    lines = []
    for kind, params in TEMPLATES[digit]:
        if kind == "arc":
            cx, cy, rx, ry, start, end = params
            rx, ry = rx * rng.uniform(0.85, 1.15), ry * rng.uniform(0.85, 1.15)
            if end - start < 2 * _PI:
                start, end = start + rng.uniform(-0.3, 0.3), end + rng.uniform(-0.3, 0.3)
            t = np.linspace(start, end, 16)
            points = np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], -1)
        else:
            points = np.asarray(params, dtype=float)
        lines.append(points + rng.normal(0, 0.025, points.shape))
    return lines


def _affine(rng):
    angle, shear = rng.uniform(-0.3, 0.3), rng.uniform(-0.3, 0.3)
    scale = np.diag(rng.uniform(0.75, 1.1, 2))
    rotation = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    matrix = rotation @ np.array([[1.0, shear], [0.0, 1.0]]) @ scale
    return matrix, rng.uniform(-0.12, 0.12, 2)


def _segment_distance(points, starts, ends):
    """Distance from each of ``points [p, 2]`` to the nearest of the segments ``[s, 2]``."""
    dx, dy = (ends - starts).T
    wx = points[:, :1] - starts[:, 0]
    wy = points[:, 1:] - starts[:, 1]
    t = np.clip((wx * dx + wy * dy) / np.maximum(dx * dx + dy * dy, 1e-12), 0.0, 1.0)
    return np.sqrt(((wx - t * dx) ** 2 + (wy - t * dy) ** 2).min(1))


def _fit(starts, ends, pen):
    """Scales down (about its centre) and shifts the drawing so that the pen's ink stays at
    least ``MARGIN`` pixels inside the frame, as MNIST's digits do."""
    points = np.concatenate([starts, ends])
    low, high = points.min(0) - pen, points.max(0) + pen
    room = SIZE - 2 * MARGIN
    centre = (low + high) / 2
    factor = min(1.0, room / max((high - low).max(), 1e-9))
    low, high = centre + (low - centre) * factor, centre + (high - centre) * factor
    shift = np.clip(centre, MARGIN + (centre - low), SIZE - MARGIN - (high - centre)) - centre
    return [(p - centre) * factor + centre + shift for p in (starts, ends)]


def render(digit, rng):
    """One sample of ``digit`` drawn with the random stream ``rng``: float32 [28, 28] in [0, 1]."""
    matrix, shift = _affine(rng)
    starts, ends = [], []
    for line in _polylines(digit, rng):
        pixels = ((line - 0.5) @ matrix.T + 0.5 + shift) * SIZE
        starts.append(pixels[:-1])
        ends.append(pixels[1:])
    pen = rng.uniform(0.7, 1.9)
    starts, ends = _fit(np.concatenate(starts), np.concatenate(ends), pen + 0.5)
    distance = _segment_distance(_GRID, starts, ends)
    image = np.clip(pen + 0.5 - distance, 0.0, 1.0).reshape(SIZE, SIZE)
    image = image + rng.normal(0, 0.06, image.shape)
    specks = rng.integers(0, SIZE, (rng.integers(0, 4), 2))
    image[specks[:, 0], specks[:, 1]] = rng.uniform(0.5, 1.0, len(specks))
    return np.clip(image, 0.0, 1.0).astype(np.float32)


def generate(count, seed=0):
    """``count`` samples of seed ``seed``: ``(images uint8 [count, 28, 28], labels uint8
    [count])``, exactly reproducible (see the module docstring)."""
    if count < 0:
        raise ValueError(f"count must be non-negative, got {count}")
    images = np.empty((count, SIZE, SIZE), np.uint8)
    labels = np.empty(count, np.uint8)
    for i in range(count):
        rng = np.random.default_rng([seed, i])
        labels[i] = rng.integers(10)
        images[i] = np.round(render(int(labels[i]), rng) * 255)
    return images, labels


SPLIT_SEEDS = {"train": 1, "t10k": 2}  # the two splits never share a random stream


def load_split(split, count):
    """The embedded default for a MNIST split name (``train`` or ``t10k``): ``count`` samples
    of that split's seed, shaped and typed as ``mnist_idx.load`` returns real MNIST."""
    if split not in SPLIT_SEEDS:
        raise ValueError(f"split must be one of {sorted(SPLIT_SEEDS)}, got {split!r}")
    return generate(count, SPLIT_SEEDS[split])
