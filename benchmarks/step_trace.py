"""Where a PTB training step's time goes: one traced step, its ops' time by part of the model.

``trace(session, fetches, feeds)`` runs one step with ``RunOptions(trace_level=FULL_TRACE)``
and sums each executed op's time (from its start to the end of its work, as the step stats
record it) into the ``PARTS`` below, by the op's name and type. Ops run side by side on the
inter-op threads, so the parts add up to more than the step's wall time: ``busy`` is their sum
over ``wall * cores``, the share of the machine the step kept working. A MatMul whose name has a
``_grad/`` is a backward product; ``batched_gradient`` is the weight gradients of
``reference/training/batched_gradients.py``. Block mode's ``BlockLSTM`` and ``BlockLSTMGrad``
kernels do their matmuls inside: they count as the recurrence's element-wise part.
"""
import collections
import os

from reference.tf1 import tf

# (part, test on the op's name and type), the first that matches
PARTS = (
    ("weight gradients", lambda name, kind: "batched_gradient" in name),
    ("recurrence matmuls", lambda name, kind: "/RNN/" in name and "MatMul" in kind),
    ("recurrence element-wise", lambda name, kind: "/RNN/" in name),
    ("softmax matmuls", lambda name, kind: "MatMul" in kind),
    ("loss", lambda name, kind: "sequence_loss" in name or "cross_entropy" in name),
    ("clipping and update", lambda name, kind: "clip_by_global_norm" in name
     or "GradientDescent" in name or "global_norm" in name),
    ("other", lambda name, kind: True),
)


def _kind(node):
    label = node.timeline_label  # "name = Type(inputs)"
    return label.split(" = ", 1)[1].split("(", 1)[0] if " = " in label else node.node_name


def part_of(name, kind):
    """The ``PARTS`` entry an op of ``name`` and ``kind`` (its type) belongs to."""
    return next(part for part, matches in PARTS if matches(name, kind))


def trace(session, fetches, feed_dict=None):
    """``{"wall_ms", "busy", "parts": {part: ms}}`` of one traced ``session.run``."""
    metadata = tf.RunMetadata()
    session.run(fetches, feed_dict, options=tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE),
                run_metadata=metadata)
    parts, start, end = collections.Counter(), float("inf"), 0
    for device in metadata.step_stats.dev_stats:
        for node in device.node_stats:
            parts[part_of(node.node_name, _kind(node))] += node.all_end_rel_micros / 1000.0
            start = min(start, node.all_start_micros)
            end = max(end, node.all_start_micros + node.all_end_rel_micros)
    wall = (end - start) / 1000.0
    return {"wall_ms": wall, "busy": sum(parts.values()) / (wall * (os.cpu_count() or 1)),
            "parts": {part: parts[part] for part, _ in PARTS}}


def line(traced, ideal_ms):
    """One line: the traced step's wall time against ``ideal_ms`` (its matmuls at the true
    roof), how busy it kept the cores, then each part's op time."""
    parts = ", ".join(f"{part} {ms:.1f}" for part, ms in traced["parts"].items())
    return (f"one traced step: {traced['wall_ms']:.1f} ms wall (its matmuls at the true roof: "
            f"{ideal_ms:.1f} ms), cores busy {100 * traced['busy']:.0f} %; op ms: {parts}")
