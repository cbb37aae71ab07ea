"""The TF2-native counterparts of reference/tfrecord_decoding.py against the TF1
demonstrations."""
from tests.reference.native.equivalence import same

PARSE = ("{{function_node __wrapped__ParseExampleV2_Tdense_1_num_sparse_0_ragged_split_types_0_"
         "ragged_value_types_0_sparse_types_0_device_/job:localhost/replica:0/task:0/device:"
         "CPU:0}} ")
GET_NEXT = ("{{function_node __wrapped__IteratorGetNext_output_types_1_device_/job:localhost/"
            "replica:0/task:0/device:CPU:0}} ")


def test_fixed_len_int64_parses_as_in_tf1(native, tf1_as_recorded):
    got, tf1 = native["parse_fixed_len_int64"], tf1_as_recorded["tfrecord_fixed_len_int64"]
    keys = ["one_as_scalar", "one_as_vector", "two_as_vector", "int64_list_of_float"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    tf1_error = tf1["two_as_scalar"]["raised"]
    assert got["two_as_scalar"] == {"raised": {  # eagerly: no node, the op's prefix and suffix
        "type": tf1_error["type"],
        "message": PARSE + tf1_error["message"] + " [Op:ParseExampleV2]"}}


def test_bytes_and_float32_parse_as_in_tf1(native, tf1_as_recorded):
    tf1 = tf1_as_recorded["tfrecord_bytes_and_float32"]
    assert same(native["parse_bytes_and_float32"], tf1, tf1) == dict.fromkeys(tf1, 0.0)


def test_var_len_feature_is_the_same_sparse_tensor(native, tf1_as_recorded):
    got, tf1 = native["parse_var_len_sparse"], tf1_as_recorded["tfrecord_var_len_sparse"]
    assert same(got, tf1, tf1) == dict.fromkeys(tf1, 0.0)
    assert got["dense"] == [[5, 0, 0], [6, 7, 8], [0, 0, 0]]


def test_scanned_offsets_give_the_readers_keys(native, tf1_as_recorded):
    tf1 = tf1_as_recorded["tfrecord_reader_keys"]
    assert same(native["records_dataset_keys"], tf1, tf1) == dict.fromkeys(tf1, 0.0)


def test_a_damaged_file_is_a_data_loss_error_and_reading_file_by_file_names_it(
        native, tf1_as_recorded):
    got, tf1 = native["records_dataset_data_loss"], tf1_as_recorded["tfrecord_data_loss"]
    for how, cause in [("flipped", "corrupted record at 12"),
                       ("truncated", "truncated record at 60' failed with Read less bytes than "
                                     "requested")]:
        assert got[how]["cause"] == tf1[how]["dataset"]["message"] == cause
        assert got[how]["dataset"] == {
            "type": "DataLossError", "message": GET_NEXT + cause + " [Op:IteratorGetNext] name:"}
        named = tf1[how]["dataset_named"]
        assert got[how]["dataset_named"] == {"type": named["type"], "message": named["message"]}
