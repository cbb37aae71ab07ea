"""Queues and producers: what enqueue and dequeue give, what blocks, what closing does.

Reproduces: note 003 the FIFOQueue example (``enqueue_many([['hello', 'world'], [1, 2]])``:
one list per component), "Queue" (a full queue blocks enqueue, an empty one blocks dequeue;
"enqueue_many 中的数量多余 Queue 中剩余的数量时,会阻塞"), "QueueRunner" (a RandomShuffleQueue
keeps ``min_after_dequeue`` elements), "tensorflow 输入流水线" (``string_input_producer``
with ``num_epochs``; "在调用run执行读取之前，必须 tf.train.start_queue_runners") and
"PTBInput" (``reader.ptb_producer``); "QueueRunner … 它是一个op" (it is not: a Python object
whose ``create_threads`` starts the enqueue threads) and what ``string_input_producer`` and the
notes' ``input_pipeline`` (``shuffle_batch``, ``min_after_dequeue = 10000``) build.

A blocked op gets a deadline (``pipelines.queues.try_run``), so a demonstration never hangs;
only ops that cannot finish are run with one. A queue's name in its errors starts with a
per-process counter (``'_3_q'``): it is written ``'_N_q'`` here (``registry.portable``).
"""
import contextlib
import tempfile
import threading

from reference.tf1 import tf

from pipelines import file_queue
from pipelines import ptb_reader
from pipelines import queues
from reference.catalogue.registry import demo
from reference.catalogue.registry import error_of
from reference.catalogue.registry import fresh_session
from reference.catalogue.registry import portable

BLOCKED_MS = 200  # the deadline of an op that cannot finish


def _blocks(session, fetch):
    """True when ``fetch`` is still blocked at the deadline (and so cancelled)."""
    done, _ = queues.try_run(session, fetch, BLOCKED_MS)
    return not done


@contextlib.contextmanager
def _runners(session):
    """The queue runners started with a Coordinator; stopped and joined on leaving."""
    coord = tf.train.Coordinator()
    threads = tf.train.start_queue_runners(session, coord=coord)
    try:
        yield
    finally:
        coord.request_stop()  # the runners' cancel ops close their queues: blocked ones end
        coord.join(threads)


def _int_queue(capacity, name="q"):
    return tf.FIFOQueue(capacity, [tf.int32], shapes=[[]], name=name)


@demo('003 FIFOQueue example: enqueue_many([["hello", "world"], [1, 2]]), enqueue, dequeue',
      ["enqueue_many takes one list per component: two elements ('hello', 1), ('world', 2)",
       "enqueue takes one value per component",
       "dequeue gives them back first in, first out"])
def fifo_enqueue_many_example():
    with fresh_session() as session:
        queue = tf.FIFOQueue(capacity=100, dtypes=[tf.string, tf.int64])
        session.run(queue.enqueue_many([["hello", "world"], [1, 2]]))
        session.run(queue.enqueue(["hello", 1]))
        dequeue = queue.dequeue()
        return {"dequeued": [session.run(dequeue) for _ in range(3)],
                "dtypes": [t.dtype.name for t in dequeue]}


@demo('003 "Queue": a full queue blocks enqueue, an empty one blocks dequeue',
      ["enqueue on a full queue blocks; dequeue on an empty one blocks",
       "enqueue_many of more elements than there is room for blocks "
       "(enqueue_many中的数量多余Queue中剩余的数量时,会阻塞)",
       "cancelled at a deadline, enqueue_many leaves the elements that fitted",
       "cancelled at a deadline, dequeue_many and dequeue_up_to lose the elements they took"])
