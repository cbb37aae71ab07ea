"""ExponentialMovingAverage (note 003): values, names, the official-usage race, shadow restore."""
from reference import ema
from tests.reference.versioned import observe


def closed_form(decay, values, start=0.0):
    """The notes' mv_t = sum_{i=1..t} decay^(t-i) (1 - decay) a_i, for a_1..a_t = ``values``,
    plus decay^t * ``start`` (the shadow's first value), in float64."""
    t = len(values)
    return decay ** t * start + sum(decay ** (t - i) * (1 - decay) * a
                                    for i, a in enumerate(values, 1))


def test_three_updates_print_the_notes_values():
    got = observe("ema_values")
    # mv_t = sum_i decay^(t-i) (1 - decay) a_i, plus decay^t * mv_0: the shadow of a variable
    # starts at its value, 1; float32 updates against float64 sums, hence the 1e-6
    for t, printed in enumerate(got["printed"], 1):
        assert abs(printed - closed_form(0.9, [2.0, 3.0, 4.0][:t], start=1.0)) <= 1e-6
    assert got == {
        "printed": [1.100000023841858, 1.290000081062317, 1.561000108718872],
        "shadow": "w/ExponentialMovingAverage", "trainable": ["w"],
        "moving_average_variables": ["w"],
        "average_of_list": {"type": "AttributeError",
                            "message": "'list' object has no attribute 'ref'"},
        "average_before_apply": {"average": None, "run": {
            "type": "TypeError",
            "message": 'Argument `fetch` = None has invalid type "NoneType". Cannot be None'}}}


def test_official_usage_races_and_the_fix_does_not():
    got = observe("ema_official_usage_race")
    for key in ("raced_counts", "maintain_race_counts"):  # counts vary; the values may not
        counts = got.pop(key)
        assert (set(counts) <= {"[None, 0.0]", "[None, 0.5]"}
                and sum(counts.values()) == ema.RACE_RUNS)
    assert got == {"raced_values_allowed": True, "maintain_race_values_allowed": True,
                   "fixed": {"[None, 0.5]": 200}, "separate_runs": [1.0, 0.5],
                   "average_name": "var0/ExponentialMovingAverage",
                   "three_steps": {  # loss -var0, var0 += 1; average -= 0.5 * (average - var0)
                       "loss": [0.0, -1.0, -2.0], "gradient": [-1.0, -1.0, -1.0],
                       "after": [[1.0, 0.5], [2.0, 1.25], [3.0, 2.125]]}}


def test_shadow_values_restore_into_the_variables():
    assert observe("restore_shadow_values") == {
        "saved_var_and_average": [20.0, 12.5],  # 10 - (10 - 20) * (1 - 0.75)
        "average_name": "var0/ExponentialMovingAverage",
        "variables_to_restore": {"var0/ExponentialMovingAverage": "var0", "step": "step"},
        "restored_into_var0": 12.5}


def test_the_shadow_initializer_needs_no_initialized_variable():
    assert observe("ema_shadow_initialized_first") == {"shadow_first": 10.0, "after_var0": 10.0}
