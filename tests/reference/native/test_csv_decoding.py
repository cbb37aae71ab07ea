"""The TF2-native counterparts of reference/csv_decoding.py against the TF1 demonstrations."""
from tests.conftest import TF_MINOR
from tests.reference.native.equivalence import same


def node(op, types):
    """The prefix an eager error of ``op`` carries."""
    return (f"{{{{function_node __wrapped__{op}_{types}_device_/job:localhost/replica:0/task:0/"
            f"device:CPU:0}}}} ")


def test_decode_csv_in_a_text_line_dataset_gives_the_notes_batches(native, tf1_as_recorded):
    tf1 = tf1_as_recorded["csv_notes_example"]
    assert same(native["text_lines_decoded"], tf1, tf1) == dict.fromkeys(tf1, 0.0)


def test_record_defaults_fill_and_type_the_columns(native, tf1_as_recorded):
    got, tf1 = native["decode_csv_defaults"], tf1_as_recorded["csv_record_defaults"]
    assert same(got, tf1, ["values", "dtypes"]) == {"values": 0.0, "dtypes": 0.0}
    assert got["required_empty"] == {
        "type": tf1["required_empty"]["type"],
        "message": node("DecodeCSV", "OUT_TYPE_2") + tf1["required_empty"]["message"]
        + " [Op:DecodeCSV]"}


def test_csv_dataset_repeat_and_batch_drop_the_short_batch(native, tf1_as_recorded):
    got, tf1 = native["csv_dataset_epochs"], tf1_as_recorded["csv_epochs_then_out_of_range"]
    assert same(got, tf1, ["batches"]) == {"batches": 0.0}
    assert got["next_run"] == {
        "type": tf1["next_run"]["type"],
        "message": node("IteratorGetNext", "output_types_5") + "End of sequence "
                   "[Op:IteratorGetNext] name:"}


def test_csv_errors_and_naming_the_file_and_line(native, tf1_as_recorded):
    got, tf1 = native["csv_errors_in_datasets"], tf1_as_recorded["csv_decoding_errors"]
    assert got["decode_csv"] == {
        "type": "InvalidArgumentError",
        "message": node("DecodeCSV", "OUT_TYPE_5") + tf1["decode_csv"]["message"]
        + " [Op:DecodeCSV]"}
    assert got["csv_dataset"] == {  # CsvDataset drops even the record index
        "type": "InvalidArgumentError",
        "message": node("IteratorGetNext", "output_types_5") + "Expect 5 fields but have 4 in "
                   "record [Op:IteratorGetNext] name:"}
    # from TF 2.17 on the map function is named between the prefix and the cause
    context = ("Error in user-defined function passed to MapDataset:N transformation with "
               "iterator: Iterator::Root::ParallelMapV2: " if TF_MINOR >= 17 else "")
    assert got["wrong_column_count"] == {
        "type": tf1["wrong_column_count"]["type"],
        "message": node("IteratorGetNext", "output_types_5") + context
        + tf1["wrong_column_count"]["message"]}
    assert tf1["wrong_column_count"]["message"] == (
        "assertion failed: [<dir>/bad.csv:3: 4 columns, expected 5]")
    assert got["file_removed"] == {
        "type": tf1["file_removed"]["type"],
        "message": node("IteratorGetNext", "output_types_1") + tf1["file_removed"]["message"]
        + " [Op:IteratorGetNext] name:"}


def test_shuffled_files_repeated_read_whole_files_each_epoch(native, tf1_as_recorded):
    got, tf1 = native["shuffled_files_repeated"], tf1_as_recorded["csv_notes_program"]
    file0 = [[[r, 10 * r, 100 * r, 1000 * r], r % 2] for r in (1, 2, 3)]
    file1 = [[[r, 10 * r, 100 * r, 1000 * r], r % 2] for r in (4, 5)]
    # as in TF1 (whose reads also carry the reader's key): two epochs of whole files
    assert [read[:2] for read in tf1["reads"]] == file0 + file1 + file1 + file0
    for epoch in (got["reads"][:5], got["reads"][5:]):
        assert epoch in (file0 + file1, file1 + file0)