def queue_blocking_and_deadlines():
    got = {}
    with fresh_session() as session:
        queue = _int_queue(2)
        session.run(queue.enqueue_many([[1, 2]]))
        got["full_enqueue_blocks"] = _blocks(session, queue.enqueue(3))
        got["dequeued"] = [session.run(queue.dequeue()) for _ in range(2)]
        got["empty_dequeue_blocks"] = _blocks(session, queue.dequeue())
    with fresh_session() as session:
        queue = _int_queue(5)
        session.run(queue.enqueue_many([[1, 2, 3, 4]]))
        got["enqueue_many_3_into_1_blocks"] = _blocks(session, queue.enqueue_many([[5, 6, 7]]))
        got["after_cancelled_enqueue_many"] = session.run(queue.dequeue_up_to(5))
    for dequeue in ("dequeue_many", "dequeue_up_to"):
        with fresh_session() as session:
            queue = _int_queue(5)
            session.run(queue.enqueue_many([[1, 2, 3]]))
            got[f"{dequeue}_4_of_3_blocks"] = _blocks(session, getattr(queue, dequeue)(4))
            got[f"size_after_cancelled_{dequeue}"] = session.run(queue.size())
    return got


@demo('003 "Queue": a closed queue',
      ["dequeue_many of more than is left in a closed queue is an OutOfRangeError",
       "dequeue_up_to gives what is left",
       "enqueue into a closed queue is a CancelledError"])
def closed_queue_errors():
    with fresh_session() as session:
        queue = _int_queue(5)
        session.run(queue.enqueue_many([[1, 2]]))
        session.run(queue.close())
        return {"dequeue_many_3": portable(error_of(session.run, queue.dequeue_many(3)), None),
                "dequeue_up_to_3": session.run(queue.dequeue_up_to(3)),
                "enqueue": portable(error_of(session.run, queue.enqueue(3)), None)}


@demo('003 "QueueRunner": RandomShuffleQueue(…, min_after_dequeue)',
      ["a dequeue that would leave fewer than min_after_dequeue elements blocks",
       "closing the queue releases the rest",
       "with an op seed the order is the same on every run"])
def random_shuffle_min_after_dequeue():
    with fresh_session() as session:
        queue = tf.RandomShuffleQueue(10, min_after_dequeue=3, dtypes=[tf.int32], shapes=[[]],
                                      seed=1, name="rq")
        session.run(queue.enqueue_many([[10, 11, 12, 13, 14]]))
        dequeue = queue.dequeue()
        first = [session.run(dequeue) for _ in range(2)]
        blocks = _blocks(session, dequeue)  # 3 left: one more would leave 2
        session.run(queue.close())
        return {"first_two": first, "third_blocks": blocks,
                "after_close": session.run(queue.dequeue_many(3))}


def _names(session, dequeue, directory):
    names = []
    while True:
        try:
            names.append(portable(session.run(dequeue), directory))
        except tf.errors.OutOfRangeError:
            return names


@demo('003 "tensorflow 输入流水线": string_input_producer([...], num_epochs=...)',
      ["num_epochs passes over the names, then OutOfRangeError",
       "shuffle=True permutes the names within each epoch",
       "the epoch counter is a local variable: run global_variables_initializer without "
       "local_variables_initializer and the producer fails on it"])
def string_input_producer_epochs():
    got = {}
    with tempfile.TemporaryDirectory() as directory:
        names = [f"{directory}/file{i}.csv" for i in range(3)]
        for name in names:
            open(name, "w", encoding="utf-8").close()
        for shuffle in (False, True):
            with fresh_session() as session:
                queue = file_queue.filename_queue(names, num_epochs=2, shuffle=shuffle, seed=1)
                got["local_variables"] = [v.op.name for v in tf.local_variables()]
                got["global_variables"] = [v.op.name for v in tf.global_variables()]
                session.run(tf.local_variables_initializer())
                with _runners(session):
                    got[f"shuffle_{shuffle}"] = _names(session, queue.dequeue(), directory)
        with fresh_session() as session:  # the usual slip: the global initializer only
            file_queue.filename_queue(names, num_epochs=1)
            tf.Variable(0, name="step")
            session.run(tf.global_variables_initializer())
            coord = tf.train.Coordinator()
            threads = tf.train.start_queue_runners(session, coord=coord)
            got["without_local_init"] = error_of(coord.join, threads)
    return got


