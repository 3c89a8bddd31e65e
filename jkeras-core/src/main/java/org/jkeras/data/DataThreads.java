package org.jkeras.data;

import java.util.concurrent.atomic.AtomicInteger;

/** Names and creates the data pipeline's background threads: all are daemons called {@code jkeras-data-*}. */
final class DataThreads {
    /** Prefix of every data-pipeline thread's name (tests count threads by it). */
    static final String PREFIX = "jkeras-data-";
    private static final AtomicInteger STREAMS = new AtomicInteger();

    private DataThreads() {
    }

    static int nextStreamId() {
        return STREAMS.incrementAndGet();
    }

    static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, PREFIX + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Joins {@code t}, waiting at most {@code millis}; keeps the caller's interrupt flag. */
    static void join(Thread t, long millis) {
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        boolean interrupted = false;
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (t.isAlive()) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                break;
            }
            try {
                t.join(left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
