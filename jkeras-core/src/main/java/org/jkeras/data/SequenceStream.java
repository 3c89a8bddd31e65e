package org.jkeras.data;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The ordered enqueuer for a {@link Sequence}: {@code workers} fetchers (threads calling {@code get}, or threads each
 * driving one child process) take positions of the epoch's order in turn; results are handed out in position order.
 * At most {@code maxQueueSize} positions are requested but not yet consumed (running or finished), as in Keras's
 * {@code OrderedEnqueuer}; the window, hand-off, failures and shutdown are a {@link FetchQueue}'s. With
 * {@code workers = 0} the caller's thread calls {@code get} itself.
 */
final class SequenceStream implements BatchStream {
    /** One worker's way to compute {@code get(index)}: in this JVM, or in a child process. */
    interface Fetcher {
        Batch fetch(int index) throws Throwable;

        /** Text naming what failed, for the error message (e.g. a dead worker process), or null for the default. */
        default String describeFailure(Throwable t, int index) {
            return null;
        }

        /** Where the fetch runs, for messages (e.g. "in data worker process 0 (pid 123)"), or null for this JVM. */
        default String where() {
            return null;
        }

        default void close() {
        }
    }

    /** Creates the fetcher of worker {@code k}. */
    interface FetcherFactory {
        Fetcher create(int k);

        /** Called once after every fetcher was created, before any fetch: waits until they can serve. */
        default void awaitStarted() {
        }

        /** Called on the caller's thread at each epoch start, after onEpochBegin and size(). */
        default void epochStarting(Sequence seq) {
        }

        default void close() {
        }
    }

    private final Sequence seq;
    private final int workers;
    private final boolean shuffle;
    private final long seed;
    private final FetcherFactory factory;
    private final String kind;
    private final int id = DataThreads.nextStreamId();
    private final FetchQueue queue;
    private final FetchQueue.Reporter reporter = new FetchQueue.Reporter() {
        @Override
        public DataException failed(FetchQueue.Failure f) {
            return failure(f);
        }

        @Override
        public DataException interrupted(long pos, InterruptedException e) {
            int index = indexAt(pos);
            return new DataException("Interrupted while waiting for batch index " + index + " (epoch " + (epoch + 1)
                    + ", step " + (pos + 1) + ").", index, e);
        }
    };
    private Fetcher[] fetchers;
    private Fetcher direct;

    // epoch state: written by the caller before the queue opens the epoch; the order is read by the workers too
    private int epoch = -1;
    private boolean inEpoch;
    private int size;
    private int steps;
    private int consumed;
    private final Map<Integer, int[]> passOrders = new HashMap<>();

    /** @param timeoutNanos longest one {@code get} of a worker may run; 0 for no limit (and always for 0 workers) */
    SequenceStream(Sequence seq, int workers, int maxQueueSize, boolean shuffle, long seed, FetcherFactory factory,
            String kind, long timeoutNanos) {
        this.seq = seq;
        this.workers = workers;
        this.shuffle = shuffle;
        this.seed = seed;
        this.factory = factory;
        this.kind = kind;
        this.queue = new FetchQueue(workers, maxQueueSize, timeoutNanos);
    }

    @Override
    public void startEpoch(int epoch, int steps) {
        StreamLifecycle.checkStart(queue.isClosed(), inEpoch, this.epoch, epoch, steps, "the Sequence's size()");
        queue.throwIfFailed(reporter);
        try {
            seq.onEpochBegin();
        } catch (Throwable t) {
            throw new DataException("Sequence.onEpochBegin() failed before epoch " + (epoch + 1) + " (" + t + ").",
                    -1, t);
        }
        int n;
        try {
            n = seq.size();
        } catch (Throwable t) {
            throw new DataException("Sequence.size() failed at the start of epoch " + (epoch + 1) + " (" + t + ").",
                    -1, t);
        }
        if (n < 1) {
            throw new DataException("Sequence.size() returned " + n + " at the start of epoch " + (epoch + 1)
                    + "; a Sequence must have at least one batch. Check the dataset is not empty and that size() "
                    + "counts batches (ceil(samples / batchSize)).", -1, null);
        }
        if (factory != null) {
            factory.epochStarting(seq);
        }
        newOrder(epoch, n);
        this.steps = steps == -1 ? n : steps;
        consumed = 0;
        inEpoch = true;
        queue.beginPass(this.steps);
        if (workers > 0 && fetchers == null) {
            startWorkers();
        }
    }

    @Override
    public int stepsThisEpoch() {
        return steps;
    }

    @Override
    public Batch next() {
        StreamLifecycle.checkNext(queue.isClosed(), inEpoch);
        if (workers == 0) {
            return nextDirect();
        }
        queue.throwIfFailed(reporter);
        if (consumed >= steps) {
            return null;
        }
        Batch b = queue.take(reporter);
        consumed++;
        return b;
    }

