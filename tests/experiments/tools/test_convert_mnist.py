"""python -m experiments.tools.convert_mnist: idx files in, shards out; bad input is one line,
exit 2."""
from reference.tf1 import tf

import numpy as np
import pytest

from pipelines import mnist_idx
from pipelines import synthetic_digits
from tests import conftest


@pytest.mark.slow
def test_converts_idx_files_to_shards_and_reports_bad_input(tmp_path):
    images, labels = synthetic_digits.generate(7, seed=4)
    mnist_idx.write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", images)
    mnist_idx.write_idx(tmp_path / "t10k-labels-idx1-ubyte", labels)
    (tmp_path / "bad").mkdir()
    mnist_idx.write_idx(tmp_path / "bad" / "t10k-images-idx3-ubyte", labels)
    mnist_idx.write_idx(tmp_path / "bad" / "t10k-labels-idx1-ubyte", labels)
    out = tmp_path / "out"
    result = conftest.run_python("-m", "experiments.tools.convert_mnist", "--data_path",
                                 str(tmp_path), "--output", str(out), "--shards", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"{out}/t10k-00000-of-00002.tfrecord: 3 examples",
                                          f"{out}/t10k-00001-of-00002.tfrecord: 4 examples"]
    records = [r for shard in sorted(out.iterdir()) for r in tf.io.tf_record_iterator(str(shard))]
    parsed = [tf.train.Example.FromString(r).features.feature for r in records]
    assert [f["label"].int64_list.value[0] for f in parsed] == labels.tolist()
    assert np.frombuffer(parsed[6]["image_raw"].bytes_list.value[0], np.uint8).tolist() == \
        images[6].ravel().tolist()

    bad = conftest.run_python("-m", "experiments.tools.convert_mnist", "--data_path",
                              str(tmp_path / "bad"), "--output", str(out))
    assert (bad.returncode, bad.stdout) == (2, "")
    assert bad.stderr.splitlines() == [
        "experiments.tools.convert_mnist: error: --data_path: "
        f"{tmp_path}/bad/t10k-images-idx3-ubyte: "
        "magic number 0x00000801, expected 0x00000803 (idx3, unsigned bytes)"]
