"""The tests' expectations on every supported TensorFlow, from the committed ledgers.

The test files assert 2.21.0's values (``REFERENCE``), so they stay readable. Under another
TensorFlow with a committed ledger, ``observe`` translates a live observation into 2.21 terms:
wherever this version's ledger differs from 2.21's and the live value is exactly this version's
recorded one, the 2.21 value is put in its place. A value that matches neither still fails the
test, showing what this process observed; a family that the ledger records as crashed (a
signal that would kill the test process) is skipped, naming the crash.
"""
import functools
import importlib.metadata

import pytest

from reference.catalogue import ledger
from reference.catalogue import registry
from reference.catalogue import versions

REFERENCE = versions.REFERENCE


def installed():
    """The installed TensorFlow's version."""
    return importlib.metadata.version("tensorflow")


@functools.lru_cache(maxsize=None)
def committed_ledger(version):
    """The committed ledger of ``version``, or None."""
    paths = dict(versions.committed())
    return ledger.load(paths[version]) if version in paths else None


def _family(name):
    return registry.get(name).family


def recorded(mode, name, version=None):
    """``version``'s (default: the installed one's) recorded observation of ``name`` in
    ``mode``, or ``{"crashed": ...}`` for a family that crashed, or None without a ledger."""
    document = committed_ledger(version or installed())
    if document is None:
        return None
    family = document["modes"][mode].get(_family(name), {})
    return family if "crashed" in family else family.get(name)


def _translate(live, here, reference):
    if here == reference or live != here:
        if isinstance(live, dict) and isinstance(here, dict) and isinstance(reference, dict):
            return {k: _translate(v, here.get(k), reference.get(k)) if k in reference else v
                    for k, v in live.items()}
        if (isinstance(live, list) and isinstance(here, list) and isinstance(reference, list)
                and len(live) == len(here) == len(reference)):
            return [_translate(v, h, r) for v, h, r in zip(live, here, reference)]
        return live
    return _ordered_like(reference, live)


def _ordered_like(value, like):
    """``value`` with its dicts' keys in ``like``'s order (the ledgers sort them; an
    observation's order can mean something, e.g. the variables' creation order)."""
    if isinstance(value, dict) and isinstance(like, dict) and set(value) == set(like):
        return {k: _ordered_like(value[k], like[k]) for k in like}
    if isinstance(value, list) and isinstance(like, list) and len(value) == len(like):
        return [_ordered_like(v, w) for v, w in zip(value, like)]
    return value


def as_reference(mode, name, live):
    """``live`` in 2.21 terms (see the module docstring); unchanged on 2.21 itself or on a
    TensorFlow without a committed ledger (the ledger test fails there instead)."""
    version = installed()
    if version == REFERENCE or committed_ledger(version) is None:
        return live
    here, reference = recorded(mode, name), recorded(mode, name, REFERENCE)
    if here is None or reference is None:
        return live
    return _translate(live, here, reference)


def skip_if_crashed(mode, name):
    """Skips the test when this TensorFlow's ledger records ``name``'s family as crashed."""
    here = recorded(mode, name)
    if isinstance(here, dict) and "crashed" in here:
        pytest.skip(f"{_family(name)} crashes TensorFlow {installed()} ({here['crashed']}: "
                    f"{here.get('stderr', '')}); see its ledger")


def observe(name):
    """``registry.observe(name)`` in this process (TF1 mode), in 2.21 terms."""
    skip_if_crashed("tf1", name)
    return as_reference("tf1", name, registry.observe(name))
