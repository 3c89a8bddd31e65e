package org.jkeras.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The one compute pool of the process, sized to the machine's cores. Kernels split large loops across it
 * with {@link #parallelFor}; small loops run on the caller's thread so tiny ops pay no hand-off.
 *
 * <pre>{@code
 * ComputePool.parallelFor(0, rows, 64, (from, to) -> { for (int r = from; r < to; r++) work(r); });
 * }</pre>
 *
 * <p><b>How a loop is shared.</b> The loop is cut into chunks; the caller publishes them and starts taking
 * chunks itself at once, and every worker that is awake takes chunks too, until none is left. Nobody waits
 * for a particular thread: when a worker is slow to wake up, or its core is taken by another process, the
 * caller simply does more of the chunks, so a busy machine costs speed but never stalls the loop (a pool that
 * hands each thread a fixed share collapses exactly there).
 *
 * <p><b>Waiting.</b> Threads are daemons. A worker that has just finished a chunk keeps looking for the next
 * loop for a short, bounded time (50 µs; system property {@code jkeras.spinNanos}) before it parks, yielding its
 * core to any other thread that wants it meanwhile: a training step issues its parallel loops microseconds
 * apart, and waking a parked thread costs 10–20 µs on a virtual machine, more than many of those loops take
 * (measured: an empty two-chunk loop 15 µs with an executor, 0.5 µs now). Between steps and when training
 * stops, workers park and use no CPU. The caller, once the chunks are all taken, waits for the ones still
 * running the same way. The thread count is the number of cores unless {@code jkeras.threads} says otherwise.
 *
 * <p>Only one loop is shared at a time; a loop started while another thread's loop holds the workers, or from
 * inside a chunk, runs on its caller alone.
 */
public final class ComputePool {
    /** A body that processes the half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    private static final int THREADS = Math.max(1, Integer.getInteger("jkeras.threads",
            Runtime.getRuntime().availableProcessors()));
    /** How long an idle worker (or a waiting caller) keeps looking before it parks. */
    static final long SPIN_NANOS = Long.getLong("jkeras.spinNanos", 50_000L);

    /** One shared loop: its chunks are claimed through {@code next} and counted off through {@code pending}. */
    private static final class Job {
        final RangeTask task;
        final int start, chunks, base, extra;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger pending;
        final Thread caller;
        /** Tells jobs apart without workers keeping a reference to (and the arrays of) a finished one. */
        final long seq;
        volatile Throwable failure;

        Job(RangeTask task, int start, int n, int chunks, Thread caller, long seq) {
            this.task = task;
            this.start = start;
            this.chunks = chunks;
            this.base = n / chunks;
            this.extra = n % chunks;
            this.pending = new AtomicInteger(chunks);
            this.caller = caller;
            this.seq = seq;
        }

        int from(int c) {
            return start + c * base + Math.min(c, extra);
        }

        /** Claims and runs chunks until none is left. */
        void work() {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                try {
                    task.run(from(c), from(c + 1));
                } catch (Throwable e) {
                    if (failure == null) {
                        failure = e;
                    }
                } finally {
                    if (pending.decrementAndGet() == 0 && Thread.currentThread() != caller) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }
    }

    /** The loop being shared, or null. Workers poll it; a caller installs its job with compareAndSet. */
    private static final AtomicReference<Job> CURRENT = new AtomicReference<>();
    private static final AtomicLong SEQ = new AtomicLong();
    private static final Worker[] WORKERS = new Worker[THREADS - 1];
    /** Set while a thread runs a chunk: nested parallel loops then run inline. */
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    static {
        for (int i = 0; i < WORKERS.length; i++) {
            WORKERS[i] = new Worker(i + 1);
            WORKERS[i].start();
        }
    }

    private static final class Worker extends Thread {
        volatile boolean parked;

        Worker(int n) {
            super("jkeras-compute-" + n);
            setDaemon(true);
        }

        @Override
        public void run() {
            INSIDE.set(Boolean.TRUE);
            long last = -1;
            while (true) {
                Job job = awaitJob(last);
                last = job.seq;
                job.work();
            }
        }

        /** Waits for a job other than {@code last}: a bounded spin, then parking until a caller unparks. */
        private Job awaitJob(long last) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (true) {
                Job job = CURRENT.get();
                if (job != null && job.seq != last) {
                    return job;
                }
                if (System.nanoTime() < spinUntil) {
                    // yield, not a pure spin: a thread that wakes up on this core (the batch prefetcher, the
                    // JIT, the GC) runs at once instead of waiting for the scheduler to preempt the spinner
                    Thread.yield();
                    continue;
                }
                parked = true;
                job = CURRENT.get(); // re-check after announcing: a caller that saw parked == false did not unpark
                if (job != null && job.seq != last) {
                    parked = false;
                    return job;
                }
                LockSupport.park(this);
                parked = false;
                spinUntil = System.nanoTime() + SPIN_NANOS;
            }
        }
    }

    private ComputePool() {}

    /** Number of threads that work on a parallel loop (the caller plus the pool's workers). */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code task} over {@code [start, end)}, cut into at most {@link #threads()} contiguous chunks of at
     * least {@code grain} iterations each, on the caller and the pool's workers. Returns when every chunk has
     * run; the first exception thrown by a chunk is rethrown (an unchecked one as it is).
     */
    public static void parallelFor(int start, int end, int grain, RangeTask task) {
        int n = end - start;
        if (n <= 0) {
            return;
        }
        int chunks = Math.min(THREADS, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1 || INSIDE.get()) {
            task.run(start, end);
            return;
        }
        Job job = new Job(task, start, n, chunks, Thread.currentThread(), SEQ.incrementAndGet());
        if (!CURRENT.compareAndSet(null, job)) {
            task.run(start, end); // another thread's loop holds the workers
            return;
        }
        try {
            for (Worker w : WORKERS) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            INSIDE.set(Boolean.TRUE);
            try {
                job.work();
            } finally {
                INSIDE.set(Boolean.FALSE);
            }
            awaitChunks(job);
        } finally {
            CURRENT.set(null);
        }
        Throwable failure = job.failure;
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure instanceof Error) {
            throw (Error) failure;
        }
        if (failure != null) {
            throw new IllegalStateException("A compute task failed", failure);
        }
    }

    /** Waits until the chunks that workers took have finished: a bounded spin, then parking. */
    private static void awaitChunks(Job job) {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (job.pending.get() > 0) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(job, 100_000L);
            }
        }
    }
}
