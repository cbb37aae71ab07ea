"""Learning-rate decay (note 003): exponential_decay, staircase, the racy fetch and its fix."""
from reference import lr_decay
from tests.reference.versioned import observe


def test_exponential_decay_and_staircase():
    assert observe("exponential_decay_values") == {
        "smooth": [0.10000000149011612, 0.09486832469701767, 0.08999999612569809,
                   0.08099999278783798],  # 0.1 * 0.9 ** (0, 0.5, 1, 2)
        "staircase": [0.10000000149011612, 0.10000000149011612, 0.09600000083446503,
                      0.09600000083446503, 0.09216000139713287]}


def test_fetching_step_and_rate_together_races():
    got = observe("decay_fetch_race_and_fix")
    counts = got.pop("raced_counts")
    assert set(counts) <= {"[10, 0.10000000149011612]", "[10, 0.08999999612569809]"}
    assert sum(counts.values()) == lr_decay.RACE_RUNS
    assert got == {"raced_values_allowed": True, "fixed": {"[10, 0.08999999612569809]": 200},
                   "global_step_after_3": 3,
                   "minimise": {"type": "AttributeError", "message":
                                "'GradientDescentOptimizer' object has no attribute 'minimise'"}}
