"""The TF2-native counterparts of reference/lr_decay.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import same


def test_the_keras_schedule_gives_exponential_decays_values(native, tf1_as_recorded):
    tf1 = tf1_as_recorded["exponential_decay_values"]
    assert same(native["exponential_decay_schedule"], tf1, tf1) == dict.fromkeys(tf1, 0.0)


def test_no_race_in_a_function_and_the_scheduled_optimizer_trains_the_same(native,
                                                                           tf1_as_recorded):
    got, tf1 = native["schedule_in_order_and_in_the_optimizer"], tf1_as_recorded[
        "decay_fetch_race_and_fix"]
    assert got.pop("minimise") == {  # the notes' typo fails on Keras 3's SGD too
        "type": "AttributeError", "message": "'SGD' object has no attribute 'minimise'"}
    # every run gives the TF1 fix's [10, 0.9 * 0.1]; the optimizer's iterations count 3
    # and its learning_rate, loss, gradient and w match at each of the three steps
    keys = ["fixed", "global_step_after_3", "three_steps"]
    assert sorted(got) == sorted(keys)
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert got["fixed"] == {"[10, 0.08999999612569809]": 200}