@demo('003 "PTBInput": reader.ptb_producer(raw_data, batch_size, num_steps)',
      ["x is a num_steps window of each of batch_size rows; y is x shifted by one",
       "after epoch_size batches the next epoch starts over",
       "too little data for one batch fails in the queue runner's thread: the main thread's "
       "run sees the closed queue, coord.join raises the assertion"])
def ptb_producer_windows():
    got = {}
    with fresh_session() as session:
        x, y = ptb_reader.ptb_producer(list(range(10)), batch_size=2, num_steps=2)
        with _runners(session):
            got["batches"] = [session.run([x, y]) for _ in range(3)]
        got["shape"], got["dtype"] = x.shape.as_list(), x.dtype.name
        got["names"] = [x.name, ptb_reader.ptb_producer(list(range(10)), 2, 2)[0].name]
    with fresh_session() as session:
        x, _ = ptb_reader.ptb_producer(list(range(5)), batch_size=2, num_steps=2)
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(session, coord=coord)
        got["too_short_run"] = portable(error_of(session.run, x), None)
        got["too_short_join"] = error_of(coord.join, threads)
    return got


@demo('003 "tensorflow 输入流水线": start_queue_runners before reading',
      ["a read from a reader's filename queue without start_queue_runners blocks (shown with "
       "a deadline)", "with the runners started the same read gives the line"])
def read_without_queue_runners_blocks():
    with tempfile.TemporaryDirectory() as directory:
        path = f"{directory}/file0.csv"
        with open(path, "w", encoding="utf-8") as file:
            file.write("1,2\n")
        with fresh_session() as session:
            queue = file_queue.filename_queue([path], shuffle=False)
            _, value = tf.TextLineReader().read(queue)
            blocks = _blocks(session, value)
            with _runners(session):
                line = session.run(value)
    return {"without_runners_blocks": blocks, "with_runners": line}


def _runner_threads(queue_name):
    """Names of the live QueueRunner threads of the queue called ``queue_name``."""
    prefix = f"QueueRunnerThread-{queue_name}-"
    return sorted(t.name for t in threading.enumerate() if t.name.startswith(prefix))


@demo('003 "QueueRunner创建多个线程对Queue进行enqueue操作.它是一个op" / "qr = tf.train.'
      'QueueRunner(queue, [enqueue_op] * 4)": "定义了四个enqueue线程,但是还没有执行"',
      ["a QueueRunner is not an op (not a tf.Operation): a Python object holding the enqueue "
       "ops, here the same one 4 times, and the queue's close ops",
       "QueueRunner(queue, [enqueue_op] * 4) starts nothing: no thread, the queue still empty",
       "create_threads(sess, coord=coord, start=True) starts 4 enqueue threads and a 5th that "
       "closes the queue when the coordinator is asked to stop",
       "dequeue_many(batch_size) then takes examples the threads put; after request_stop and "
       "join no thread is left"])
def queue_runner_threads():
    with fresh_session(config=tf.ConfigProto(operation_timeout_in_ms=10_000)) as session:
        example = tf.constant(7, name="example")
        queue = tf.RandomShuffleQueue(capacity=10, min_after_dequeue=2, dtypes=[tf.int32],
                                      shapes=[[]], name="notes_queue")
        enqueue_op = queue.enqueue(example)
        inputs = queue.dequeue_many(3)
        qr = tf.train.QueueRunner(queue, [enqueue_op] * 4)
        got = {"runner_type": type(qr).__name__,
               "is_operation": isinstance(qr, tf.Operation),
               "enqueue_ops": [op.name for op in qr.enqueue_ops],
               "close_ops": [qr.close_op.name, qr.cancel_op.name],
               "threads_before_start": _runner_threads("notes_queue"),
               "size_before_start": session.run(queue.size())}
        coord = tf.train.Coordinator()
        enqueue_threads = qr.create_threads(session, coord=coord, start=True)
        got["started"] = [t.name for t in enqueue_threads]
        got["batch"] = session.run(inputs)
        coord.request_stop()
        coord.join(enqueue_threads)
        got["threads_after_join"] = _runner_threads("notes_queue")
    return got


