"""The registry of demonstrations: each idiom of the notes, where it comes from, what it does now.

A demonstration is a function without arguments that builds its own fresh graph, runs it and
returns what it observed as plain JSON data (numbers, lists, strings, dicts). The family
modules register theirs with ``@demo(...)``; ``observe_all()`` runs them. The same functions
run in a TF2-behaviour process (``TF1_REFERENCE_MODE=tf2``), so the two modes' observations
can be compared key by key.
"""
import contextlib
import dataclasses
import importlib

from reference.tf1 import tf

import numpy as np

from pipelines import runner
from reference.catalogue.observed import describe_error  # noqa: F401 -- the families' API
from reference.catalogue.observed import error_of  # noqa: F401
from reference.catalogue.observed import missing  # noqa: F401
from reference.catalogue.observed import outcome  # noqa: F401
from reference.catalogue.observed import plain
from reference.catalogue.observed import portable  # noqa: F401

FAMILIES = ("tensors", "transforms", "feeds", "variables", "scopes", "graph_collections",
            "control_flow", "control_deps", "gradients", "losses", "ema", "lr_decay", "saver",
            "checkpoint_loaders", "summaries", "session_config", "conv", "regularizers",
            "absl_flags", "rnn_cells", "rnn_cell_calls", "rnn_wrappers", "rnn_unroll",
            "rnn_unroll_calls", "rnn_bidirectional", "custom_rnn", "custom_rnn_as_written",
            "attention", "tfdbg", "towers", "input_queues", "csv_decoding", "tfrecord_decoding",
            "ptb_graph")


@dataclasses.dataclass(frozen=True)
class Demo:
    """One demonstration.

    Attributes:
      name: unique snake_case name (``python -m reference NAME``).
      family: the module that defines it.
      note: the seed note and section it reproduces, e.g. ``003 "tf.case()"``.
      claims: the note's checkable claims this demonstration observes.
      run: the function; returns a dict of observations.
      volatile: observation keys that vary from run to run (race counts); never compared.
    """
    name: str
    family: str
    note: str
    claims: tuple
    run: object
    volatile: tuple = ()

    def stable(self, observation):
        """The observation without its volatile keys."""
        return {k: v for k, v in observation.items() if k not in self.volatile}


_REGISTRY = {}


def demo(note, claims, volatile=()):
    """Registers the decorated function as a demonstration named after it."""
    def register(func):
        family = func.__module__.rsplit(".", 1)[-1]
        if func.__name__ in _REGISTRY:
            raise ValueError(f"demonstration {func.__name__!r} is defined twice")
        _REGISTRY[func.__name__] = Demo(func.__name__, family, note, tuple(claims), func,
                                        tuple(volatile))
        return func
    return register


def demos():
    """All demonstrations, family by family, in definition order."""
    for family in FAMILIES:
        importlib.import_module(f"reference.{family}")
    return sorted(_REGISTRY.values(), key=lambda d: FAMILIES.index(d.family))


def get(name):
    """The demonstration called ``name``; KeyError names the unknown one."""
    known = {d.name: d for d in demos()}
    if name not in known:
        raise KeyError(name)
    return known[name]


def observe(name):
    """Runs one demonstration; returns its observation as plain data.

    A demonstration that raises (as some do under TF2 behaviour) is observed as
    {"raised": <the error>}, so one failure does not hide the others.
    """
    try:
        return plain(get(name).run())
    except Exception as err:  # pylint: disable=broad-except
        return {"raised": describe_error(err)}


def observe_all(names=None):
    """Runs the named demonstrations (default: all); returns {name: observation}."""
    chosen = names or [d.name for d in demos()]
    return {name: observe(name) for name in chosen}


@contextlib.contextmanager
def fresh_session(seed=None, config=None):
    """A new default graph (graph-level ``seed`` if given) and a session on it.

    Ops go to the CPU unless a demonstration names a device: the pinned values are the CPU
    kernels' (a GPU kernel may round differently or word its errors differently).
    """
    with tf.Graph().as_default() as graph, graph.device("/cpu:0"):
        if seed is not None:
            tf.set_random_seed(seed)
        with tf.Session(graph=graph, config=config) as session:
            yield session


def run_initialized(fetches, feed_dict=None):
    """Runs ``global_variables_initializer`` then ``fetches`` in a session on the default graph."""
    with tf.Session() as session:
        session.run(tf.global_variables_initializer())
        return session.run(fetches, feed_dict)


def queue_session(describe_error=None):
    """A ``runner.QueueSession`` on the default graph (variables initialized, runners started)
    in which a blocked op fails after 10 s instead of hanging the demonstration."""
    return runner.QueueSession(config=tf.ConfigProto(operation_timeout_in_ms=10_000),
                               describe_error=describe_error)


def queued_batches(fetches, describe_error=None):
    """Every run of ``fetches`` in a ``queue_session`` until the input ends."""
    with queue_session(describe_error) as run:
        return list(run.batches(fetches))


def three_steps(session, train_op, before, after, resets=None):
    """Three runs of a deterministic ``train_op`` from the initial values again (``resets``,
    default the global initializer, run in order): ``before`` ({name: tensor}, e.g. the loss
    and gradients) fetched before each run, ``after`` (e.g. the variables) after each, as
    ``{name: [three values], "after": [three values]}``; what the TF2 counterparts compare."""
    for reset in resets or [tf.global_variables_initializer()]:
        session.run(reset)
    steps = {key: [] for key in [*before, "after"]}
    for _ in range(3):
        for key, value in session.run(before).items():
            steps[key].append(value)
        session.run(train_op)
        steps["after"].append(session.run(after))
    return steps


def load_uniform_weights(session, seed, scale=0.8):
    """Gives every variable of the default graph weights drawn by NumPy from
    ``uniform(-scale, scale)``: the same in TF1 and TF2 mode, where a graph seed would seed each
    initializer by its op's position in the graph, which differs between the two."""
    rng = np.random.default_rng(seed)
    for var in tf.global_variables():
        var.load(rng.uniform(-scale, scale, var.shape.as_list()).astype(np.float32), session)


def count_outcomes(session, resets, fetch, runs):
    """Runs the ``resets`` one by one, then ``fetch``, ``runs`` times; returns {value: count}.

    For the notes' racy fetches: the counts vary from run to run, so they are shown, and the
    set of values is checked against what the race allows, never pinned.
    """
    counts = {}
    for _ in range(runs):
        for reset in resets:
            session.run(reset)
        value = plain(session.run(fetch))
        counts[repr(value)] = counts.get(repr(value), 0) + 1
    return dict(sorted(counts.items()))
