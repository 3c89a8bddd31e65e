package org.jkeras.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The concurrency the background {@link BatchStream}s share: background threads ("slots") claim positions 0, 1, 2,
 * ... of the stream, compute them and hand the results back; the consumer takes them in position order. This class
 * owns the bounded window, the hand-off, the first failure, thread liveness, the optional per-batch timeout and the
 * shutdown; what a position means (a Sequence index, a generator item) and every error message stay in the stream,
 * through its {@link Reporter}.
 *
 * <pre>{@code
 * FetchQueue q = new FetchQueue(1, maxQueueSize, 0L);
 * q.start(0, "generator-" + id, () -> {
 *     for (long pos; (pos = q.claim(0)) >= 0; ) {
 *         if (!q.deliver(0, pos, compute(pos))) return;
 *     }
 * });
 * Batch b = q.take(reporter);        // in position order; null once the source ended
 * q.markClosed(); q.stopThreads();   // no thread left
 * }</pre>
 *
 * <p><b>Rules.</b> A position may start while the queue is open, not failed, not closed, below its limit, before the
 * source's end, and while fewer than {@code capacity} positions are started but not yet taken. The first failure
 * wins and is reported before any queued result; one that arrives after {@link #markClosed()} is dropped, and while
 * the queue is not open (between epochs) only fatal ones are kept. A background thread that ends while the source
 * has neither ended nor failed becomes a fatal failure, and so does a claimed position that runs longer than the
 * timeout (its cause is a {@link TimeoutException}). Every wait of the consumer is bounded.
 */
final class FetchQueue {
    /** How long the consumer sleeps between liveness checks. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /** A failure of one position (or of the stream, for a dead thread). */
    static final class Failure {
        final long position;
        final Throwable cause;
        final boolean fatal;
        /** The slot that failed, or -1 when the consumer found a thread dead. */
        final int slot;
        final boolean timedOut;

        Failure(long position, Throwable cause, boolean fatal, int slot, boolean timedOut) {
            this.position = position;
            this.cause = cause;
            this.fatal = fatal;
            this.slot = slot;
            this.timedOut = timedOut;
        }
    }

    /** The stream's wording of what the queue found. */
    interface Reporter {
        DataException failed(Failure f);

        /** The consumer was interrupted while waiting for {@code position} (its interrupt flag is set again). */
        DataException interrupted(long position, InterruptedException e);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final int capacity;
    private final long timeoutNanos;
    private final Thread[] threads;
    private final long[] claimed;
    private final long[] claimedAt;
    private final Map<Long, Batch> done = new HashMap<>();
    private boolean open;
    private long limit;
    private long nextToStart;
    private long taken;
    private int inFlight;
    private long endAt = -1;
    private Failure failure;
    private volatile boolean closed;

    /**
     * @param slots        background threads that will claim positions (0: the caller computes everything)
     * @param capacity     positions started but not yet taken, at most
     * @param timeoutNanos longest a claimed position may run before it is a failure; 0 for no limit
     */
    FetchQueue(int slots, int capacity, long timeoutNanos) {
        this.capacity = capacity;
        this.timeoutNanos = timeoutNanos;
        this.threads = new Thread[slots];
        this.claimed = new long[slots];
        this.claimedAt = new long[slots];
        Arrays.fill(claimed, -1);
    }

    /** Starts the thread of {@code slot}, named {@code jkeras-data-<name>}. */
    void start(int slot, String name, Runnable body) {
        threads[slot] = DataThreads.start(name, body);
    }

    boolean started() {
        return threads.length > 0 && threads[0] != null;
    }

    boolean isClosed() {
        return closed;
    }

    // ---------------------------------------------------------------- consumer side (the caller's thread)

    /** Starts a new pass: positions count from 0 again, positions below {@code limit} may start. */
    void beginPass(long limit) {
        lock.lock();
        try {
            this.limit = limit;
            nextToStart = 0;
            taken = 0;
            done.clear();
            open = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Throws the recorded failure, if any. */
    void throwIfFailed(Reporter r) {
        lock.lock();
        try {
            if (failure != null) {
                throw r.failed(failure);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The result of the next position, waiting for it: {@code null} once the source ended there.
     *
     * @throws DataException (from the reporter) when a failure was recorded, a thread died, a position ran past the
     *         timeout, or the caller was interrupted
     */
    Batch take(Reporter r) {
        lock.lock();
        try {
            while (true) {
                if (failure != null) {
                    throw r.failed(failure);
                }
                Batch b = done.remove(taken);
                if (b != null) {
                    taken++;
                    changed.signalAll();
                    return b;
                }
                if (endAt >= 0 && taken >= endAt) {
                    return null;
                }
                if (closed) {
                    throw new IllegalStateException("The stream was closed while waiting for a batch.");
                }
                try {
                    changed.awaitNanos(waitNanos());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw r.interrupted(taken, e);
                }
                checkThreadsAlive();
                checkTimeouts();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Positions taken so far in this pass. */
    long taken() {
        lock.lock();
        try {
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops claims, waits for the running positions to finish, then drops the results nobody took and a non-fatal
     * failure (it belonged to a position the caller chose not to take). An interrupt does not cut the wait short
     * (the flag is kept); a position running past the timeout does: its failure is thrown.
     */
    void stopAndDrain(Reporter r) {
        lock.lock();
        try {
            open = false;
            changed.signalAll();
            boolean interrupted = false;
            try {
                while (inFlight > 0 && !closed) {
                    try {
                        changed.awaitNanos(waitNanos());
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                    Failure late = overdue();
                    if (late != null) {
                        if (failure == null || !failure.fatal) {
                            failure = late;
                        }
                        throw r.failed(failure);
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            done.clear();
            if (failure != null && !failure.fatal) {
                failure = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks the queue closed (no more claims or results; failures are dropped) and wakes every thread;
     * false when it already was.
     */
    boolean markClosed() {
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            open = false;
            done.clear();
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Interrupts every background thread and waits for them to end, 10 s at most in all (a thread whose
     * {@code get} ignores interrupts cannot be stopped; it is a daemon and ends when that call returns).
     */
    void stopThreads() {
        for (Thread t : threads) {
            if (t != null) {
                t.interrupt();
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread t : threads) {
            DataThreads.join(t, Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    // ---------------------------------------------------------------- background side

    /** The next position for {@code slot} to compute, waiting until one may start; -1 once closed. */
    long claim(int slot) {
        lock.lock();
        try {
            while (!closed && !(open && failure == null && endAt < 0 && nextToStart < limit
                    && nextToStart - taken < capacity)) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    // markClosed() wakes and stopThreads() interrupts; the loop condition decides
                }
            }
            if (closed) {
                return -1;
            }
            long pos = nextToStart++;
            inFlight++;
            claimed[slot] = pos;
            claimedAt[slot] = System.nanoTime();
            return pos;
        } finally {
            lock.unlock();
        }
    }

    /** Hands over the result of {@code pos}; false once closed (the thread should end). */
    boolean deliver(int slot, long pos, Batch b) {
        lock.lock();
        try {
            release(slot);
            if (open && !closed) {
                done.put(pos, b);
            }
            changed.signalAll();
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records the failure of {@code pos}; a fatal one (the slot cannot serve more positions) is kept even between
     * passes. Returns whether the slot should go on claiming: false when fatal or closed.
     */
    boolean fail(int slot, long pos, Throwable error, boolean fatal) {
        lock.lock();
        try {
            release(slot);
            if (!closed && failure == null && (open || fatal)) {
                failure = new Failure(pos, error, fatal, slot, false);
            }
            changed.signalAll();
            return !fatal && !closed;
        } finally {
            lock.unlock();
        }
    }

    /** The source has no position {@code pos} or after (a generator ended). */
    void end(int slot, long pos) {
        lock.lock();
        try {
            release(slot);
            endAt = pos;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void release(int slot) {
        inFlight--;
        claimed[slot] = -1;
    }

    // ---------------------------------------------------------------- liveness and timeout (under lock)

    private long waitNanos() {
        if (timeoutNanos == 0) {
            return POLL_NANOS;
        }
        long now = System.nanoTime();
        long wait = POLL_NANOS;
        for (int k = 0; k < claimed.length; k++) {
            if (claimed[k] >= 0) {
                wait = Math.min(wait, claimedAt[k] + timeoutNanos - now);
            }
        }
        return Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1));
    }

    /** Belt and braces: a thread that ended without recording why is reported, not waited for. */
    private void checkThreadsAlive() {
        if (failure != null || closed || endAt >= 0) {
            return;
        }
        for (Thread t : threads) {
            if (t != null && !t.isAlive()) {
                failure = new Failure(taken, new IllegalStateException("data worker thread " + t.getName()
                        + " ended unexpectedly"), true, -1, false);
                return;
            }
        }
    }

    private void checkTimeouts() {
        if (failure == null && !closed) {
            failure = overdue();
        }
    }

    /** The failure of the first claimed position running past the timeout, or null. */
    private Failure overdue() {
        if (timeoutNanos == 0) {
            return null;
        }
        long now = System.nanoTime();
        for (int k = 0; k < claimed.length; k++) {
            long ran = now - claimedAt[k];
            if (claimed[k] >= 0 && ran >= timeoutNanos) {
                String thread = threads[k] != null ? threads[k].getName() : "slot " + k;
                TimeoutException cause = new TimeoutException("no result after " + seconds(ran)
                        + ", longer than the batch timeout of " + seconds(timeoutNanos) + " (thread " + thread
                        + "). If loading one batch can really take this long, raise batchTimeout(...) in FitOptions or "
                        + "EvaluateOptions (WorkerOptions); otherwise find where it blocks (a thread dump of that "
                        + "thread, or of the worker process, shows it).");
                return new Failure(claimed[k], cause, true, k, true);
            }
        }
        return null;
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3g s", nanos / 1e9);
    }
}