def _read_my_file_format(filename_queue):
    """The notes' read_my_file_format: a TextLineReader line decoded as five int32 columns."""
    _, record_string = tf.TextLineReader().read(filename_queue)
    *example, label = tf.decode_csv(record_string, record_defaults=[[1]] * 5)
    return tf.stack(example), label


def _input_pipeline(filenames, batch_size, num_epochs=None):
    """The notes' input_pipeline: min_after_dequeue 10000, capacity 10000 + 3 * batch_size."""
    filename_queue = tf.train.string_input_producer(filenames, num_epochs=num_epochs,
                                                    shuffle=True)
    example, label = _read_my_file_format(filename_queue)
    min_after_dequeue = 10000
    capacity = min_after_dequeue + 3 * batch_size
    return tf.train.shuffle_batch([example, label], batch_size=batch_size, capacity=capacity,
                                  min_after_dequeue=min_after_dequeue)


def _queue_op(tensor):
    """The queue op a dequeue op reads: type, name, capacity and (if any) min_after_dequeue."""
    queue = tensor.op.inputs[0].op
    return [queue.type, queue.name, queue.get_attr("capacity"),
            *([queue.get_attr("min_after_dequeue")] if queue.type.startswith("Random") else [])]


@demo('003 "tensorflow 输入流水线": what string_input_producer and shuffle_batch build '
      '(input_pipeline, min_after_dequeue = 10000)',
      ["string_input_producer creates a FIFOQueue (capacity 32), an enqueue_many of the names, "
       "a QueueRunner of it in GraphKeys.QUEUE_RUNNERS and a fraction_of_32_full summary, and "
       "returns the queue",
       "shuffle_batch creates a RandomShuffleQueue (capacity min_after_dequeue + 3 * "
       "batch_size = 10012 for batch 4, min_after_dequeue 10000), a QueueRunner with "
       "num_threads enqueue ops, and returns dequeue_many(batch_size)",
       "capacity must be larger than min_after_dequeue: ValueError"])
def producer_and_shuffle_batch_structure():
    got = {}
    with fresh_session():
        filename_queue = tf.train.string_input_producer(["file0.csv", "file1.csv"])
        (runner,) = tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)
        got["producer"] = {"returns": type(filename_queue).__name__,
                           "queue": _queue_op(filename_queue.dequeue()),
                           "runner_enqueue_ops": [op.name for op in runner.enqueue_ops],
                           "runner_queue_is_returned": runner.queue is filename_queue,
                           "summaries": [t.op.name for t in tf.get_collection(
                               tf.GraphKeys.SUMMARIES)]}
    with fresh_session():
        example_batch, label_batch = _input_pipeline(["file0.csv", "file1.csv"], batch_size=4)
        got["shuffle_batch"] = {
            "output": [example_batch.op.type, example_batch.op.name],
            "queue": _queue_op(example_batch),
            "shapes": [t.shape.as_list() for t in (example_batch, label_batch)],
            "runners": [[op.name for op in r.enqueue_ops]
                        for r in tf.get_collection(tf.GraphKeys.QUEUE_RUNNERS)],
            "summaries": [t.op.name for t in tf.get_collection(tf.GraphKeys.SUMMARIES)]}
        got["capacity_below_min_after_dequeue"] = error_of(
            tf.train.shuffle_batch, [example_batch[0], label_batch[0]], batch_size=4,
            capacity=5, min_after_dequeue=10)
    return got
