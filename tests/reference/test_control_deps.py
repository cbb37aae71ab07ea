"""control_dependencies and the notes' two cases where it does not hold (note 003)."""
from tests.reference.test_ema import closed_form
from tests.reference.versioned import observe


def test_identity_under_the_train_op_reads_the_updated_weight():
    assert observe("identity_after_update") == {
        "updated": [0.5, 0.25, 0.125],  # w -= 0.25 * 2w halves w
        "minize": {"type": "AttributeError",
                   "message": "'GradientDescentOptimizer' object has no attribute 'minize'"},
        "optimizer_base": {"type": "TypeError", "message": "Optimizer.__init__() missing 2 "
                           "required positional arguments: 'use_locking' and 'name'"}}


def test_ema_average_under_the_context_is_not_a_new_op():
    got = observe("dependency_on_existing_tensor_is_ignored")
    # a tensor's shadow starts at 0: the notes' closed form without a start term (float32
    # updates against float64 sums, hence the 1e-6)
    for t, [fixed] in enumerate(got["fixed"], 1):
        assert abs(fixed - closed_form(0.9, [2.0, 3.0, 4.0][:t])) <= 1e-6
    assert got == {
        "average_is_variable": "VariableV2",
        "broken": [[0.0], [0.0], [0.0]],
        # 0.1 * 2; 0.9 * 0.2 + 0.1 * 3; 0.9 * 0.48 + 0.1 * 4 (float32)
        "fixed": [[0.20000004768371582], [0.4800001084804535], [0.832000195980072]]}


def test_a_variable_made_inside_the_context_drops_it():
    assert observe("variable_inside_dependencies_drops_them") == {
        "w1_initializer_control_inputs": [], "identity_control_inputs": ["AssignAdd"],
        "w1_reads": [2.0, 2.0, 2.0], "w_after_reading_w1": 1.0, "w_after_running_identity": 2.0,
        # the notes' program: ema_val is the shadow itself (case 1), w1 drops the dependency
        "notes_program": {"printed": [[0.0, 2.0]] * 3, "w": 1.0}}
