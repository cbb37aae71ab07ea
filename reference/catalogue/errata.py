"""Errata: where the notes are wrong or outdated on TensorFlow 2.21, and the call to use now.

Each entry names the demonstration that shows what is true now and the observation that says
so (``key``, a path into the observation, and the ``expected`` value), so a test checks every
entry. ``setting`` names the environment the observation needs ("onednn_off": the run-time
conv2d_transpose error without oneDNN; see tests/reference/catalogue/test_errata.py).
"""
import dataclasses


@dataclasses.dataclass(frozen=True)
class Erratum:
    name: str
    note: str
    notes_say: str
    true_now: str
    modern: str
    demo: str
    key: tuple
    expected: object
    setting: str = "default"


def _e(*args, **kwargs):
    return Erratum(*args, **kwargs)


ERRATA = (
    _e("ones_type_keyword", '001 §1.5 "tf.ones(shape,type=tf.float32,name=None)"',
       "tf.ones(shape, type=tf.float32); tf.ones([2, 3], int32)",
       "the keyword is dtype; type= is a TypeError; int32 is tf.int32",
       "tf.ones([2, 3], dtype=tf.int32)", "creation_ops", ("type_keyword", "type"), "TypeError"),
    _e("zeros_like_example", '001 §1.8 "tf.zeros_like"',
       "the example calls tf.ones_like(tensor) and shows zeros",
       "ones_like gives ones; zeros_like gives [[0, 0, 0], [0, 0, 0]]",
       "tf.zeros_like(tensor)", "creation_ops", ("zeros_like",), [[0, 0, 0], [0, 0, 0]]),
    _e("initialize_all_variables", '001 §1.3 / §1.4',
       "init = tf.initialize_all_variables()",
       "a deprecated alias that still builds the same group (a NoOp)",
       "tf.global_variables_initializer()", "variables_feeds_and_matmul",
       ("initialize_all_variables_op",), "NoOp"),
    _e("argmax_dimension", '001 §1.4 "argmax的练习"', "tf.argmax(input=a, dimension=1)",
       "dimension= is deprecated but still works", "tf.argmax(a, axis=1)",
       "argmax_axis_and_dimension", ("dimension1_shape",), [3]),
    _e("reduction_indices", '001 §2 cross_entropy', "reduce_sum(..., reduction_indices=1)",
       "reduction_indices= is deprecated but still works", "tf.reduce_sum(x, axis=1)",
       "reduce_ops", ("sum_reduction_indices",), [6.0, 15.0]),
    _e("batch_mul", '000 "子维度相乘"', "tf.batch_mul(a, b) for [128,50,1] x [128,1,50]",
       "tf.batch_mul is gone", "tf.matmul(a, b) batches over leading dimensions",
       "moments_and_batch_matmul", ("batch_mul", "type"), "AttributeError"),
    _e("concat_arg_order", '003 "tf.concat(concat_dim, data)"', "tf.concat(0, [t1, t2])",
       "values come first; the old order is a ValueError ('Shape (2, 2, 3) must have rank 0')",
       "tf.concat([t1, t2], 0)", "concat_and_split", ("old_concat", "message"),
       "Shape (2, 2, 3) must have rank 0"),
    _e("split_arg_order", '003 "tf.split(split_dim, num_split, value)"; 000 split(1, 4, concat)',
       "tf.split(1, 3, value)", "value comes first; the old order is a TypeError",
       "tf.split(value, 3, axis=1)", "concat_and_split", ("old_split", "type"), "TypeError"),
    _e("reverse_sequence_slices", '003 "tf.reverse_sequence" docstring example',
       "output[0, 0:7, :, ...] = input[0, 7:0:-1, :, ...]",
       "the reversed part is input[0, 6::-1] (entries 6 down to 0), not 7 down to 1",
       "read it as output[i, :len_i] = input[i, len_i - 1::-1]",
       "reverse_sequence_up_to_lengths", ("batch_major", 0), [6, 5, 4, 3, 2, 1, 0, 7]),
    _e("reverse_sequence_copy", '003 "tf.reverse_sequence" docstring example',
       "output[3, 2:, :, ...] = input[3, 2:, :, ...] (for seq_lengths[3] = 5)",
       "entries from 5 on are copied: output[3, 5:] = input[3, 5:]",
       "output[i, len_i:] = input[i, len_i:]", "reverse_sequence_up_to_lengths",
       ("batch_major", 3), [28, 27, 26, 25, 24, 29, 30, 31]),
    _e("concat_v2", '003 PTBModel / multi-GPU average_gradients', "tf.concat_v2(outputs, 1)",
       "tf.concat_v2 is gone", "tf.concat(outputs, 1)", "concat_and_split",
       ("concat_v2", "type"), "AttributeError"),
    _e("expanded_dim", '003 multi-GPU average_gradients', "tf.expanded_dim(grad, 0)",
       "a typo: no such function", "tf.expand_dims(grad, 0)",
       "embedding_lookup_and_expand_dims", ("expanded_dim", "type"), "AttributeError"),
    _e("tensor_names", '003 "name_scope可以用来干什么"',
       "print(a.name) shows hidden/alpha, hidden/weights, hidden/biases",
       "a tensor's name ends in its output index: hidden/alpha:0 (op.name has no index)",
       "a.op.name for the name without ':0'", "name_scope_prefixes_ops", ("names",),
       ["hidden/alpha:0", "hidden/weights:0", "hidden/biases:0"]),
    _e("fetch_missing_line", '003 "Fetch的意思就是…"',
       "the listing skips line 30 yet prints [12.0, 4.0]",
       "the missing line is add = tf.add(input1, input2): 3 * (3 + 1) = 12",
       "add = tf.add(input1, input2); mul = tf.multiply(input1, add)", "fetch_several_ops",
       ("result",), [12.0, 4.0]),
    _e("fetch_none_message", '003 "#wrong … TypeError: Fetch argument None has invalid type"',
       "TypeError: Fetch argument None has invalid type",
       "still a TypeError, worded 'Argument `fetch` = None has invalid type \"NoneType\". "
       "Cannot be None'", "fetch tensors, not what op.run() returns", "fetch_errors",
       ("fetch_none", "message"), 'Argument `fetch` = None has invalid type "NoneType". '
       "Cannot be None"),
    _e("mul", '003 "tf.cond" example', "z = tf.mul(a, b)", "tf.mul is gone",
       "tf.multiply(a, b)", "cond_picks_a_branch", ("tf_mul", "type"), "AttributeError"),
    _e("global_variable_initializer", '003 summaries example',
       "init = tf.global_variable_initializer()", "a typo: no such function",
       "tf.global_variables_initializer()", "initializer_anatomy",
       ("summaries_typo", "type"), "AttributeError"),
    _e("minize", '003 "tf.control_dependencies()设计是用来控制计算流图的"',
       "opt = tf.train.Optimizer().minize(loss)", "a typo (and Optimizer is abstract)",
       "tf.train.GradientDescentOptimizer(rate).minimize(loss)", "identity_after_update",
       ("minize", "type"), "AttributeError"),
    _e("apply_grandient", '000 "更新参数值"', "optimizer.apply_grandient(zip(grads, vars))",
       "a typo", "optimizer.apply_gradients(zip(grads, vars))", "compute_clip_apply",
       ("apply_grandient", "type"), "AttributeError"),
    _e("minimise", '003 learning rate decay, second example', "train_op = opt.minimise(loss)",
       "a typo", "opt.minimize(loss, global_step=global_step)", "decay_fetch_race_and_fix",
       ("minimise", "type"), "AttributeError"),
    _e("lr_fetch_race", '003 "_, rate = sess.run([add_global, learning_rate])"',
       "prints the decayed rate of each step",
       "the rate may be computed before or after add_global in the same run (a race)",
       "rate under tf.control_dependencies([add_global]), or a separate sess.run",
       "decay_fetch_race_and_fix", ("fixed",), {"[10, 0.08999999612569809]": 200}),
    _e("ema_official_race", '003 ExponentialMovingAverage "official usage"',
       "maintain_averages_op = ema.apply(...) before the control_dependencies([opt_op]) block",
       "the averages may read the variables before opt_op updates them (a race)",
       "call ema.apply inside the control_dependencies([opt_op]) block",
       "ema_official_usage_race", ("fixed",), {"[None, 0.5]": 200}),
    _e("softmax_positional", '001/003 softmax_cross_entropy_with_logits(logits, y_)',
       "tf.nn.softmax_cross_entropy_with_logits(logits, y_)",
       "the signature is (labels, logits): the positional call swaps them silently (18.926 "
       "instead of 1.2228)", "softmax_cross_entropy_with_logits_v2(labels=y_, logits=logits)",
       "softmax_cross_entropy", ("positional",), 18.92600440979004),
    _e("sigmoid_targets", '003 "sigmoid_cross_entropy_with_logits(logits, targets)"',
       "sigmoid_cross_entropy_with_logits(logits, targets)",
       "targets is now labels and comes first: the positional call swaps them silently",
       "sigmoid_cross_entropy_with_logits(labels=targets, logits=logits)",
       "sigmoid_cross_entropy", ("positional",),
       [[0.3132616877555847, 0.6931471824645996, 1.3132617473602295],
        [0.6931471824645996, 0.8132616877555847, 2.3132617473602295]]),
    _e("nce_argument_order", '003 "tf.nn.nce_loss(nce_weights, nce_biases, embed, '
       'train_labels, …)"', "nce_loss(weights, biases, inputs, labels, num_sampled, classes)",
       "labels come before inputs; the notes' order is a ValueError (shapes)",
       "nce_loss(weights=..., biases=..., labels=..., inputs=..., num_sampled=..., "
       "num_classes=...)", "nce_and_sampled_softmax_shapes", ("notes_order", "type"),
       "ValueError"),
    _e("sequence_loss_by_example", '003 "tf.nn.sequence_loss_by_example(…)"',
       "tf.nn.sequence_loss_by_example / tf.contrib.legacy_seq2seq.sequence_loss_by_example",
       "both are gone",
       "reference.contrib.sequence_loss.sequence_loss_by_example (same arithmetic)",
       "sequence_loss_by_example_values", ("removed", "sequence_loss_by_example", "type"),
       "AttributeError"),
    _e("sampled_softmax_loss", '003 "tf.sampled_softmax_loss()"', "tf.sampled_softmax_loss(...)",
       "there is no top-level tf.sampled_softmax_loss: AttributeError",
       "tf.nn.sampled_softmax_loss(weights=..., biases=..., labels=..., inputs=..., ...)",
       "nce_and_sampled_softmax_shapes", ("removed", "sampled_softmax_loss", "type"),
       "AttributeError"),
    _e("contrib_rnn_wrappers", '003 "rnn_cell.OutputProjectionWrapper()", '
       '"InputProjectionWrapper()", "rnn_cell.EmbeddingWrapper()"',
       "tf.contrib.rnn.OutputProjectionWrapper / InputProjectionWrapper / EmbeddingWrapper",
       "gone with tf.contrib; tf.nn.rnn_cell has none of them (AttributeError)",
       "reference.contrib.rnn_wrappers in TF1 code; keras.layers.Dense after / Embedding before "
       "the RNN layer in TF2", "projection_wrappers",
       ("removed", "OutputProjectionWrapper", "type"), "AttributeError"),
    _e("summary_image_keeps_last",
       '003 "max_images确定了生成的图片是[-max_images: ,height, width, channels]"',
       "the images written are the batch's last max_images: [-max_images:]",
       "the first max_outputs images are written: images 0, 1, 2 of five",
       "tf.summary.image(tag, images[-3:], max_outputs=3) to show the last three",
       "summary_image_keeps_the_first", ("uint8", 0, 3), [[0, 0, 0], [0, 0, 0]]),
    _e("int32_gradients", '003 tf.gradients "# right" ("#  [array([[2, 1]],dtype=int32)]")',
       "tf.gradients(res, [w1]) of the int32 matmul prints [array([[2, 1]], dtype=int32)]",
       "integer tensors have no gradient: [None], and sess.run([None]) is a TypeError",
       "float variables: tf.Variable([[1., 2.]]) gives [array([[2., 1.]], dtype=float32)]",
       "gradients_of_int32_are_none", ("int32", "right", "raised", "type"), "TypeError"),
    _e("shared_cell_stack", '003 PTB "MultiRNNCell([lstm_cell] * config.num_layers)"; 001 '
       '"cells=[cell]*4"', "cell = MultiRNNCell([lstm_cell] * config.num_layers, "
       "state_is_tuple=True)", "one cell object shared by every layer: 2 variables, not 2 per "
       "layer; a ValueError when the input depth is not num_units",
       "MultiRNNCell([lstm_cell() for _ in range(config.num_layers)])",
       "shared_cell_in_multi_rnn_cell", ("shared_depth_5", "raised", "type"), "ValueError"),
    _e("lstm_cell_input_size", '004 "LSTM tensorflow实现"; 003 "rnn_cell.LSTMCell()"',
       "cell = rnn_cell.LSTMCell(num_units, input_size)",
       "the second parameter is use_peepholes: the call silently adds w_f_diag, w_i_diag, "
       "w_o_diag", "tf.nn.rnn_cell.LSTMCell(num_units) (the input size comes from the inputs)",
       "lstm_cell_input_size_is_use_peepholes",
       ("positional_input_size", "rnn/lstm_cell/w_f_diag"), [3]),
    _e("multirnncells_typo",
       '001 / 003 "tf.nn.rnn_cell.MultiRNNCells(cells, state_is_tuple=False)"',
       "lstm_cell = tf.nn.rnn_cell.MultiRNNCells(cells, state_is_tuple=False)",
       "a typo: no such class", "tf.nn.rnn_cell.MultiRNNCell(cells, state_is_tuple=False)",
       "removed_rnn_cell_apis", ("MultiRNNCells", "type"), "AttributeError"),
    _e("state_is_tupe", '001 / 003 BasicLSTMCell(..., state_is_tupe=Flase)',
       "BasicLSTMCell(num_units, forget_bias=1.0, input_size=None, state_is_tupe=Flase, "
       "activation=tanh)",
       "unknown keywords are a TypeError naming the first (input_size, then state_is_tupe)",
       "BasicLSTMCell(num_units, forget_bias=1.0, state_is_tuple=False, activation=tf.tanh)",
       "removed_rnn_cell_apis", ("state_is_tupe", "message"),
       "('Keyword argument not understood:', 'state_is_tupe')"),
    _e("gru_input_size", '001 / 003 "GRUCell(num_units, input_size=None, activation=tanh)"',
       "GRUCell(num_units, input_size=None, activation=tanh)", "input_size= is a TypeError",
       "tf.nn.rnn_cell.GRUCell(num_units, activation=tf.tanh)", "removed_rnn_cell_apis",
       ("gru_input_size", "message"), "('Keyword argument not understood:', 'input_size')"),
    _e("rnn_cell_linear", '003 "run_cell._linear()"; 000 "concat = _linear([inputs,h],'
       '4*self._num_units,True)"', "concat = _linear([inputs, h], 4 * num_units, True)",
       "gone from tf.nn.rnn_cell (ten public names, nothing private)",
       "tf.matmul(tf.concat([x, h], 1), kernel) + bias (memory_gradient_is_the_forget_gate)",
       "removed_rnn_cell_apis", ("_linear", "type"), "AttributeError"),
    _e("dynamic_run", '001 "法一" "tf.nn.dynamic_run(cell, inputs, sequence_length=None, ...)"',
       "tf.nn.dynamic_run(cell, inputs, sequence_length=None, initial_state=None, dtype=None, "
       "time_major=False)",
       "a typo: no such function (AttributeError); 003's copy of the passage spells it "
       "dynamic_rnn", "tf.nn.dynamic_rnn(cell, inputs, ...) (tf.compat.v1); "
       "keras.layers.RNN(cell) in TF2", "removed_rnn_functions", ("dynamic_run", "type"),
       "AttributeError"),
    _e("rnn_rnn", '003 seq2seq "from tensorflow.python.ops import rnn" / "rnn.rnn(encoder_cell, '
       'encoder_inputs, dtype=dtype)"',
       "encoder_outputs, encoder_state = rnn.rnn(encoder_cell, encoder_inputs, dtype=dtype)",
       "the module still imports, but rnn.rnn is gone (AttributeError)",
       "tf.nn.static_rnn(cell, inputs, dtype=dtype): the same function as rnn.static_rnn, "
       "with rnn()'s signature", "removed_rnn_functions", ("rnn_rnn", "type"), "AttributeError"),
    _e("tf_nn_rnn", '003 PTB "outputs,state = tf.nn.rnn(cell, inputs, '
       'initial_state=self._initial_state)"',
       "tf.nn.rnn(cell, inputs, initial_state=self._initial_state) (the PTB comment)",
       "tf.nn.rnn is gone (AttributeError)",
       "tf.nn.static_rnn(cell, tf.unstack(inputs, num=num_steps, axis=1), initial_state=...); "
       "keras.layers.RNN(cell, unroll=True) in TF2",
       "removed_rnn_functions", ("tf_nn_rnn", "type"), "AttributeError"),
    _e("contrib_get_or_create_global_step", '003 PTBModel "global_step=tf.contrib.framework.'
       'get_or_create_global_step())"',
       "global_step=tf.contrib.framework.get_or_create_global_step()",
       "tf.contrib is gone (AttributeError)",
       "tf.train.get_or_create_global_step() (one int64 global_step:0; a second call returns "
       "it); optimizer.iterations in TF2", "ptb_notes_fragments", ("contrib_framework", "type"),
       "AttributeError"),
    _e("contrib_scalar_summary", '003 PTB main "tf.contrib.deprecated.scalar_summary(\"Training '
       'Loss\", m.cost)"', "tf.contrib.deprecated.scalar_summary('Training Loss', m.cost)",
       "tf.contrib is gone; tf.summary.scalar replaces the space and prefixes the name scope: "
       "Train/Training_Loss", "tf.summary.scalar('Training Loss', m.cost)",
       "ptb_notes_fragments", ("contrib_scalar_summary", "type"), "AttributeError"),
    _e("softmax_no_average", '003 softmax_cross_entropy_with_logits "第三步是求一个平均"',
       "the op's third step averages, giving the loss",
       "it returns one loss per example ([0.40760595] * 3 for the notes' logits); the mean or "
       "sum is the caller's",
       "tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_, logits=logits))",
       "softmax_cross_entropy", ("per_row",), [0.40760594606399536] * 3),
    _e("higher_order_add", '003 "高阶导数" Note ("有些 op…例如 tf.add…gradients 会返回 None")',
       "tf.add has no higher-order gradient, so tf.gradients returns None",
       "tf.add has one: tf.add(a * a, a) at a = 1 gives 3.0 then 2.0; None comes from a "
       "constant first gradient (tf.add(a, a): 2.0)",
       "tf.gradients(..., unconnected_gradients='zero') for 0 instead of None",
       "higher_order_gradients", ("add_of_square_first_second",), [3.0, 2.0]),
    _e("by_hand_cross_entropy_nan", '003 "二、常规神经网络（NN）" / "四、CNN卷积神经网络" '
       "cross_entropy", "-tf.reduce_sum(y_actual*tf.log(y_predict)) (batch mean or sum) as the "
       "loss", "nan once a probability underflows to 0 (0 * log 0): logits [0, 200] give nan; "
       "the logits form gives 0.0",
       "tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_actual, logits=logits)",
       "notes_mnist_cross_entropy", ("underflow", "notes_forms"), ["nan", "nan"]),
    _e("sampled_softmax_argument_order", '003 "tf.sampled_softmax_loss()" signature',
       "sampled_softmax_loss(weights, biases, inputs, labels, num_sampled, num_classes, ...)",
       "labels come before inputs; the notes' positional order is a ValueError (shapes)",
       "tf.nn.sampled_softmax_loss(weights=..., biases=..., labels=..., inputs=..., "
       "num_sampled=..., num_classes=...)",
       "nce_and_sampled_softmax_shapes", ("sampled_notes_order", "type"), "ValueError"),
    _e("sparse_positional", '003 echo RNN "sparse_softmax_cross_entropy_with_logits(logits, '
       'labels)"', "tf.nn.sparse_softmax_cross_entropy_with_logits(logits, labels)",
       "the signature is (labels, logits): positionally the logits become the labels: "
       "ValueError on the ranks",
       "tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)",
       "soft_and_sparse_labels", ("echo_positional", "type"), "ValueError"),
    _e("tensorboard_en_dash", '003 "tensorboard –logdir=/summary_dir"',
       "tensorboard –logdir=/summary_dir",
       "the en dash is no option prefix: tensorboard takes it for a subcommand and exits 2 "
       "(\"argument {serve}: invalid choice\")", "tensorboard --logdir=/summary_dir",
       "file_writer_events", ("tensorboard", "notes_en_dash", "exit"), 2),
    _e("optimizer_same_device", '003 "# Create an optimizer.optimizer必须和variable在一个设备上'
       '声明"', "the optimizer must be created on the same device as the variables",
       "its constructor builds no op; slots and updates are colocated with each variable "
       "whatever tf.device is in effect; only the gradients follow the scope",
       "pin the variables' device; create and apply the optimizer anywhere",
       "optimizer_slots_follow_the_variable", ("devices", "slot", 1), "/device:CPU:0"),
    _e("custom_cell_nest_is_sequence", '000 "## CustomMultiLstmCell"',
       "nest.is_sequence(c.state_size) / nest.is_sequence(state)",
       "is_sequence is gone (tf.nest, tensorflow.python.util.nest): the class fails at its "
       "first call", "tf.nest.is_nested", "notes_custom_cell_as_written",
       ("as_written", "dynamic_rnn", "type"), "AttributeError"),
    _e("custom_cell_python_history", '000 "## CustomMultiLstmCell"',
       "self.hs.append(h) per time step",
       "a Python list: dynamic_rnn builds its loop body once, so hs holds 1 entry and the "
       "history term is never built",
       "keep the history in the state (reference.custom_rnn.CustomMultiRNNCell)",
       "notes_custom_cell_mended", ("history_lengths", "dynamic_rnn"), 1),
    _e("bidirectional_dytype", '000 "##lstm"',
       "bidirectional_dynamic_rnn(cell_fw, cell_bw, inputs, sequence_length, dytype)",
       "the keyword is dtype; dytype= is a TypeError",
       "tf.nn.bidirectional_dynamic_rnn(cell_fw, cell_bw, x, sequence_length=..., "
       "dtype=tf.float32)", "bidirectional_notes_000_inputs", ("dytype", "type"), "TypeError"),
    _e("zero_state_needs_dtype", '003 "单层双向rnn"', "cell_fw.zero_state(batch_size)",
       "dtype is a required argument (TypeError)", "cell_fw.zero_state(batch_size, tf.float32)",
       "bidirectional_notes_003_recipe", ("zero_state_without_dtype", "type"), "TypeError"),
    _e("contrib_rnn_import", '003 "单层双向rnn"',
       "from tensorflow.contrib import rnn; rnn.LSTMCell(10)",
       "tensorflow.contrib is gone (ModuleNotFoundError)", "tf.nn.rnn_cell.LSTMCell(10)",
       "bidirectional_notes_003_recipe", ("contrib_import", "type"), "ModuleNotFoundError"),
    _e("cond_fn1_fn2", '003 "tf.cond(pred, fn1, fn2,name=None)"',
       "tf.cond(pred, fn1, fn2, name=None)",
       "fn1/fn2 are the old names of true_fn/false_fn, still accepted by tf.compat.v1.cond; "
       "TF2's tf.cond rejects them", "tf.cond(pred, true_fn=..., false_fn=...)",
       "cond_picks_a_branch", ("signature",),
       "(pred, true_fn=None, false_fn=None, strict=False, name=None, fn1=None, fn2=None)"),
    _e("while_loop_signature", '003 "tf.while_loop()"',
       "tf.while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10, "
       "back_prop=True, swap_memory=False, name=None)",
       "maximum_iterations=None and return_same_structure=False were added after name",
       "tf.while_loop(cond, body, loop_vars)", "while_loop_counts", ("signature",),
       "(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10, back_prop=True, "
       "swap_memory=False, name=None, maximum_iterations=None, return_same_structure=False)"),
    _e("optimizer_abstract", '003 "tf.control_dependencies()设计是用来控制计算流图的"',
       "tf.train.Optimizer()",
       "the base class cannot be built bare: TypeError (use_locking and name required)",
       "tf.train.GradientDescentOptimizer(rate)", "identity_after_update",
       ("optimizer_base", "type"), "TypeError"),
    _e("queue_runner_not_an_op", '003 "QueueRunner创建多个线程对Queue进行enqueue操作.它是一个op"',
       "QueueRunner … 它是一个op",
       "a QueueRunner is a Python object holding enqueue ops, not a tf.Operation",
       "tf.train.QueueRunner(queue, [enqueue_op] * 4).create_threads(sess, coord, start=True); "
       "or tf.data", "queue_runner_threads", ("is_operation",), False),
    _e("contrib_import", '003 deconv / regularizers "from tensorflow.contrib import slim" / '
       '"… import layers"', "from tensorflow.contrib import slim; from tensorflow.contrib "
       "import layers", "the import is a ModuleNotFoundError: No module named "
       "'tensorflow.contrib'", "tf.layers.conv2d; reference.contrib.regularizers",
       "conv2d_transpose_static_error", ("slim_import", "type"), "ModuleNotFoundError"),
    _e("regularizers_network_en_dash", "003 5-layer network with a 'losses' collection, as "
       "written", "ses_loss = tf.reduce_mean(tf.square(y_ – cur_layer))",
       "the en dash is not a minus: SyntaxError", "tf.square(y_ - cur_layer)",
       "regularizers_network_as_written", ("mse_line", "message"),
       "invalid character '\u2013' (U+2013) (<notes>, line 1)"),
    _e("deconv_output_shape_list", '003 deconv "可以用 inputs shape，但是有点改变"',
       "output_shape = [inputs_shape[0], inputs_shape[1], inputs_shape[2], some_value]",
       "some_value is undefined; the list fixes nothing: the static shape was [?, ?, ?, 3] "
       "already and 97x97 inputs fail as before",
       "an output_shape whose stride-3 forward conv gives conv1's size (e.g. 75 for 97)",
       "conv2d_transpose_output_shape_list", ("static_shape",), [None, None, None, 3]),
    _e("zeros_type_keyword", '001 §1.5 "tf.zeros(shape,type=tf.float32,name=None)"',
       "tf.zeros(shape, type=tf.float32)", "the keyword is dtype; type= is a TypeError",
       "tf.zeros([2, 3], dtype=tf.int32)", "creation_ops", ("zeros_type_keyword", "type"),
       "TypeError"),
    _e("like_dype_keyword", '001 §1.7-1.8 "tf.ones_like(tensor,dype=None,name=None)"',
       "ones_like / zeros_like(tensor, dype=None)",
       "a typo: the keyword is dtype; dype= is a TypeError",
       "tf.ones_like(tensor, dtype=tf.float32)", "creation_ops",
       ("like_dype_keyword", 0, "type"), "TypeError"),
    _e("linspace_float_only", '001 §1.11 "start和stop必须为tf.float32或tf.float64"',
       "start and stop must be float32 or float64",
       "integer start and stop are accepted: tf.linspace(10, 12, 3) is float64 [10, 11, 12]",
       "tf.linspace(10.0, 12.0, 3) for float32", "creation_ops", ("dtypes", "linspace_ints"),
       "float64"),
    _e("range_int32_only", '001 §1.12 "start，limit和delta都是int32类型"',
       "start, limit, delta are int32", "floats are accepted: tf.range(3.0, 18.0, 3.0) is "
       "float32", "tf.range(3, 18, 3) for int32", "creation_ops", ("dtypes", "range_floats"),
       "float32"),
    _e("placeholder_default_shape", '003 MNIST CNN "placeholder中shape…默认为none，即一维数据"',
       "shape defaults to None, i.e. 1-D data",
       "None means no static shape at all ('<unknown>'): any rank can be fed",
       "tf.placeholder(tf.float32, [None]) for 1-D data", "placeholder_shapes",
       ("default_static_shape",), "<unknown>"),
    _e("lstm_split_piece_shape", '000 "##lstm" "每个元素的维度是[batch*n_input]"',
       "transpose to [n_step, batch*n_input], split(0, n_step): each piece is [batch*n_input]",
       "that split gives pieces of [1, batch*n_input]; static_rnn needs [batch, n_input]",
       "tf.unstack(x, axis=1)", "lstm_input_split_as_written", ("piece_shapes", 0), [1, 6]),
    _e("variable_initializer", '003 "函数中调用了 variable_initializer()"',
       "variable_initializer()", "a typo: no such function",
       "tf.variables_initializer(var_list)", "initializer_anatomy",
       ("variables_initializer_typo", "type"), "AttributeError"),
    _e("fetch_right_value", '003 "# right" "[array([[2, 1]],dtype=int32)]"',
       "matmul([[1, 2]], [[2], [1]]) prints [array([[2, 1]])]",
       "the notes' inputs give [[4]] (1*2 + 2*1)", "session.run([res])", "fetch_errors",
       ("right",), [[[4]]]),
    _e("shape_listing_parentheses", '003 "tf.shape(a)和a.get_shape()比较" lines 4, 6',
       "x=tf.constant([[1,2,3],[4,5,6]] ; z=np.arange(24).reshape([2,3,4]))",
       "both lines are SyntaxErrors (an unclosed '(' and an unmatched ')')",
       "x = tf.constant([[1,2,3],[4,5,6]]); z = np.arange(24).reshape([2,3,4])",
       "shape_vs_get_shape", ("notes_listing_syntax", 0, "type"), "SyntaxError"),
    _e("echo_concat_arg_order", '003 echo RNN "tf.concat(1, [current_input,current_state])"',
       "tf.concat(1, [current_input, current_state])",
       "values come first; the old order is a ValueError ('Dimension 1 in both shapes must be "
       "equal…')", "tf.concat([current_input, current_state], 1)", "concat_and_split",
       ("old_concat_echo", "type"), "ValueError"),
    _e("div_deprecated", '003 sin RNN "self.cost=tf.div(...)"', "tf.div(sum, batch_size)",
       "a deprecated alias with Python 2 semantics: integers floor (tf.div(7, 2) = 3)",
       "tf.math.divide / tf.math.floordiv", "div_is_python2_division", ("ints",), 3),
    _e("peephole_inputs", '004 "LSTM tensorflow实现" "带有peephole的lstm cell会将上一时刻的c_t作为'
       '当前时刻训练所有参数的输入"',
       "a peephole cell feeds the previous c_t to every parameter (all gates and the candidate)",
       "only the input and forget gates see c_{t-1}; the output gate sees the new c_t and the "
       "candidate j has no peephole (w_f_diag, w_i_diag, w_o_diag only): h = sigmoid(Z_o + "
       "w_o * new_c) * tanh(new_c)",
       "tf.nn.rnn_cell.LSTMCell(num_units, use_peepholes=True); in TF2 a custom Keras cell",
       "peephole_connections", ("new_h",), [0.7217804789543152, -0.1636306792497635]),
    _e("zero_state_flat_size", '001 / 003 "lstm_cell.zero_state(batch_size, dtype=)" "返回'
       '[batch_size, 2*len(cells)]"',
       "initial_state = lstm_cell.zero_state(batch_size, dtype=) returns [batch_size, "
       "2*len(cells)]",
       "dtype= with no value is a SyntaxError; the flat state is [batch, 2 * num_units * "
       "len(cells)] (four layers of 10: [batch, 80], not [batch, 8]); state_is_tuple=True gives "
       "a tuple of LSTMStateTuples, no matrix",
       "lstm_cell.zero_state(batch_size, dtype=tf.float32)", "zero_state_layouts",
       ("state_is_tuple_False", "shapes"), [3, 80]),
    _e("sequence_length_typo", '001 "法一" "三句话的长度分别是5,10,25,那么sequence_length='
       '[5,10,15]"', "three sentences of lengths 5, 10, 25 give sequence_length=[5,10,15]",
       "a typo (003 has 25): 15 stops the third sentence at step 15, its outputs are 0.0 from "
       "there and its final state is the one at step 15", "sequence_length=[5, 10, 25]",
       "notes_dynamic_rnn_call", ("001", "largest_output_per_step", 2, 15), 0.0),
    _e("dynamic_rnn_without_dtype", '001 "法一" "tf.nn.dynamic_run(cell, inputs, '
       'sequence_length=None, initial_state=None,dtype=None,time_major=False)"',
       "the defaults initial_state=None, dtype=None as a call",
       "with neither an initial_state nor a dtype dynamic_rnn raises ValueError",
       "tf.nn.dynamic_rnn(cell, inputs, dtype=tf.float32) or "
       "initial_state=cell.zero_state(...)", "notes_dynamic_rnn_call", ("notes_call", "type"),
       "ValueError"),
    _e("manual_loop_listing", '001 "法二" "states = initial_states ... lstm_cell(inputs[:,'
       'time_step,:], state)"', "the loop listing (tabs and spaces mixed; states = "
       "initial_states, then state used)",
       "it does not compile (TabError); re-indented it raises NameError: name 'state' is not "
       "defined", "state = initial_states, 4-space indentation (or tf.nn.dynamic_rnn)",
       "notes_loop_listing", ("reindented", "type"), "NameError"),
    _e("basic_lstm_input_size", '003 "rnn_cell.BasicLSTMCell()" "def __init__(self,num_units, '
       'forget_bias=1.0,input_size=None, state_is_tuple=True, activation=tanh)"',
       "BasicLSTMCell(num_units, forget_bias, input_size, state_is_tuple, activation)",
       "input_size is gone: by keyword a TypeError; third by position it is state_is_tuple, so "
       "BasicLSTMCell(10, 1.0, None) silently has a flat state of 20",
       "tf.nn.rnn_cell.BasicLSTMCell(num_units, forget_bias=1.0)",
       "basic_lstm_and_gru_signatures", ("input_size_third", "state_size"), 20),
    _e("lstm_cell_shards", '003 "rnn_cell.LSTMCell()" "num_unit_shards=1, num_proj_shards=1"',
       "num_unit_shards=1, num_proj_shards=1 (the defaults)",
       "they default to None now (deprecated); passing 1 partitions the kernel into one part, "
       "renamed rnn/lstm_cell/kernel/part_0", "tf.nn.rnn_cell.LSTMCell(num_units) without "
       "shards", "lstm_cell_signature", ("shards_1_variables",),
       {"rnn/lstm_cell/kernel/part_0": [7, 12], "rnn/lstm_cell/bias": [12]}),
    _e("dropout_wrapper_seed_position", '003 "rnn_cell.DropoutWrapper()" "def __init__(self,cell, '
       'input_keep_prob=1.0,output_keep_prob=1.0, seed=None)"',
       "DropoutWrapper(cell, input_keep_prob, output_keep_prob, seed)",
       "seed is the 8th parameter (after state_keep_prob, variational_recurrent, input_size, "
       "dtype): a positional seed lands in state_keep_prob (ValueError for 5)",
       "tf.nn.rnn_cell.DropoutWrapper(cell, input_keep_prob=..., output_keep_prob=..., "
       "seed=...)", "dropout_wrapper_input_keep_prob", ("notes_positional_seed", "type"),
       "ValueError"),
    _e("print_tensors_format", '003 "print_tensors_in_checkpoint_file" output',
       "tensor_name:  variable_1 / 1.0", "each tensor prints as 'tensor: variable_1 (float32) []'",
       "tf.train.list_variables(path) for names and shapes", "saver_keys", ("printed", 0),
       "tensor: variable_1 (float32) []"),
    _e("saver_lastfile_name", '000 "保存模型"',
       "save.Saver(sess=sess, save_path=..., global_step=..., lastfile_name=...)",
       "the method is Saver.save and the keyword latest_filename: the state file's name",
       "saver.save(sess, save_path, global_step=step, latest_filename='checkpoint')",
       "saver_max_to_keep_and_state", ("latest_filename_first_line",),
       'model_checkpoint_path: "<dir>/other"'),
    _e("image_max_images", '003 "tf.summary.image(tag, tensor, max_images=3, …)"',
       "max_images=3", "the keyword is max_outputs; max_images is a TypeError",
       "tf.summary.image(tag, tensor, max_outputs=3)", "summary_ops",
       ("image_max_images", "type"), "TypeError"),
    _e("summary_distribution", '003 "3、tf.summary.distribution"', "tf.summary.distribution",
       "there is no such op: TensorBoard's distributions come from histogram summaries",
       "tf.summary.histogram(tag, values)", "summary_ops", ("distribution", "type"),
       "AttributeError"),
    _e("slim_conv2d", '003 deconv examples "from tensorflow.contrib import slim"',
       "slim.conv2d(inputs, num_outputs=20, kernel_size=3, stride=4)", "tf.contrib is gone",
       "tf.layers.conv2d(inputs, 20, 3, strides=4, padding='same', activation=tf.nn.relu)",
       "conv2d_transpose_static_error", ("conv1_shape",), [3, 25, 25, 20]),
    _e("deconv_static_message", '003 deconv "ValueError: Shapes (3, 33, 33, 20) and (3, 25, 25, '
       '20) are not compatible"', "ValueError: Shapes (3, 33, 33, 20) and (3, 25, 25, 20) are "
       "not compatible", "still a ValueError when differentiated, worded 'Incompatible shapes "
       "between op input and calculated input gradient'",
       "an output_shape whose forward conv gives the input's size", "conv2d_transpose_static_error",
       ("gradient", "message"), "Incompatible shapes between op input and calculated input "
       "gradient. Forward operation: conv2d_transpose. Input index: 2. Original input shape: "
       "(3, 25, 25, 20). Calculated input gradient shape: (3, 33, 33, 20)"),
    _e("deconv_runtime_message", '003 deconv "Conv2DSlowBackpropInput: Size of out_backprop '
       'doesn\'t match computed"', "InvalidArgumentError: Conv2DSlowBackpropInput: Size of "
       "out_backprop doesn't match computed: actual = 25, computed = 33",
       "the kernel is Conv2DCustomBackpropInput (message extended); with oneDNN (the x86 "
       "default) it is an AbortedError without the sizes",
       "an output_shape whose forward conv gives the input's size",
       "conv2d_transpose_runtime_error", ("error", "message"),
       "Conv2DCustomBackpropInput: Size of out_backprop doesn't match computed: actual = 25, "
       "computed = 33 spatial_dim: 1 input: 97 filter: 3 output: 25 stride: 3 dilation: 1",
       setting="onednn_off"),
    _e("contrib_regularizers", '003 "tf.contrib.layers.l1_regularizer(scale,scope=None)"',
       "tf.contrib.layers.l1_regularizer / l2_regularizer / sum_regularizer / "
       "apply_regularization", "tf.contrib is gone; tf_keras L2(scale) is twice contrib's l2",
       "reference.contrib.regularizers.* (or tf.keras.regularizers.L1(s), L2(s / 2))",
       "regularizer_values", ("keras_l2",), 1.399999976158142),
    _e("regularizers_network", '003 5-layer network with a \'losses\' collection',
       "def get_weight(shape, lambda); shape=(none, 1); tf.constant(0.1, shape(out_dimension)); "
       "tf.nn.relu(tf.matmul(x, weight)) + bias)",
       "lambda is a keyword (SyntaxError), none is undefined, shape( is a call, the layer input "
       "must be cur_layer, and the parentheses do not match",
       "get_weight(shape, lambda_); shape=(None, 1); tf.constant(0.1, shape=[out_dimension]); "
       "tf.nn.relu(tf.matmul(cur_layer, weight) + bias)", "losses_collection_network",
       ("entries",), 5),
    _e("flags_bool_value", '003 "python tt.py –str_name test_str–int_name 99 –bool_name True"',
       "--bool_name True", "a boolean flag takes no separate value: 'True' is left over as an "
       "argument", "--bool_name or --bool_name=true", "flags_parse",
       ("notes_command", "unparsed"), ["True"]),
    _e("flags_en_dash", '003 "python tt.py –str_name test_str–int_name 99 –bool_name True"',
       "–str_name test_str–int_name 99 –bool_name True (en dashes, a missing space)",
       "nothing is parsed: the five words stay arguments, every flag keeps its default",
       "--str_name test_str --int_name 99 --bool_name True",
       "flags_parse", ("en_dash_full_line", "unparsed"),
       ["–str_name", "test_str–int_name", "99", "–bool_name", "True"]),
    _e("main_without_argv", '003 "TypeError: main() takes no arguments (1 given)"',
       "TypeError: main() takes no arguments (1 given)",
       "Python 3 words it 'main() takes 0 positional arguments but 1 was given'",
       "def main(argv): ... ; absl.app.run(main)", "flags_parse",
       ("main_without_argv", "type"), "TypeError"),
    _e("tfdbg_curses_ui", '003 tfdbg "Tips : debug 界面中下划线的东西都是可以用鼠标点一下"',
       "the debug screen's underlined items can be clicked with the mouse (the curses UI)",
       "the curses UI was removed: only the readline CLI is left, driven by typed commands",
       "LocalCLIDebugWrapperSession(sess, ui_type='readline'); type run / run -f has_inf_or_nan",
       "cli_ui_types", ("supported",), ["readline"]),
)


def value_at(observation, key):
    """The part of ``observation`` that ``key`` (a tuple of keys and indexes) points to."""
    for part in key:
        observation = observation[part]
    return observation