    private Batch nextDirect() {
        if (consumed >= steps) {
            return null;
        }
        int index = indexAt(consumed);
        Batch b;
        try {
            b = direct().fetch(index);
        } catch (Throwable t) {
            throw wrapGet(index, consumed, t, null);
        }
        if (b == null) {
            throw wrapGet(index, consumed, nullBatch(index), null);
        }
        consumed++;
        return b;
    }

    private Fetcher direct() {
        if (direct == null) {
            direct = seq::get;
        }
        return direct;
    }

    @Override
    public boolean exhausted() {
        return false;
    }

    @Override
    public void endEpoch() {
        StreamLifecycle.checkEnd(queue.isClosed(), inEpoch);
        inEpoch = false;
        // A failure of a batch fetched ahead but never delivered belonged to the part of the epoch the caller chose
        // not to consume: the queue forgets it. A dead worker stays fatal and is reported by the next
        // startEpoch()/next(); a get running past the batch timeout is thrown now (onEpochEnd must not overlap it).
        queue.stopAndDrain(reporter);
        try {
            seq.onEpochEnd();
        } catch (Throwable t) {
            throw new DataException("Sequence.onEpochEnd() failed after epoch " + (epoch + 1) + " (" + t + ").", -1, t);
        }
    }

    @Override
    public void close() {
        if (!queue.markClosed()) {
            return;
        }
        inEpoch = false;
        // Processes first: closing a child unblocks the thread that waits for its answer.
        if (fetchers != null) {
            for (Fetcher f : fetchers) {
                if (f != null) {
                    f.close();
                }
            }
        }
        if (factory != null) {
            factory.close();
        }
        queue.stopThreads();
    }

    // ---------------------------------------------------------------- workers

    private void startWorkers() {
        fetchers = new Fetcher[workers];
        for (int k = 0; k < workers; k++) {
            fetchers[k] = factory == null ? seq::get : factory.create(k);
        }
        if (factory != null) {
            factory.awaitStarted();
        }
        for (int k = 0; k < workers; k++) {
            int slot = k;
            queue.start(k, kind + "-" + id + "-" + k, () -> workerLoop(slot, fetchers[slot]));
        }
    }

    private void workerLoop(int slot, Fetcher f) {
        for (long pos; (pos = queue.claim(slot)) >= 0; ) {
            int index = indexAt(pos);
            Batch b = null;
            Throwable error = null;
            try {
                b = f.fetch(index);
                if (b == null) {
                    error = nullBatch(index);
                }
            } catch (Throwable t) {
                error = t;
            }
            boolean goOn = error == null ? queue.deliver(slot, pos, b)
                    : queue.fail(slot, pos, error, error instanceof ProcessWorkers.WorkerDiedException);
            if (!goOn) {
                return; // closed, or a dead worker process that cannot serve more batches
            }
        }
    }

    private DataException failure(FetchQueue.Failure f) {
        int index = indexAt(f.position);
        Fetcher where = f.slot >= 0 && fetchers != null ? fetchers[f.slot] : null;
        String text;
        if (f.timedOut) {
            String in = where != null ? where.where() : null;
            text = "Sequence.get(" + index + ") did not return within the batch timeout" + (in != null ? " " + in : "");
        } else {
            text = where != null ? where.describeFailure(f.cause, index) : null;
        }
        return wrapGet(index, (int) f.position, f.cause, text);
    }

    private DataException wrapGet(int index, int pos, Throwable cause, String text) {
        if (cause instanceof DataException && text == null) {
            return new DataException(cause.getMessage(), index, cause);
        }
        String what = text != null ? text : "Sequence.get(" + index + ") failed";
        return new DataException(what + " (batch index " + index + ", epoch " + (epoch + 1) + ", step " + (pos + 1)
                + " of " + steps + "): " + cause, index, cause);
    }

    private static Throwable nullBatch(int index) {
        return new NullPointerException("Sequence.get(" + index + ") returned null; return a Batch (e.g. "
                + "Batch.of(x, y)) for every index 0 <= index < size().");
    }

    /** Epoch {@code epoch} of {@code n} batches starts: its passes' orders are drawn afresh. */
    private synchronized void newOrder(int epoch, int n) {
        this.epoch = epoch;
        this.size = n;
        passOrders.clear();
    }

    /** The Sequence index at position {@code pos} of the epoch (workers and the caller both ask). */
    private synchronized int indexAt(long pos) {
        int pass = (int) (pos / size);
        int offset = (int) (pos % size);
        if (!shuffle) {
            return offset;
        }
        int[] order = passOrders.get(pass);
        if (order == null) {
            order = permutation(size, seed, epoch, pass);
            passOrders.put(pass, order);
        }
        return order[offset];
    }

    /** The seeded order of pass {@code pass} of epoch {@code epoch}: the same for every worker setting. */
    static int[] permutation(int n, long seed, int epoch, int pass) {
        long s = mix(mix(seed ^ 0x6A09E667F3BCC909L) ^ (epoch + 1L)) ^ (pass + 1L) * 0x9E3779B97F4A7C15L;
        SplittableRandom random = new SplittableRandom(mix(s));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
