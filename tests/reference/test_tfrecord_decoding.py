"""Decoding TFRecords (note 003 "tf.train.Feature(..)与tf.FixedLenFeature() 的对应关系"):
values, dtypes, reader keys, damaged files."""
from tests.reference.versioned import observe


def int64(value, fetched, shape):
    return {"v": {"value": value, "dtype": "int64", "fetched": fetched, "shape": shape}}


def test_one_int64_is_a_scalar_with_shape_empty_and_a_vector_with_shape_one():
    assert observe("tfrecord_fixed_len_int64") == {
        "one_as_scalar": int64(1, "int64", []), "one_as_vector": int64([1], "ndarray", [1]),
        "two_as_vector": int64([1, 2], "ndarray", [2]),
        "two_as_scalar": {"raised": {
            "type": "InvalidArgumentError",
            "node": "ParseSingleExample_3/ParseExample/ParseExampleV2",
            "message": "Key: v.  Can't parse serialized Example: Some int64_list slice was not "
                       "parsed."}},
        "int64_list_of_float": {"type": "TypeError",
                                "message": "'float' object cannot be interpreted as an integer"}}


def test_bytes_of_any_length_and_float_list_stores_float32():
    long = "a much longer byte string \x00\xff"  # the 28 bytes, byte for byte
    assert observe("tfrecord_bytes_and_float32") == {
        "bytes_scalar": [{"value": v, "dtype": "string", "fetched": "bytes", "shape": []}
                         for v in ("x", long)],
        "bytes_vector": [{"value": [v], "dtype": "string", "fetched": "ndarray", "shape": [1]}
                         for v in ("x", long)],
        "float": {"value": 0.10000000149011612, "dtype": "float32", "fetched": "float32",
                  "shape": []},  # 0.1 rounded to float32
        "proto_float": 0.10000000149011612}


def test_lists_of_varying_length_parse_as_sparse_with_var_len_feature():
    assert observe("tfrecord_var_len_sparse") == {  # lists [5], [6, 7, 8], []
        "type": "SparseTensor", "indices": [[0, 0], [1, 0], [1, 1], [1, 2]],
        "values": [5, 6, 7, 8], "dense_shape": [3, 3]}


def test_reader_keys_are_file_and_byte_offset():
    records = [("a", 0, 0), ("a", 30, 1), ("a", 60, 2), ("b", 0, 3), ("b", 30, 4)]
    assert observe("tfrecord_reader_keys") == {
        "file_bytes": [90, 60],  # 3 and 2 records of 12 + 14 + 4 bytes
        "read": [[f"<dir>/{f}.tfrecord:{offset}", n] for f, offset, n in records] * 2}


def data_loss(cause, intact):
    raw = {"queue": {"type": "DataLossError", "node": "ReaderReadV2", "message": cause},
           "dataset": {"type": "DataLossError", "node": "IteratorGetNext", "message": cause}}
    named = {f"{side}_named": dict(error, message=f"<dir>/a.tfrecord: {cause} (after {intact} "
                                                  "intact records)")
             for side, error in raw.items()}
    return {**raw, **named}


def test_damaged_file_is_a_data_loss_error_named_only_by_the_hook():
    assert observe("tfrecord_data_loss") == {
        "flipped": data_loss("corrupted record at 12", 0),  # byte 20: the first record's payload
        "truncated": data_loss("truncated record at 60' failed with Read less bytes than "
                               "requested", 2)}
