"""The TF2-native counterpart of reference/towers.py against the TF1 demonstration."""
from tests.reference.native.equivalence import same

W_AFTER_STEPS = [[[0.9724999666213989], [-0.49599993228912354], [2.5355000495910645]],
                 [[0.9356449842453003], [-0.5362569093704224], [2.4918410778045654]],
                 [[0.9395118951797485], [-0.533000648021698], [2.4944865703582764]]]


def test_a_mirrored_strategy_over_two_cpus_trains_as_the_two_towers(native, tf1_as_recorded):
    got, tf1 = native["mirrored_strategy"], tf1_as_recorded["towers_average_gradients"]
    mirrored = got["mirrored"]  # in a child process: the runtime there had not started yet
    # the same float32 ops in the same order: bit for bit
    assert same(mirrored, tf1, ["weights_after_steps"]) == {"weights_after_steps": 0.0}
    assert tf1["weights_after_steps"] == W_AFTER_STEPS
    # each replica's gradient of its loss scaled by the global batch (compute_average_loss):
    # half its tower's mean-loss gradient; the optimizer sums them
    halves = {"tower_gradients": [[[g / 2 for g in row] for row in replica]
                                  for replica in tf1["tower_gradients"]]}
    assert same({"tower_gradients": mirrored["replica_gradients"]}, halves,
                ["tower_gradients"]) == {"tower_gradients": 0.0}
    assert [d.split("/")[-1] for d in mirrored["replica_devices"]] == [
        d.split("/")[-1] for d in tf1["tower_devices"]] == ["device:CPU:0", "device:CPU:1"]
    assert mirrored["variable_type"] == "MirroredVariable"
    assert mirrored["replica_losses"] == [0.3543749451637268, 3.189375400543213]


def test_in_the_shared_process_the_devices_are_fixed_and_two_tapes_average(native,
                                                                          tf1_as_recorded):
    got, tf1 = native["mirrored_strategy"], tf1_as_recorded["towers_average_gradients"]
    assert got["configure_after_start"] == {
        "type": "RuntimeError", "message": "Virtual devices cannot be modified after being "
                                           "initialized"}
    assert got["default_strategy"] == ["_DefaultDistributionStrategy", 1]
    keys = ["full_batch_gradient", "tower_gradients", "step", "weights_after_steps"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)


def test_eager_means_of_the_tower_gradients(native, tf1_as_recorded):
    got, tf1 = native["average_gradients_eager"], tf1_as_recorded["average_gradients_listings"]
    assert got["means"] == tf1["first"] == tf1["second"]
    assert got["devices"] == ["/job:localhost/replica:0/task:0/device:CPU:0"]
    assert got["zip_the_function"] == tf1["zip_the_function"]
