"""One traced PTB training step, its ops' time by part of the model."""
import dataclasses

from reference.tf1 import tf

from benchmarks import step_trace
from experiments import ptb

TEST = dataclasses.replace(ptb.CONFIGS["test"], vocab_size=10)  # 1 layer, hidden 2, 2 steps
RAW = (list(range(10)) * 20, list(range(10)) * 20, list(range(10)) * 3, 10)


def test_every_part_of_a_training_step_takes_time():
    with tf.Graph().as_default():
        train, _, _ = ptb.build_models(TEST, RAW)
        with tf.train.Supervisor(logdir=None, summary_op=None).managed_session() as session:
            traced = step_trace.trace(session, [train.cost, train.train_op])
    assert list(traced["parts"]) == [
        "weight gradients", "recurrence matmuls", "recurrence element-wise", "softmax matmuls",
        "loss", "clipping and update", "other"]
    assert all(ms > 0 for ms in traced["parts"].values()), traced["parts"]
    assert traced["wall_ms"] > 0 and traced["busy"] > 0


def test_ops_are_assigned_by_name_and_type():
    names = {
        "Train/Model/batched_gradient/MatMul": "MatMul",
        "Train/Model/RNN/RNN/multi_rnn_cell/cell_0/basic_lstm_cell/MatMul": "_MklMatMul",
        "Train/Model/gradients/Train/Model/RNN/RNN/multi_rnn_cell/cell_0/basic_lstm_cell/"
        "MatMul_grad/MatMul": "_MklMatMul",
        "Train/Model/RNN/RNN/multi_rnn_cell/cell_0/basic_lstm_cell/Sigmoid": "Sigmoid",
        "Train/Model/gradients/Train/Model/MatMul_grad/MatMul": "_MklMatMul",
        "Train/Model/add": "_MklNativeFusedMatMul",
        "Train/Model/sequence_loss_by_example/Exp": "Exp",
        "Train/Model/clip_by_global_norm/mul_1": "Mul",
        "Train/Model/GradientDescent/update_Model/softmax_w/ApplyGradientDescent":
            "ApplyGradientDescent",
        "Train/TrainInput/StridedSlice": "StridedSlice"}
    assert {name: step_trace.part_of(name, kind) for name, kind in names.items()} == {
        "Train/Model/batched_gradient/MatMul": "weight gradients",
        "Train/Model/RNN/RNN/multi_rnn_cell/cell_0/basic_lstm_cell/MatMul":
            "recurrence matmuls",
        "Train/Model/gradients/Train/Model/RNN/RNN/multi_rnn_cell/cell_0/basic_lstm_cell/"
        "MatMul_grad/MatMul": "recurrence matmuls",
        "Train/Model/RNN/RNN/multi_rnn_cell/cell_0/basic_lstm_cell/Sigmoid":
            "recurrence element-wise",
        "Train/Model/gradients/Train/Model/MatMul_grad/MatMul": "softmax matmuls",
        "Train/Model/add": "softmax matmuls",
        "Train/Model/sequence_loss_by_example/Exp": "loss",
        "Train/Model/clip_by_global_norm/mul_1": "clipping and update",
        "Train/Model/GradientDescent/update_Model/softmax_w/ApplyGradientDescent":
            "clipping and update",
        "Train/TrainInput/StridedSlice": "other"}
