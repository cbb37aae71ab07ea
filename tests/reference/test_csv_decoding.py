"""Decoding CSV lines (note 003 "tensorflow 输入流水线"): values, types, epochs, errors."""
from tests.reference.versioned import observe


def test_notes_example_stacks_four_columns_and_keeps_the_fifth_as_label():
    assert observe("csv_notes_example") == {
        "one_line": [[1, 10, 100, 1000], 1], "one_line_shape": [4],
        # row r of file0.csv (1..3), then file1.csv (4, 5): r, 10r, 100r, 1000r, label r % 2
        "batches": [[[[r, 10 * r, 100 * r, 1000 * r]], [r % 2]] for r in [1, 2, 3, 4, 5]],
        "features_shape": [1, 4], "dtypes": ["int32", "int32"]}


def test_record_defaults_fill_empty_columns_and_give_the_types():
    assert observe("csv_record_defaults") == {
        "values": [7, 2.5, "a,b", "filled"], "dtypes": ["int32", "float32", "string", "string"],
        "required_empty": {"type": "InvalidArgumentError", "node": "DecodeCSV_1",
                           "message": "Field 1 is required but missing in record 0!"}}


def test_two_epochs_then_out_of_range_and_batches_span_files_and_epochs():
    assert observe("csv_epochs_then_out_of_range") == {
        "batches": [[1, 2, 3], [4, 5, 1], [2, 3, 4]],  # 10 rows: the 10th is left over
        "next_run": {"type": "OutOfRangeError", "node": "batch",
                     "message": "FIFOQueue '_N_batch/fifo_queue' is closed and has insufficient "
                                "elements (requested 3, current size 1)"}}


def test_wrong_column_count_and_a_vanished_file():
    assert observe("csv_decoding_errors") == {
        "decode_csv": {"type": "InvalidArgumentError", "node": "DecodeCSV",
                       "message": "Expect 5 fields but have 4 in record 0"},
        "wrong_column_count": {"type": "InvalidArgumentError",  # line 3, after the header
                               "message": "assertion failed: [<dir>/bad.csv:3: 4 columns, "
                                          "expected 5]"},
        "file_removed": {"type": "NotFoundError",
                         "message": "<dir>/doomed.csv; No such file or directory"}}


def int64(value, fetched, shape):
    return {"v": {"value": value, "dtype": "int64", "fetched": fetched, "shape": shape}}


def test_the_notes_program_reads_two_shuffled_epochs_in_ten_reads():
    got = observe("csv_notes_program")
    rows = {r: [[r, 10 * r, 100 * r, 1000 * r], r % 2] for r in range(1, 6)}
    file0 = [rows[r] + [f"<dir>/file0.csv:{r}"] for r in (1, 2, 3)]
    file1 = [rows[r] + [f"<dir>/file1.csv:{r - 3}"] for r in (4, 5)]
    reads = got["reads"]
    # each epoch is both files, whole and in order, in either file order
    for epoch in (reads[:5], reads[5:]):
        assert epoch in (file0 + file1, file1 + file0)
    assert reads == file0 + file1 + file1 + file0  # graph seed 1
    assert got["local_variables"] == []  # no num_epochs: no epoch counter, no end
