"""experiments.mnist_softmax and mnist_cnn (note 003 §2, §4) on generated and real digits."""
import dataclasses
import math

from reference.tf1 import tf

import numpy as np
import pytest

from experiments import mnist_cnn
from experiments import mnist_softmax
from pipelines import mnist_idx
from pipelines import mnist_input_data
from tests import conftest

FLOAT32_TENTH = 0.10000000149011612  # tf.constant(0.1), and softmax of ten equal logits
LN_10 = math.log(10)


@pytest.fixture(scope="module")
def generated():
    return mnist_input_data.read_data_sets(None, one_hot=True, generated_train=3000,
                                           generated_test=500)


def _tiny(train=5, test=5):
    return mnist_input_data.read_data_sets(None, one_hot=True, generated_train=train,
                                           generated_test=test)


def test_softmax_starts_at_one_tenth_so_both_cross_entropies_are_ln_10(session):
    model = mnist_softmax.build_graph(mnist_softmax.CONFIGS["default"])
    assert (model["W"].shape.as_list(), model["b"].shape.as_list()) == ([784, 10], [10])
    assert model["x"].shape.as_list() == [None, 784]
    assert model["accuracy"].dtype == tf.float32  # tf.cast(..., "float")
    session.run(tf.global_variables_initializer())
    images, labels = _tiny().train.next_batch(5)
    got = session.run({k: model[k] for k in ("y_predict", "notes_cross_entropy",
                                             "cross_entropy")},
                      {model["x"]: images, model["y_actual"]: labels})
    assert got["y_predict"].tolist() == [[FLOAT32_TENTH] * 10] * 5  # W = b = 0: any image
    # the note's reduce_mean(-reduce_sum(y * log(y_predict), reduction_indices=1)) and the
    # logits form trained on: both -log(0.1) in float32
    assert abs(got["notes_cross_entropy"] - LN_10) <= 1e-6
    assert got["notes_cross_entropy"] == got["cross_entropy"]


def test_softmax_before_training_picks_class_0_so_t10k_accuracy_is_its_share():
    images, labels = mnist_idx.load(str(conftest.shared_data_dir("mnist")), "t10k")
    test = mnist_input_data.DataSet(images, labels, one_hot=True)
    with tf.Graph().as_default(), tf.Session() as session:
        model = mnist_softmax.build_graph(mnist_softmax.CONFIGS["default"])
        session.run(tf.global_variables_initializer())
        accuracy = session.run(model["accuracy"], {model["x"]: test.images,
                                                   model["y_actual"]: test.labels})
    assert int(np.sum(labels == 0)) == 980  # argmax of ten ties is class 0
    assert accuracy == np.float32(980 / 10000)


def test_softmax_1000_steps_print_the_test_accuracy_every_100():
    lines = []
    mnist_softmax.train(mnist_softmax.CONFIGS["default"], _tiny(200, 20), log=lines.append)
    assert mnist_softmax.CONFIGS["default"].steps == 1000  # the note's range(1000), i % 100
    assert [line.split(" ")[0] for line in lines] == ["accuracy:"] * 10 + ["test"]
    assert lines[-1].endswith(" on 20 images")


def test_cnn_biases_start_at_0_1_and_the_notes_sum_is_the_logits_sum(session):
    model = mnist_cnn.build_graph(mnist_cnn.CONFIGS["default"])
    assert model["h_pool2_flat"].shape.as_list() == [None, 7 * 7 * 64]
    assert model["h_fc1"].shape.as_list() == [None, 1024]  # "1*1024" per example
    session.run(tf.global_variables_initializer())
    biases = session.run({name: session.graph.get_tensor_by_name(f"{name}:0")
                          for name in ("b_conv1", "b_conv2", "b_fc1", "b_fc2")})
    assert {k: (v.tolist() == [FLOAT32_TENTH] * len(v), len(v)) for k, v in biases.items()} == {
        "b_conv1": (True, 32), "b_conv2": (True, 64), "b_fc1": (True, 1024), "b_fc2": (True, 10)}
    images, labels = _tiny(50).train.next_batch(50)
    got = session.run([model["notes_cross_entropy"], model["cross_entropy"]],
                      {model["x"]: images, model["y_actual"]: labels, model["keep_prob"]: 1.0})
    # the note's -reduce_sum(y * log(softmax)) over the batch and the summed logits form:
    # float32 sums of 50 terms (measured 409.8817 both, graph seed 0; an ulp there is 3e-5)
    assert got[1] > 50 and abs(got[0] - got[1]) <= 1e-4


def test_cnn_shapes_are_the_notes(graph):
    model = mnist_cnn.build_graph(mnist_cnn.CONFIGS["default"])
    assert model["h_pool2"].shape.as_list() == [None, 7, 7, 64]  # not "2*2", as a comment says
    assert {v.op.name: v.shape.as_list() for v in tf.trainable_variables()} == {
        "W_conv1": [5, 5, 1, 32], "b_conv1": [32], "W_conv2": [5, 5, 32, 64], "b_conv2": [64],
        "W_fc1": [3136, 1024], "b_fc1": [1024], "W_fc2": [1024, 10], "b_fc2": [10]}


@pytest.mark.slow
def test_the_cnn_is_clearly_better_than_softmax_on_generated_digits(generated):
    lines = []
    softmax = mnist_softmax.train(mnist_softmax.CONFIGS["test"], generated, log=lines.append)
    assert lines[0].startswith("accuracy: ") and len(lines) == 6  # every 100 steps + final
    cnn = mnist_cnn.train(mnist_cnn.CONFIGS["test"], generated, log=lines.append)
    assert softmax["test_accuracy"] > 0.85  # measured 0.898
    assert cnn["test_accuracy"] > 0.95  # measured 0.992
    assert cnn["test_accuracy"] - softmax["test_accuracy"] > 0.05
    assert "step 200 training accuracy " in " ".join(lines)


@pytest.mark.slow
def test_real_mnist_8000_train_2000_held_out():
    mnist = mnist_input_data.read_data_sets(str(conftest.shared_data_dir("mnist")), one_hot=True)
    softmax = mnist_softmax.train(mnist_softmax.CONFIGS["default"], mnist, log=lambda line: None)
    assert softmax["test_accuracy"] >= 0.91  # measured 0.932
    cnn = mnist_cnn.train(mnist_cnn.CONFIGS["real"], mnist, log=lambda line: None)
    assert cnn["test_accuracy"] >= 0.98  # measured 0.9895 (1,000 steps, 37 s)


@pytest.mark.slow
def test_cnn_summaries_show_inputs_kernels_histograms_and_misclassified_digits(tmp_path):
    mnist = mnist_input_data.read_data_sets(None, one_hot=True, generated_train=300,
                                            generated_test=100)
    config = dataclasses.replace(mnist_cnn.CONFIGS["test"], steps=20, print_every=10)
    mnist_cnn.train(config, mnist, save_path=str(tmp_path), log=lambda line: None)
    kinds = {}
    for path in tmp_path.glob("events.out.tfevents.*"):
        for event in tf.train.summary_iterator(str(path)):
            for value in event.summary.value:
                kinds.setdefault(value.WhichOneof("value"), set()).add(value.tag)
    assert {"inputs/image/0", "conv1_kernels/image/0", "misclassified/image/0"} <= kinds["image"]
    assert "W_conv1/weights" in kinds["histo"] and "W_conv1/gradients" in kinds["histo"]
    assert len(kinds["histo"]) == 16  # 8 variables, each weights and gradients
    assert kinds["simple_value"] == {"cross_entropy"}
