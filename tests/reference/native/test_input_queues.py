"""The TF2-native counterparts of reference/input_queues.py against the TF1 demonstrations."""
from tests.reference.native.equivalence import same

END = {"type": "OutOfRangeError",  # an iterator's get_next past the end of one-component data
       "message": "{{function_node __wrapped__IteratorGetNext_output_types_1_device_/job:"
                  "localhost/replica:0/task:0/device:CPU:0}} End of sequence "
                  "[Op:IteratorGetNext] name:"}


def test_a_dataset_yields_the_components_in_order(native, tf1_as_recorded):
    tf1 = tf1_as_recorded["fifo_enqueue_many_example"]
    assert same(native["dataset_of_components"], tf1, tf1) == dict.fromkeys(tf1, 0.0)


def test_a_dataset_ends_where_a_queue_blocked(native, tf1_as_recorded):
    got, tf1 = native["dataset_never_blocks"], tf1_as_recorded["queue_blocking_and_deadlines"]
    assert same(got, tf1, ["dequeued"]) == {"dequeued": 0.0}
    assert tf1["empty_dequeue_blocks"] is True and got["end_of_data"] == END
    # no capacity to exceed: all of both parts, where the cancelled enqueue_many kept what fit
    assert tf1["after_cancelled_enqueue_many"] == [1, 2, 3, 4, 5]
    assert got["concatenated_unbounded"] == [1, 2, 3, 4, 5, 6, 7]
    # dequeue_up_to(4) / dequeue_many(4) of 3 blocked; batch(4) gives the 3, or nothing
    assert got["batch_4_of_3"] == [[1, 2, 3]] and got["batch_4_of_3_drop_remainder"] == []


def test_the_end_of_a_finite_dataset_acts_as_a_closed_queue(native, tf1_as_recorded):
    got, tf1 = native["end_of_a_finite_dataset"], tf1_as_recorded["closed_queue_errors"]
    assert same(got, tf1, ["dequeue_up_to_3"]) == {"dequeue_up_to_3": 0.0}
    assert got["dequeue_up_to_3"] == [1, 2]
    assert tf1["dequeue_many_3"]["type"] == got["get_next_at_the_end"]["type"]
    assert got["batch_3_drop_remainder"] == [] and got["get_next_at_the_end"] == END


def test_a_seeded_shuffle_buffer_permutes_the_same_numbers(native, tf1_as_recorded):
    got, tf1 = native["shuffle_buffer"], tf1_as_recorded["random_shuffle_min_after_dequeue"]
    assert sorted(got["order"]) == sorted(tf1["first_two"] + tf1["after_close"])
    assert got["order"] == got["again"] == [11, 13, 14, 10, 12]  # set_seed(1), seed=1
    assert got["order"][0] in (10, 11, 12)  # drawn from a buffer of the first 3
    assert got["no_buffer"] == [10, 11, 12, 13, 14]


def test_repeat_gives_the_epochs_and_shuffle_permutes_each(native, tf1_as_recorded):
    got, tf1 = native["filenames_dataset_epochs"], tf1_as_recorded["string_input_producer_epochs"]
    assert same(got, tf1, ["shuffle_False"]) == {"shuffle_False": 0.0}
    names = tf1["shuffle_False"][:3]
    shuffled = got["shuffle_True"]
    assert sorted(shuffled[:3]) == sorted(shuffled[3:]) == names  # each epoch: all three
    assert shuffled == ["<dir>/file1.csv", "<dir>/file2.csv", "<dir>/file0.csv",
                        "<dir>/file0.csv", "<dir>/file1.csv", "<dir>/file2.csv"]


def test_the_ptb_windows_from_a_range_dataset(native, tf1_as_recorded):
    got, tf1 = native["ptb_dataset_windows"], tf1_as_recorded["ptb_producer_windows"]
    keys = ["batches", "shape", "dtype"]
    assert same(got, tf1, keys) == dict.fromkeys(keys, 0.0)
    assert got["epoch_size"] == 2  # (10 // 2 - 1) // 2: the third batch starts over
    assert got["too_short"] == {  # eagerly, before any dataset: not in a runner's thread
        "type": "InvalidArgumentError",
        "message": "epoch_size == 0, decrease batch_size or num_steps."}
    assert tf1["too_short_join"]["message"].startswith(
        "assertion failed: [epoch_size == 0, decrease batch_size or num_steps.")


def test_a_text_line_dataset_reads_without_runners(native, tf1_as_recorded):
    got, tf1 = native["text_line_dataset_reads_at_once"], tf1_as_recorded[
        "read_without_queue_runners_blocks"]
    assert same(got, tf1, ["with_runners"]) == {"with_runners": 0.0}
    assert got == {"with_runners": "1,2"}


def test_a_dataset_batches_without_runner_threads(native, tf1_as_recorded):
    got, tf1 = native["dataset_without_runner_threads"], tf1_as_recorded["queue_runner_threads"]
    assert same(got, tf1, ["batch"]) == {"batch": 0.0}  # [7, 7, 7]
    assert got["threads_added"] == 0  # TF1: 4 enqueue threads and a closer, started, joined
    assert len(tf1["started"]) == 5 and tf1["threads_after_join"] == []


def test_shuffle_and_batch_give_shuffle_batchs_shapes_with_one_buffer_size(native,
                                                                          tf1_as_recorded):
    got, tf1 = native["dataset_shuffle_and_batch_specs"], tf1_as_recorded[
        "producer_and_shuffle_batch_structure"]
    assert got["producer_element"] == "string"  # the names, as the FIFOQueue held them
    assert got["shapes"] == tf1["shuffle_batch"]["shapes"] == [[4, 4], [4]]
    # one buffer size, no capacity to check it against: a buffer of 2 still fills a batch of 4
    assert got["buffer_below_a_batch"] == [[[1, 10, 100, 1000]] * 4, [1] * 4]
    assert tf1["capacity_below_min_after_dequeue"]["type"] == "ValueError"
