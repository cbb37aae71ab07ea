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
                   "three_steps": {  # w -= 0.1 * 0.9 ** (step / 10) * 2 * w, step 0, 1, 2
                       "loss": [1.0, 0.64000004529953, 0.4117492437362671],
                       "gradient": [2.0, 1.600000023841858, 1.2833538055419922],
                       "learning_rate": [0.10000000149011612, 0.09895192831754684,
                                         0.09791483730077744],
                       "w": [0.800000011920929, 0.6416769027709961, 0.5160175561904907]},
                   "minimise": {"type": "AttributeError", "message":
                                "'GradientDescentOptimizer' object has no attribute 'minimise'"}}
