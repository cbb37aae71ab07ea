"""Each erratum's "true now" is what its demonstration observes."""
import pytest

from reference.catalogue import errata
from reference.catalogue import registry
from tests.reference import versioned


@pytest.mark.parametrize("entry", [e for e in errata.ERRATA if e.setting == "default"],
                         ids=lambda e: e.name)
def test_erratum_holds(entry):
    assert errata.value_at(versioned.observe(entry.demo), entry.key) == entry.expected


@pytest.mark.slow
@pytest.mark.parametrize("entry", [e for e in errata.ERRATA if e.setting == "onednn_off"],
                         ids=lambda e: e.name)
def test_erratum_holds_without_onednn(entry, child_observations):
    observed = child_observations["onednn_off"][entry.demo]
    assert errata.value_at(observed, entry.key) == entry.expected


def test_errata_are_unique_and_point_at_known_idioms():
    names = [e.name for e in errata.ERRATA]
    assert len(names) == len(set(names)) == 92
    assert {e.demo for e in errata.ERRATA} <= {d.name for d in registry.demos()}
    assert {e.setting for e in errata.ERRATA} == {"default", "onednn_off"}
