"""Queues and producers (note 003 "Queue", "QueueRunner", "tensorflow 输入流水线", "PTBInput")."""
from tests.reference.versioned import observe


def test_notes_fifo_example_enqueue_many_takes_one_list_per_component():
    assert observe("fifo_enqueue_many_example") == {
        "dequeued": [["hello", 1], ["world", 2], ["hello", 1]], "dtypes": ["string", "int64"]}


def test_blocked_ops_and_what_a_deadline_leaves_behind():
    assert observe("queue_blocking_and_deadlines") == {
        "full_enqueue_blocks": True, "dequeued": [1, 2], "empty_dequeue_blocks": True,
        "enqueue_many_3_into_1_blocks": True,
        "after_cancelled_enqueue_many": [1, 2, 3, 4, 5],  # 5 fitted and stayed; 6, 7 are gone
        "dequeue_many_4_of_3_blocks": True, "size_after_cancelled_dequeue_many": 0,
        "dequeue_up_to_4_of_3_blocks": True, "size_after_cancelled_dequeue_up_to": 0}


def test_closed_queue_dequeue_many_fails_and_dequeue_up_to_returns_the_rest():
    assert observe("closed_queue_errors") == {
        "dequeue_many_3": {"type": "OutOfRangeError", "node": "q_DequeueMany",
                           "message": "FIFOQueue '_N_q' is closed and has insufficient "
                                      "elements (requested 3, current size 2)"},
        "dequeue_up_to_3": [1, 2],
        "enqueue": {"type": "CancelledError", "node": "q_enqueue",
                    "message": "FIFOQueue '_N_q' is closed."}}


def test_random_shuffle_queue_keeps_min_after_dequeue_until_closed():
    got = observe("random_shuffle_min_after_dequeue")
    assert got == {"first_two": [12, 13], "third_blocks": True, "after_close": [10, 14, 11]}
    assert sorted(got["first_two"] + got["after_close"]) == [10, 11, 12, 13, 14]


def test_string_input_producer_epochs_shuffle_and_its_local_counter():
    names = [f"<dir>/file{i}.csv" for i in range(3)]
    got = observe("string_input_producer_epochs")
    shuffled = got.pop("shuffle_True")
    assert shuffled == [names[0], names[2], names[1], names[1], names[0], names[2]]
    assert sorted(shuffled[:3]) == sorted(shuffled[3:]) == names  # permuted within each epoch
    assert got == {
        "local_variables": ["input_producer/limit_epochs/epochs"], "global_variables": [],
        "shuffle_False": names * 2,
        "without_local_init": {"type": "FailedPreconditionError",
                               "message": "Attempting to use uninitialized value "
                                          "input_producer/limit_epochs/epochs"}}


def test_ptb_producer_windows_wrap_and_too_little_data_fails_in_the_runner_thread():
    # ids 0..9, batch 2 -> rows [0..4] [5..9]; steps 2 -> epoch_size (5 - 1) // 2 = 2
    assert observe("ptb_producer_windows") == {
        "batches": [[[[0, 1], [5, 6]], [[1, 2], [6, 7]]], [[[2, 3], [7, 8]], [[3, 4], [8, 9]]],
                    [[[0, 1], [5, 6]], [[1, 2], [6, 7]]]],  # the second epoch starts over
        "shape": [2, 2], "dtype": "int32",
        "names": ["PTBProducer/StridedSlice:0", "PTBProducer_1/StridedSlice:0"],
        "too_short_run": {"type": "OutOfRangeError", "node": "PTBProducer/input_producer_Dequeue",
                          "message": "FIFOQueue '_N_PTBProducer/input_producer' is closed and "
                                     "has insufficient elements (requested 1, current size 0)"},
        "too_short_join": {"type": "InvalidArgumentError",
                           "message": "assertion failed: [epoch_size == 0, decrease batch_size "
                                      "or num_steps.  ] [Condition x > 0 did not hold "
                                      "element-wise:] [x (PTBProducer/floordiv_1:0) = ] [0]"}}


def test_a_reader_blocks_until_the_queue_runners_start():
    assert observe("read_without_queue_runners_blocks") == {
        "without_runners_blocks": True, "with_runners": "1,2"}


def test_a_queue_runner_is_no_op_and_starts_its_threads_only_when_asked():
    enqueue = "QueueRunnerThread-notes_queue-notes_queue_enqueue"
    assert observe("queue_runner_threads") == {
        "runner_type": "QueueRunner", "is_operation": False,
        "enqueue_ops": ["notes_queue_enqueue"] * 4,  # [enqueue_op] * 4: one op, four times
        "close_ops": ["notes_queue_Close", "notes_queue_Close_1"],  # close; cancel enqueues
        "threads_before_start": [], "size_before_start": 0,
        "started": [enqueue] * 4 + ["QueueRunnerThread-notes_queue-close_on_stop"],
        "batch": [7, 7, 7], "threads_after_join": []}


def test_string_input_producer_and_shuffle_batch_build_a_queue_a_runner_and_a_summary():
    assert observe("producer_and_shuffle_batch_structure") == {
        "producer": {"returns": "FIFOQueue", "queue": ["FIFOQueueV2", "input_producer", 32],
                     "runner_enqueue_ops": ["input_producer/input_producer_EnqueueMany"],
                     "runner_queue_is_returned": True,
                     "summaries": ["input_producer/fraction_of_32_full"]},
        "shuffle_batch": {
            "output": ["QueueDequeueManyV2", "shuffle_batch"],
            # capacity = min_after_dequeue + 3 * batch_size = 10000 + 3 * 4
            "queue": ["RandomShuffleQueueV2", "shuffle_batch/random_shuffle_queue", 10012, 10000],
            "shapes": [[4, 4], [4]],
            "runners": [["input_producer/input_producer_EnqueueMany"],  # num_threads=1
                        ["shuffle_batch/random_shuffle_queue_enqueue"]],
            "summaries": ["input_producer/fraction_of_32_full",
                          "shuffle_batch/fraction_over_10000_of_12_full"]},
        "capacity_below_min_after_dequeue": {
            "type": "ValueError",
            "message": "capacity 5 must be bigger than min_after_dequeue 10."}}
