"""The runs the ptb_tf2 tests look at, made once; skipped under TensorFlow 2.15.

``world``: one epoch of the test config on a small PTB directory. TF1 trains it (this process,
as ``python -m`` runs it); one TF2 child converts TF1's initial checkpoint and trains the same
epoch from it, converts TF1's trained checkpoint and evaluates it, converts its own trained
one back (which TF1 then evaluates), and runs the converter's and the TF2 script's usage
errors, and reads the committed PTB checkpoint fixtures.

The TF2-native PTB scripts are written for Keras 3, which TensorFlow 2.15 does not install
(its ``keras`` is 2.15): under 2.15 these tests are skipped, saying so.
"""
import pathlib

from reference.tf1 import tf

import pytest

from reference.catalogue import fixtures
from tests import conftest
from tests import faults
from tests.conftest import TF_MINOR
from tests.experiments.ptb_tf2 import jobs

HERE = pathlib.Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    if TF_MINOR >= 16:
        return
    for item in items:
        if HERE in pathlib.Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.skip(reason="experiments.ptb_tf2 is written for Keras 3; "
                                                    "TensorFlow 2.15 installs Keras 2.15"))


WORDS = [f"w{(i * i + 5 * i) % 37}" for i in range(4000)]
TEXTS = (" ".join(WORDS[:3000]), " ".join(WORDS[3000:3800]), " ".join(WORDS[3800:]))
VOCAB = 19  # the distinct words of the training text (one line: no <eos>)
EPOCH_STEPS = 74  # (3000 words // batch 20 - 1) // 2 steps


def _tf1(*args):
    return conftest.run_module("experiments.ptb", "--model=test", "--max_max_epoch=1", *args)


def _convert(source, target, model="test"):
    return {"run": ["experiments.ptb_convert", f"--from={source}", f"--to={target}",
                    f"--model={model}"]}


def _tf2(*args):
    return {"run": ["experiments.ptb_tf2", "--model=test", "--max_max_epoch=1", *args]}


@pytest.fixture(scope="session")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("move")
    data = root / "data"
    data.mkdir()
    data_path = f"--data_path={conftest.write_ptb_dir(data, *TEXTS)}"
    d = {name: root / name
         for name in ("tf1", "tf2", "tf1_in_tf2", "tf2_in_tf1", "other", "damaged", "full")}
    tf1_run = _tf1(data_path, "--seed=1", f"--save_path={d['tf1']}")
    with tf.Graph().as_default(), tf.Session() as session:  # a checkpoint of no PTB model
        weights = tf.Variable([1.0, 2.0], name="w")
        session.run(weights.initializer)
        tf.train.Saver().save(session, str(d["other"] / "model.ckpt"), global_step=3)
    todo = {  # run in this order: each conversion and run uses what the ones before wrote
        "convert_init": _convert(d["tf1"] / "model.ckpt-0", d["tf2"]),
        "tf2_train": _tf2(data_path, f"--save_path={d['tf2']}"),
        "convert_tf1": _convert(d["tf1"], d["tf1_in_tf2"]),
        "tf2_eval": _tf2(data_path, f"--save_path={d['tf1_in_tf2']}"),
        "convert_tf2": _convert(d["tf2"], d["tf2_in_tf1"]),
        "other_config": _convert(d["tf1"], root / "unused", model="small"),
        "target_taken": _convert(d["tf1"], d["tf1_in_tf2"]),
        "missing": _convert(root / "nothing", root / "unused"),
        "not_ptb": _convert(d["other"], root / "unused"),
        "unwritable": _convert(d["tf1"], "/proc/ptb"),
        "bad_model": {"run": ["experiments.ptb_tf2", "--model=huge"]},
        "bad_data": {"run": ["experiments.ptb_tf2", f"--data_path={root / 'nothing'}"]},
        "extra_argument": {"run": ["experiments.ptb_tf2", "extra"]},
        "fixture_tf1": {"read": str(fixtures.PTB_TF1), "model": "test"},
        "fixture_tf2": {"read": str(fixtures.PTB_TF2), "model": "test"},
        "unwritable_save_path": {"run": ["experiments.ptb_tf2", "--save_path=/proc/x"]},
        "copy": {"copy": [str(d["tf2"]), str(d["damaged"])]},  # tf2's trained checkpoints
        "another_model": {"run": ["experiments.ptb_tf2", "--model=small", data_path,
                                  f"--save_path={d['damaged']}"]},
        "damage": {"damage": str(d["damaged"] / f"ckpt-{EPOCH_STEPS}.data-00000-of-00001")},
        "resume_past_damage": _tf2(data_path, "--max_max_epoch=2",
                                   f"--save_path={d['damaged']}"),
        # the child's writes of this checkpoint's files find a full disk (faults.full_files_env)
        "full_disk": _tf2(data_path, f"--save_path={d['full']}"),
    }
    library = faults.full_files_library()
    env = faults.full_files_env(library, d["full"], f"ckpt-{EPOCH_STEPS}") if library else None
    runs = dict(zip(todo, jobs.in_tf2_child(root, list(todo.values()), env=env)))
    runs["full_disk"]["injected"] = env is not None
    back = _tf1(data_path, f"--save_path={d['tf2_in_tf1']}")
    return d, tf1_run, runs, back
