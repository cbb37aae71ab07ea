"""The TF2-native counterparts of reference/ema.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import same


def test_a_function_step_averages_as_tf1_and_the_same_loop_eagerly_does_not(native,
                                                                             tf1_as_recorded):
    got, tf1 = native["ema_in_a_function_step"], tf1_as_recorded["ema_values"]
    assert same(got, tf1, ["printed", "average_of_list"]) == {"printed": 0.0,
                                                              "average_of_list": 0.0}
    # eagerly the first apply comes after the first update: the shadow starts at w = 2
    assert got["eager_printed"] == [2.0, 2.0999999046325684, 2.2899999618530273]
    assert got["shadow"] == tf1["shadow"] + ":0"  # a variable's name, no op
    assert (got["shadow_trainable"], tf1["trainable"]) == (False, ["w"])
    # average before apply is None in both; TF1 then failed to run it, eagerly nothing runs
    assert got["average_before_apply"] == {"average": None}
    assert tf1["average_before_apply"]["average"] is None
    assert tf1["average_before_apply"]["run"]["type"] == "TypeError"


def test_the_function_step_runs_in_order_with_the_tf1_fix_values(native, tf1_as_recorded):
    got, tf1 = native["ema_step_in_order"], tf1_as_recorded["ema_official_usage_race"]
    # every run as the TF1 fix's: the average after the step, never the race's 0.0
    assert got.pop("in_order_counts") == {"0.5": 200}
    assert tf1["fixed"] == {"[None, 0.5]": 200}
    assert got.pop("read_before_step") == 0.0  # a read written before the step: the other
    keys = ["separate_runs", "average_name", "three_steps"]  # loss, gradient, var0, average
    assert sorted(got) == sorted(keys)
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)


def test_a_checkpoint_restores_the_average_into_the_variable(native, tf1_as_recorded):
    got, tf1 = native["restore_average_with_checkpoint"], tf1_as_recorded["restore_shadow_values"]
    keys = ["saved_var_and_average", "average_name", "restored_into_var0"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    # name-based TF1 mapped every global variable; the collection holds only what was averaged
    assert got["variables_to_restore"] == {"var0/ExponentialMovingAverage": "var0:0"}
    assert tf1["variables_to_restore"] == {"var0/ExponentialMovingAverage": "var0", "step": "step"}
    assert got["variables_to_restore_of_both"] == {  # named variables are all averaged
        "var0/ExponentialMovingAverage": "var0:0", "step/ExponentialMovingAverage": "step:0"}
    assert got["checkpoint_keys"] == [  # object-based: by attribute, not by variable name
        "_CHECKPOINTABLE_OBJECT_GRAPH", "save_counter/.ATTRIBUTES/VARIABLE_VALUE",
        "step/.ATTRIBUTES/VARIABLE_VALUE", "var0/.ATTRIBUTES/VARIABLE_VALUE",
        "var0_average/.ATTRIBUTES/VARIABLE_VALUE"]
    # shadow names are unique process-wide, as in one TF1 graph
    assert got["second_average"] == "var0/ExponentialMovingAverage_1:0"


def test_an_eager_shadow_starts_from_the_variables_value_then(native, tf1_as_recorded):
    got, tf1 = native["shadow_created_from_the_value"], tf1_as_recorded[
        "ema_shadow_initialized_first"]
    assert same(got, tf1, tf1) == {"shadow_first": 0.0, "after_var0": 0.0}  # 10.0 both
    assert got["created_after_an_update"] == 20.0  # its current value, not its initial one
