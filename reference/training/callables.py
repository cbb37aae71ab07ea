"""A training or evaluation step as a function of its feeds, at the lowest cost per call.

Serves: note 003 "PTBModel / run_epoch" (the LSTM state fetched and fed back at every batch).

``session.run(fetches, feed_dict)`` parses the fetch structure and converts every fed value in
Python at each call. ``Session.make_callable(fetches, feed_list)`` parses the fetches once, but
on TF 2.21 any non-empty ``feed_list`` is handed back to ``session.run`` (a TODO in
``session.py``), which costs more per fed tensor than a whole call that feeds nothing
(BUILD_NOTES.md). A callable made from a ``CallableOptions`` proto (the
private ``Session._make_callable_from_options``, the path tf_keras's backend functions take
in graph mode) names its feeds and fetches once and converts the fed arrays in C++. Making
one costs a graph optimization and new kernels (``session.run`` caches its executors per
signature), so each session keeps the ones it made.
"""
from reference.tf1 import tf

from tensorflow.core.protobuf import config_pb2


def step_function(session, fetches, feeds):
    """``session.run(fetches, dict(zip(feeds, values)))`` as a function of ``*values``.

    ``fetches`` is any ``session.run`` structure (dicts, lists, namedtuples such as
    ``LSTMStateTuple``) of tensors and operations; an operation's result is None, as in
    ``session.run``. On a plain ``tf.Session`` the step is a callable from
    ``CallableOptions``; other sessions (monitored, tfdbg wrappers) run it through their
    own ``run``, which their hooks and wrappers need. The same fetches and feeds on the same
    session give the same step (made once, kept on the session).
    """
    if type(session) is not tf.Session:  # pylint: disable=unidiomatic-typecheck
        return lambda *values: session.run(fetches, dict(zip(feeds, values)))
    # kept on the session, not in a module-level cache: each step holds its session, so a
    # weak-keyed cache would keep every session alive; this cycle goes with the session
    steps = session.__dict__.setdefault("_reference_steps", {})
    key = (repr(tf.nest.map_structure(lambda leaf: leaf.name, fetches)),
           tuple(t.name for t in feeds))
    if key not in steps:
        steps[key] = _make_step(session, fetches, feeds)
    return steps[key]


def _make_step(session, fetches, feeds):
    leaves = tf.nest.flatten(fetches)
    tensors = [leaf for leaf in leaves if isinstance(leaf, tf.Tensor)]
    options = config_pb2.CallableOptions(
        feed=[t.name for t in feeds], fetch=[t.name for t in tensors],
        target=[leaf.name for leaf in leaves if isinstance(leaf, tf.Operation)])
    run = session._make_callable_from_options(options)  # pylint: disable=protected-access
    is_tensor = [isinstance(leaf, tf.Tensor) for leaf in leaves]
    pack = _packer(fetches)  # tf.nest.pack_sequence_as took 42 us a call, the run 60

    def step(*values):
        results = iter(run(*values))
        return pack(iter([next(results) if tensor else None for tensor in is_tensor]))
    return step


def _packer(structure):
    """A function that rebuilds ``structure`` from an iterator of its leaves in
    ``tf.nest.flatten`` order (dicts by sorted key, sequences and namedtuples in order)."""
    if isinstance(structure, dict):
        parts = [(key, _packer(structure[key])) for key in sorted(structure)]
        return lambda leaves: {key: part(leaves) for key, part in parts}
    if isinstance(structure, (list, tuple)):
        parts, kind = [_packer(item) for item in structure], type(structure)
        if hasattr(structure, "_fields"):  # a namedtuple: fields as arguments
            return lambda leaves: kind(*[part(leaves) for part in parts])
        return lambda leaves: kind([part(leaves) for part in parts])
    return next
