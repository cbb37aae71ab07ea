"""The TF2 side of the ptb_tf2 tests, in a child process of TF2 behaviour (no TF1 bootstrap).

    python -m tests.experiments.ptb_tf2.tf2_child JOBS.json

``JOBS.json`` is a list of jobs; stdout gets the list of their results as JSON, in order:

* ``{"run": [module, arg, ...]}``: ``python -m module args`` in this process
  (``tests.inprocess``) -> ``{"status", "stdout", "stderr"}``;
* ``{"steps": n, "checkpoint": prefix, "config": {...}, "train": [ids], "vocab": v}``: the
  Keras model given the TF1 checkpoint's weights trains ``n`` batches of ``train`` carrying the
  state, at the config's first learning rate -> ``{"costs", "final_state", "weights"}``
  (the state per layer ``[c, h]``; the weights in TF1's names and layout);
* ``{"read": prefix, "model": name}``: ``convert.read`` of a PTB checkpoint of either kind
  (the TF2 kind restored into ``training.Trainer``) -> ``{"kind", "step", "weights"}``, the
  weights in TF1's names and layout as ``fixtures.digest``s;
* ``{"damage": path}``: the middle byte of the file flipped, as a bad disk does -> ``{}``;
* ``{"copy": [source, target]}``: the directory copied -> ``{}``.
"""
import json
import shutil
import sys

from tests import faults
from tests import inprocess


def _steps(job):
    import tensorflow as tf

    from experiments.ptb_tf2 import convert
    from experiments.ptb_tf2 import training
    from experiments.shared import ptb_config

    config = ptb_config.PTBConfig(**job["config"])
    _, config, weights, _ = convert.read(job["checkpoint"], config, "given")
    trainer = training.Trainer(config)
    trainer.model.load_tf1_weights(weights)
    trainer.optimizer.learning_rate.assign(config.learning_rate_at(0))
    phase = trainer.phase("Train", job["train"], config.batch_size, config.num_steps,
                          training=True)
    state, costs = trainer.model.zero_state(config.batch_size), []
    for _ in range(job["steps"]):
        inputs, targets = next(phase.batches)
        cost, state = phase.step(inputs, targets, state)
        costs.append(float(cost))
    return {"costs": costs,
            "final_state": [[tf.convert_to_tensor(t).numpy().tolist() for t in layer]
                            for layer in state],
            "weights": {k: v.tolist() for k, v in trainer.model.tf1_weights().items()}}


def _read(job):
    from experiments.ptb_tf2 import convert
    from experiments.shared import ptb_config
    from reference.catalogue import fixtures

    kind, _, weights, step = convert.read(job["read"], ptb_config.CONFIGS[job["model"]],
                                          job["model"])
    return {"kind": kind, "step": step,
            "weights": {name: fixtures.digest(value) for name, value in weights.items()}}


def _run(job):
    status, out, err = inprocess.run_module(*job["run"], shared="experiments.shared.paths")
    return {"status": status, "stdout": out, "stderr": err}


def _damage(job):
    faults.flip_middle_byte(job["damage"])
    return {}


def _copy(job):
    shutil.copytree(*job["copy"])
    return {}


def main(path):
    with open(path, encoding="utf-8") as file:
        jobs = json.load(file)
    kinds = {"steps": _steps, "read": _read, "damage": _damage, "copy": _copy}
    results = [next((kinds[k] for k in kinds if k in job), _run)(job) for job in jobs]
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
