package org.jkeras.data;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ordered enqueuer for a {@link Sequence}: {@code workers} fetchers (threads calling {@code get}, or threads each
 * driving one child process) take positions of the epoch's order in turn; results are handed out in position order.
 * At most {@code maxQueueSize} positions are requested but not yet consumed (running or finished), as in Keras's
 * {@code OrderedEnqueuer}. With {@code workers = 0} the caller's thread calls {@code get} itself.
 */
final class SequenceStream implements BatchStream {
    /** One worker's way to compute {@code get(index)}: in this JVM, or in a child process. */
    interface Fetcher {
        Batch fetch(int index) throws Throwable;

        /** Text naming what failed, for the error message (e.g. a dead worker process), or null for the default. */
        default String describeFailure(Throwable t, int index) {
            return null;
        }

        default void close() {
        }
    }

    /** Creates the fetcher of worker {@code k}. */
    interface FetcherFactory {
        Fetcher create(int k);

        /** Called on the caller's thread at each epoch start, after onEpochBegin and size(). */
        default void epochStarting(Sequence seq) {
        }

        default void close() {
        }
    }

    private final Sequence seq;
    private final int workers;
    private final int maxQueueSize;
    private final boolean shuffle;
    private final long seed;
    private final FetcherFactory factory;
    private final String kind;
    private final int id = DataThreads.nextStreamId();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private Thread[] threads;
    private Fetcher[] fetchers;
    private Fetcher direct;

    // epoch state, guarded by lock
    private int epoch = -1;
    private boolean inEpoch;
    private int size;
    private int steps;
    private int nextToStart;
    private int consumed;
    private int inFlight;
    private final Map<Integer, Batch> done = new HashMap<>();
    private final Map<Integer, int[]> passOrders = new HashMap<>();
    private Throwable failureCause;
    private boolean failureFatal;
    private int failureIndex = -1;
    private int failurePosition = -1;
    private String failureText;
    private boolean closed;

    SequenceStream(Sequence seq, int workers, int maxQueueSize, boolean shuffle, long seed, FetcherFactory factory,
            String kind) {
        this.seq = seq;
        this.workers = workers;
        this.maxQueueSize = maxQueueSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.factory = factory;
        this.kind = kind;
    }

    @Override
    public void startEpoch(int epoch, int steps) {
        StreamLifecycle.checkStart(closed, inEpoch, this.epoch, epoch, steps, "the Sequence's size()");
        if (failureCause != null) {
            throw failure();
        }
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
        lock.lock();
        try {
            this.epoch = epoch;
            this.size = n;
            this.steps = steps == -1 ? n : steps;
            nextToStart = 0;
            consumed = 0;
            done.clear();
            passOrders.clear();
            inEpoch = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (workers > 0 && threads == null) {
            startWorkers();
        }
    }

    @Override
    public int stepsThisEpoch() {
        return steps;
    }

    @Override
    public Batch next() {
        StreamLifecycle.checkNext(closed, inEpoch);
        if (workers == 0) {
            return nextDirect();
        }
        lock.lock();
        try {
            while (true) {
                if (failureCause != null) {
                    throw failure();
                }
                if (consumed >= steps) {
                    return null;
                }
                Batch b = done.remove(consumed);
                if (b != null) {
                    consumed++;
                    changed.signalAll();
                    return b;
                }
                if (closed) {
                    throw new IllegalStateException("The stream was closed while waiting for a batch.");
                }
                try {
                    changed.await(250, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DataException("Interrupted while waiting for batch index " + indexAt(consumed)
                            + " (epoch " + (epoch + 1) + ", step " + (consumed + 1) + ").", indexAt(consumed), e);
                }
                checkWorkersAlive();
            }
        } finally {
            lock.unlock();
        }
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
        StreamLifecycle.checkEnd(closed, inEpoch);
        lock.lock();
        try {
            inEpoch = false;
            changed.signalAll();
            boolean interrupted = false;
            while (inFlight > 0 && !closed) {
                try {
                    changed.await(250, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            done.clear();
            if (failureCause != null && !failureFatal) {
                // The failed batch was never delivered (next() throws once a failure is known), so it belonged to the
                // part of the epoch the caller chose not to consume: forget it. A dead worker stays fatal and is
                // reported by the next startEpoch()/next().
                failureCause = null;
                failureText = null;
                failureIndex = -1;
                failurePosition = -1;
            }
        } finally {
            lock.unlock();
        }
        try {
            seq.onEpochEnd();
        } catch (Throwable t) {
            throw new DataException("Sequence.onEpochEnd() failed after epoch " + (epoch + 1) + " (" + t + ").", -1, t);
        }
    }

    @Override
    public void close() {
        Thread[] ts;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            inEpoch = false;
            done.clear();
            changed.signalAll();
            ts = threads;
        } finally {
            lock.unlock();
        }
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
        if (ts != null) {
            for (Thread t : ts) {
                if (t != null) {
                    t.interrupt();
                }
            }
            for (Thread t : ts) {
                DataThreads.join(t, 10_000);
            }
        }
    }

    // ---------------------------------------------------------------- workers

    private void startWorkers() {
        fetchers = new Fetcher[workers];
        threads = new Thread[workers];
        for (int k = 0; k < workers; k++) {
            fetchers[k] = factory == null ? seq::get : factory.create(k);
        }
        for (int k = 0; k < workers; k++) {
            Fetcher f = fetchers[k];
            threads[k] = DataThreads.start(kind + "-" + id + "-" + k, () -> workerLoop(f));
        }
    }

    private void workerLoop(Fetcher f) {
        while (true) {
            int pos;
            int index;
            lock.lock();
            try {
                while (!closed && !(inEpoch && failureCause == null && nextToStart < steps
                        && nextToStart - consumed < maxQueueSize)) {
                    try {
                        changed.await();
                    } catch (InterruptedException e) {
                        // close() interrupts; the loop condition decides
                    }
                }
                if (closed) {
                    return;
                }
                pos = nextToStart++;
                index = indexAt(pos);
                inFlight++;
            } finally {
                lock.unlock();
            }
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
            lock.lock();
            try {
                inFlight--;
                boolean fatal = error instanceof ProcessWorkers.WorkerDiedException;
                if (error != null) {
                    // an error of a batch fetched ahead for an epoch that has already ended is moot (unless the
                    // worker itself is dead)
                    if (!closed && failureCause == null && (inEpoch || fatal)) {
                        failureCause = error;
                        failureFatal = fatal;
                        failureIndex = index;
                        failurePosition = pos;
                        failureText = f.describeFailure(error, index);
                    }
                } else if (inEpoch && !closed) {
                    done.put(pos, b);
                }
                changed.signalAll();
                if (fatal) {
                    return; // a dead worker process cannot serve more batches
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Belt and braces: a worker thread that ended without recording why is reported, not waited for. */
    private void checkWorkersAlive() {
        if (threads == null || failureCause != null || closed) {
            return;
        }
        for (Thread t : threads) {
            if (!t.isAlive()) {
                failureCause = new IllegalStateException("data worker thread " + t.getName() + " ended unexpectedly");
                failureFatal = true;
                failureIndex = indexAt(consumed);
                failurePosition = consumed;
                return;
            }
        }
    }

    private DataException failure() {
        return wrapGet(failureIndex, failurePosition, failureCause, failureText);
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

    private int indexAt(int pos) {
        int pass = pos / size;
        int offset = pos % size;
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
