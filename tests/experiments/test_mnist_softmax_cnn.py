"""experiments.mnist_softmax and mnist_cnn (note 003 §2, §4) on generated and real digits."""
import dataclasses

from reference.tf1 import tf

import pytest

from experiments import mnist_cnn
from experiments import mnist_softmax
from pipelines import mnist_input_data
from tests import conftest


@pytest.fixture(scope="module")
def generated():
    return mnist_input_data.read_data_sets(None, one_hot=True, generated_train=3000,
                                           generated_test=500)


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
