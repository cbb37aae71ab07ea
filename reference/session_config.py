"""ConfigProto: placement logging, soft placement, GPU memory options; where slots go.

Reproduces: note 003 "tf.ConfigProto一般用在创建session的时候" (log_device_placement,
allow_soft_placement), "控制GPU资源使用率" (gpu_options.allow_growth,
GPUOptions(per_process_gpu_memory_fraction=0.7)) and "# Create an optimizer.optimizer必须和
variable在一个设备上声明" (where an optimizer's slots and updates go, on two CPU devices).
Device names are made to never exist on this machine (one past the GPU count), so the results
do not depend on the hardware.
"""
from reference.tf1 import tf
from reference.tf1 import tf2

from reference import towers
from reference.catalogue import quiet
from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session


@demo('003 "tf.ConfigProto(log_device_placement=True,allow_soft_placement=True)"',
      ["log_device_placement=True prints 'name: (OpType): device' for each op on stdout",
       "an op pinned to a device that does not exist fails without soft placement: "
       "InvalidArgumentError 'Cannot assign a device for operation'",
       "allow_soft_placement=True runs it on a device that exists instead (the CPU here)"])
def device_placement():
    missing_gpu = f"/device:GPU:{len(tf2.config.list_physical_devices('GPU'))}"
    printed = []
    with fresh_session(config=tf.ConfigProto(log_device_placement=True)) as session:
        b = tf.add(tf.constant(1.0, name="a"), 2.0, name="b")
        with quiet.captured_fd(1, printed):
            value = session.run(b)
    got = {"value": value,
           "log": sorted(line.rsplit(": ", 1)[0] for line in printed),
           "log_names_devices": all(line.rsplit(": ", 1)[1].startswith(
               "/job:localhost/replica:0/task:0/device:") for line in printed)}
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, name="x")  # fed, so that c is not folded away
        with tf.device(missing_gpu):
            c = tf.add(x, 2.0, name="c")
        with tf.Session() as session:
            got["hard"] = error_of(session.run, c, {x: 1.0})
        soft = tf.ConfigProto(allow_soft_placement=True)
        with tf.Session(config=soft) as session:
            metadata = tf.RunMetadata()
            got["soft"] = session.run(c, {x: 1.0}, options=tf.RunOptions(
                trace_level=tf.RunOptions.FULL_TRACE), run_metadata=metadata)
            placed = {d.device.split("/device:")[-1] for d in metadata.step_stats.dev_stats
                      if any(n.node_name == "c" for n in d.node_stats)}
            existing = {d.name.split("/device:")[-1] for d in tf2.config.list_logical_devices()}
            got["soft_placed_on_existing_device"] = len(placed) == 1 and placed <= existing
    return got


@demo('003 "控制GPU资源使用率" (allow_growth, per_process_gpu_memory_fraction)',
      ["config.gpu_options.allow_growth = True sets the proto field",
       "GPUOptions(per_process_gpu_memory_fraction=0.7) goes in ConfigProto(gpu_options=...)",
       "a session accepts either config (on a CPU-only machine they have no effect)"])
def gpu_options():
    growth = tf.ConfigProto()
    growth.gpu_options.allow_growth = True
    fraction = tf.ConfigProto(gpu_options=tf.GPUOptions(per_process_gpu_memory_fraction=0.7))
    results = []
    for config in (growth, fraction):
        with fresh_session(config=config) as session:
            results.append(session.run(tf.constant(1.0) + 1.0))
    return {"allow_growth": growth.gpu_options.allow_growth,
            "fraction": round(fraction.gpu_options.per_process_gpu_memory_fraction, 6),
            "text": [str(growth).strip(), str(fraction).strip()], "results": results}


@demo('003 "# Create an optimizer.optimizer必须和variable在一个设备上声明"',
      ["the optimizer's constructor builds no op: where it is created does not matter",
       "MomentumOptimizer(0.1, 0.9) created and applied under tf.device('/cpu:1') (a session "
       "with two CPU devices) still puts its slot w/Momentum and the ApplyMomentum update on "
       "w's device CPU:0; only the gradient ops follow the scope to CPU:1",
       "one step on loss w * w from w = 3.0: gradient 6, accumulator 0.9 * 0 + 6 = 6.0, "
       "w = 3.0 - 0.1 * 6.0 = 2.4"])
def optimizer_slots_follow_the_variable():
    with fresh_session(config=towers.cpu_towers_config(2)) as session:
        with tf.device("/cpu:0"):
            w = tf.Variable(3.0, name="w")
        loss = tf.square(w, name="loss")
        with tf.device("/cpu:1"):
            ops_before = len(session.graph.get_operations())
            optimizer = tf.train.MomentumOptimizer(0.1, 0.9)
            constructor_ops = len(session.graph.get_operations()) - ops_before
            ((gradient, _),) = optimizer.compute_gradients(loss)
            train_op = optimizer.apply_gradients([(gradient, w)])
        slot = optimizer.get_slot(w, "momentum")
        session.run(tf.global_variables_initializer())
        first_gradient = session.run(gradient)
        session.run(train_op)
        return {"constructor_ops": constructor_ops,
                "devices": {"w": w.device, "slot": [slot.op.name, slot.device],
                            "updates": [[op.type, op.device] for op in train_op.control_inputs],
                            "gradient": gradient.device},
                "first_gradient": first_gradient,
                "after_one_step": session.run({"w": w, "slot": slot})}
