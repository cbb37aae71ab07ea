"""Session options the TF2 way: process-wide ``tf.config`` settings, most frozen at start.

Replaces ``reference/session_config.py``. There is no session to configure: placement logging
is ``tf.debugging.set_log_device_placement``, soft placement ``tf.config.set_soft_device_placement``
(on by default in TF2), GPU memory growth ``tf.config.experimental.set_memory_growth`` and a
memory cap a logical device's ``memory_limit`` (in MB: the counterpart of
``per_process_gpu_memory_fraction``, which has no direct one), threads
``tf.config.threading``. Most must be set before the runtime initializes (the first op, or
``list_logical_devices``): afterwards threads and logical devices raise RuntimeError, and
``set_log_device_placement`` is accepted but logs nothing. The counterparts run in a process
already started, so they observe those errors, and run the start-up settings in a fresh Python
process of their own. Soft placement can change at any time; it is restored after use. A
Keras optimizer, as TF1's, creates its slot (the momentum) on its variable's device whatever
``tf.device`` it is used under; that needs two logical CPUs, so it too runs in a fresh process.
"""
import json
import os
import re
import subprocess
import sys

import tensorflow as tf

from reference.catalogue import quiet
from reference.catalogue.observed import error_of
from reference.native.registry import counterpart

AT_START = """
import json
import tensorflow as tf
(cpu,) = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
tf.config.threading.set_inter_op_parallelism_threads(2)
tf.debugging.set_log_device_placement(True)
b = tf.function(lambda: tf.add(tf.constant(1.0, name="a"), 2.0, name="b"))
print(json.dumps({"value": b().numpy().item(), "inter_op_threads":
                  tf.config.threading.get_inter_op_parallelism_threads(),
                  "logical_devices": [d.name for d in tf.config.list_logical_devices("CPU")]}))
"""
SLOTS = """
import json
import keras
import tensorflow as tf
(cpu,) = tf.config.list_physical_devices("CPU")
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
with tf.device("/cpu:0"):
    w = tf.Variable(3.0, name="w")
with tf.device("/cpu:1"):
    optimizer = keras.optimizers.SGD(0.1, momentum=0.9)
    with tf.GradientTape() as tape:
        loss = tf.square(w)
    gradient = tape.gradient(loss, w)
    optimizer.apply_gradients([(gradient, w)])
(momentum,) = [v for v in optimizer.variables if v.name.endswith("momentum")]
short = lambda device: device.split("/replica:0/task:0")[-1]
print(json.dumps({"devices": {"w": short(w.device), "slot": [momentum.path, short(
                      momentum.value.device)], "gradient": short(gradient.device)},
                  "first_gradient": gradient.numpy().item(),
                  "after_one_step": {"w": w.numpy().item(), "slot": momentum.numpy().item()}}))
"""
PLACED = re.compile(r"(\S+: \(\w+\)): (/job:\S+)")  # the placer's "name: (OpType): device"


def _fresh_process(code):
    """The lines ``code`` prints, run by a fresh Python (TF2 behaviour, runtime not started)."""
    env = {k: v for k, v in os.environ.items() if k != "TF_USE_LEGACY_KERAS"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, timeout=120, check=True).stdout.splitlines()


def _at_start():
    """The start-up settings in a fresh process: its observation and its placement log."""
    *log, last = _fresh_process(AT_START)
    placed = [PLACED.fullmatch(line) for line in log]
    return dict(json.loads(last), log=sorted(m.group(1) for m in placed if m),
                log_names_devices=all(m and m.group(2).startswith(
                    "/job:localhost/replica:0/task:0/device:") for m in placed))


@counterpart(["device_placement"], "tf.debugging.set_log_device_placement; "
             "tf.config.set_soft_device_placement; tf.device; tf.config.threading and "
             "set_logical_device_configuration (before start-up, in a fresh process)")
def tf_config_placement(tf1):
    missing_gpu = f"/device:GPU:{len(tf.config.list_physical_devices('GPU'))}"
    existing = {d.name for d in tf.config.list_logical_devices()}  # the runtime is up now
    printed = []
    tf.debugging.set_log_device_placement(True)
    try:
        with quiet.captured_fd(1, printed):
            value = tf.function(lambda: tf.add(tf.constant(1.0, name="a"), 2.0, name="b"))()
    finally:
        tf.debugging.set_log_device_placement(False)

    def add_on_missing_gpu():
        with tf.device(missing_gpu):
            return tf.add(tf.constant(1.0), 2.0, name="c")

    soft = tf.config.get_soft_device_placement()
    try:
        tf.config.set_soft_device_placement(False)
        hard = error_of(add_on_missing_gpu)
        tf.config.set_soft_device_placement(True)
        placed = add_on_missing_gpu()
    finally:
        tf.config.set_soft_device_placement(soft)
    return {"value": value.numpy(), "log_after_start_up": printed, "soft_by_default": soft,
            "hard": hard, "soft": placed.numpy(),
            "soft_placed_on_existing_device": placed.device.split("/job:localhost/replica:0/"
                                                                  "task:0")[-1] in existing,
            "threads_after_start_up": error_of(
                tf.config.threading.set_inter_op_parallelism_threads, 2),
            "at_start_up": _at_start()}


@counterpart(["gpu_options"], "tf.config.experimental.set_memory_growth (GPUs only); "
             "tf.config.LogicalDeviceConfiguration(memory_limit=MB); "
             "tf.config.set_logical_device_configuration")
def tf_config_memory(tf1):
    (cpu,) = tf.config.list_physical_devices("CPU")
    tf.config.list_logical_devices()  # the runtime is up, as in any process that ran an op
    limit = tf.config.LogicalDeviceConfiguration(memory_limit=700)
    return {"memory_growth_on_cpu": error_of(tf.config.experimental.set_memory_growth, cpu,
                                             True),
            "memory_limit_mb": limit.memory_limit,
            "memory_limit_on_cpu": error_of(tf.config.set_logical_device_configuration, cpu,
                                            [limit]),
            "logical_devices_after_start_up": error_of(
                tf.config.set_logical_device_configuration, cpu,
                [tf.config.LogicalDeviceConfiguration()] * 2),
            "results": [(tf.constant(1.0) + 1.0).numpy() for _ in range(2)]}


@counterpart(["optimizer_slots_follow_the_variable"], "keras.optimizers.SGD(0.1, momentum=0.9)"
             ".apply_gradients under tf.device('/cpu:1') with w on /cpu:0 (two logical CPUs, "
             "in a fresh process); tf.GradientTape")
def keras_slots_follow_the_variable(tf1):
    return json.loads(_fresh_process(SLOTS)[-1])
