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
       "sequence_loss_by_example_values", ("averaged",),
       [0.6931471824645996, 0.6931471824645996]),
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
    _e("flags_en_dash", '003 "python tt.py –str_name test_str–int_name 99"',
       "–str_name test_str–int_name 99 (en dashes, a missing space)",
       "nothing is parsed: the words stay arguments", "--str_name test_str --int_name 99",
       "flags_parse", ("en_dash", "str_name"), "def_v_1"),
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
