package org.jkeras.tensor;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one compute pool of the process, sized to the machine's cores. Kernels split large loops across it
 * with {@link #parallelFor}; small loops run on the caller's thread so tiny ops pay no hand-off.
 *
 * <p>Threads are daemons and park (never spin) while idle: the machine may be shared, and a spinning pool
 * collapses when another process takes a core.
 *
 * <pre>{@code
 * ComputePool.parallelFor(0, rows, 64, (from, to) -> { for (int r = from; r < to; r++) work(r); });
 * }</pre>
 */
public final class ComputePool {
    /** A body that processes the half-open range {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    private static final int THREADS = Math.max(1, Integer.getInteger("jkeras.threads",
            Runtime.getRuntime().availableProcessors()));
    private static final ExecutorService POOL = THREADS <= 1 ? null : Executors.newFixedThreadPool(THREADS - 1,
            new ThreadFactory() {
                private final AtomicInteger n = new AtomicInteger();

                @Override
                public Thread newThread(Runnable r) {
                    Thread t = new Thread(r, "jkeras-compute-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }
            });
    /** Set while a thread of the pool runs a task: nested parallel loops then run inline. */
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private ComputePool() {}

    /** Number of threads that work on a parallel loop (the caller plus the pool's workers). */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code task} over {@code [start, end)}, split into at most {@link #threads()} contiguous chunks of
     * at least {@code grain} iterations. The caller runs the first chunk itself.
     */
    public static void parallelFor(int start, int end, int grain, RangeTask task) {
        int n = end - start;
        if (n <= 0) {
            return;
        }
        int chunks = Math.min(THREADS, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1 || POOL == null || INSIDE.get()) {
            task.run(start, end);
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[chunks - 1];
        int base = n / chunks, extra = n % chunks;
        int from = start + base + (extra > 0 ? 1 : 0);
        for (int c = 1; c < chunks; c++) {
            int len = base + (c < extra ? 1 : 0);
            int f = from, t = from + len;
            futures[c - 1] = POOL.submit(() -> {
                INSIDE.set(Boolean.TRUE);
                try {
                    task.run(f, t);
                } finally {
                    INSIDE.set(Boolean.FALSE);
                }
            });
            from = t;
        }
        Throwable failure = null;
        // The caller's own chunk counts as inside the pool too: a nested parallelFor from it then runs inline
        // instead of queueing behind the chunks the workers are busy with.
        INSIDE.set(Boolean.TRUE);
        try {
            task.run(start, start + base + (extra > 0 ? 1 : 0));
        } catch (Throwable e) {
            failure = e;
        } finally {
            INSIDE.set(Boolean.FALSE);
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = e;
                }
            } catch (java.util.concurrent.ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause();
                }
            }
        }
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
}
