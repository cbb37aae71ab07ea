"""The registry of TF2-native counterparts (``reference/native/<family>.py``).

A counterpart is a function of one argument, run eagerly, that returns plain data with the
keys of the TF1 demonstrations it replaces (``replaces``), computed the TF2 way (``how``). Its
argument is ``{idiom: TF1 observation}`` of those demonstrations: where a TF1 demonstration
draws its weights or inputs at random (the notes' initializers under a graph seed), the
counterpart starts from the values the TF1 run drew, so the two compute from the same numbers. A
family module whose idioms have no TF2 counterpart says so in its ``NO_COUNTERPART`` string
(the closest replacement), and its counterparts show that replacement.
"""
import dataclasses
import importlib
import pkgutil
import sys

from reference.catalogue.observed import describe_error
from reference.catalogue.observed import plain

PACKAGE = "reference.native"
NOT_FAMILIES = ("registry", "__main__", "lstm_weights")  # lstm_weights: a helper module


@dataclasses.dataclass(frozen=True)
class Counterpart:
    """``name`` (unique), ``family``, ``replaces`` (TF1 idiom names), ``how`` (the TF2 APIs,
    one line), ``run``."""
    name: str
    family: str
    replaces: tuple
    how: str
    run: object


_REGISTRY = {}


def counterpart(replaces, how):
    """Registers the decorated function as the counterpart of the TF1 idioms ``replaces``."""
    def register(func):
        if func.__name__ in _REGISTRY:
            raise ValueError(f"counterpart {func.__name__!r} is defined twice")
        _REGISTRY[func.__name__] = Counterpart(func.__name__, func.__module__.rsplit(".", 1)[-1],
                                               tuple(replaces), how, func)
        return func
    return register


class BehaviourError(RuntimeError):
    """The counterparts were asked to run where TF2 behaviour is not in effect."""


def _check_behaviour():
    if "reference.tf1" in sys.modules:
        raise BehaviourError("the TF2-native counterparts need TensorFlow 2's behaviour, and "
                             "this process imported reference.tf1 (which disables it): run "
                             "them with python -m reference.native")


def families():
    """The family modules of this package, by name."""
    _check_behaviour()
    path = importlib.import_module(PACKAGE).__path__
    names = sorted(m.name for m in pkgutil.iter_modules(path) if m.name not in NOT_FAMILIES)
    return {name: importlib.import_module(f"{PACKAGE}.{name}") for name in names}


def without_counterpart():
    """``{family: the closest replacement}`` for the families TF2 has no counterpart for."""
    return {name: module.NO_COUNTERPART for name, module in families().items()
            if getattr(module, "NO_COUNTERPART", None)}


def counterparts():
    """Every counterpart, family by family, in definition order."""
    order = list(families())
    return sorted(_REGISTRY.values(), key=lambda c: order.index(c.family))


def of(idiom):
    """The counterparts that replace the TF1 idiom ``idiom``."""
    return [c for c in counterparts() if idiom in c.replaces]


def observe(name, tf1_observations):
    """Runs one counterpart on the TF1 observations of what it replaces (``{idiom:
    observation}``, at least those): its observation, or ``{"raised": <the error>}``."""
    item = {c.name: c for c in counterparts()}[name]
    try:
        return plain(item.run({idiom: tf1_observations[idiom] for idiom in item.replaces}))
    except Exception as err:  # pylint: disable=broad-except
        return {"raised": describe_error(err)}
