package org.jkeras.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ComputePoolTest {
    private static final Duration NO_HANG = Duration.ofSeconds(60);

    @Test
    void everyIndexRunsExactlyOnce() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            for (int rep = 0; rep < 2000; rep++) {
                int n = 1 + rep % 97;
                AtomicIntegerArray hits = new AtomicIntegerArray(n + 3);
                ComputePool.parallelFor(3, n + 3, 1, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n + 3; i++) {
                    assertEquals(i < 3 ? 0 : 1, hits.get(i), "index " + i + " of [3, " + (n + 3) + ")");
                }
            }
        });
    }

    @Test
    void chunksRespectTheGrainAndUseTheWorkers() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> sizes = new ArrayList<>();
        for (int rep = 0; rep < 500; rep++) {
            ComputePool.parallelFor(0, 1000, 400, (from, to) -> {
                threads.add(Thread.currentThread().getName());
                synchronized (sizes) {
                    sizes.add(to - from);
                }
                busyMicros(200);
            });
        }
        for (int s : sizes) {
            assertTrue(s >= 400, "a chunk of " + s + " iterations is below the grain of 400");
        }
        if (ComputePool.threads() > 1) {
            assertTrue(threads.stream().anyMatch(t -> t.startsWith("jkeras-compute-")),
                    "no chunk ran on a pool worker in 500 loops: " + threads);
        } else {
            assertEquals(Set.of(Thread.currentThread().getName()), threads);
        }
    }

    @Test
    void aFailingChunkReachesTheCallerAndThePoolKeepsWorking() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            for (int rep = 0; rep < 200; rep++) {
                IllegalArgumentException boom = new IllegalArgumentException("chunk failed");
                IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () ->
                        ComputePool.parallelFor(0, 8, 1, (from, to) -> {
                            if (from > 0) {
                                throw boom; // a chunk the caller does not start first: usually a worker's
                            }
                        }));
                assertSame(boom, thrown);
                AtomicLong sum = new AtomicLong();
                ComputePool.parallelFor(0, 100, 1, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        sum.addAndGet(i);
                    }
                });
                assertEquals(4950, sum.get());
            }
            AssertionError error = new AssertionError("an Error passes through unchanged");
            assertSame(error, assertThrows(AssertionError.class, () ->
                    ComputePool.parallelFor(0, 8, 1, (from, to) -> {
                        throw error;
                    })));
        });
    }

    @Test
    void nestedLoopsRunInsideTheirChunk() {
        assertTimeoutPreemptively(NO_HANG, () -> {
            AtomicIntegerArray hits = new AtomicIntegerArray(64 * 64);
            ComputePool.parallelFor(0, 64, 1, (from, to) -> {
                String outer = Thread.currentThread().getName();
                for (int r = from; r < to; r++) {
                    int row = r;
                    ComputePool.parallelFor(0, 64, 1, (f, t) -> {
                        assertEquals(outer, Thread.currentThread().getName(), "a nested loop stays on its thread");
                        for (int c = f; c < t; c++) {
                            hits.incrementAndGet(row * 64 + c);
                        }
                    });
                }
            });
            for (int i = 0; i < hits.length(); i++) {
                assertEquals(1, hits.get(i));
            }
        });
    }

    @Test
    void loopsFromSeveralThreadsAtOnceAllComplete() throws Exception {
        assertTimeoutPreemptively(NO_HANG, () -> {
            int callers = 4;
            long[] sums = new long[callers];
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int id = c;
                Thread t = new Thread(() -> {
                    for (int rep = 0; rep < 1000; rep++) {
                        AtomicLong s = new AtomicLong();
                        ComputePool.parallelFor(0, 1000, 10, (from, to) -> {
                            long local = 0;
                            for (int i = from; i < to; i++) {
                                local += i;
                            }
                            s.addAndGet(local);
                        });
                        sums[id] += s.get();
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            for (long s : sums) {
                assertEquals(1000L * 499_500L, s);
            }
        });
    }

    @Test
    void idleWorkersParkInsteadOfSpinning() throws Exception {
        ComputePool.parallelFor(0, 1000, 1, (from, to) -> busyMicros(50));
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("jkeras-compute-")) {
                workers.add(t);
            }
        }
        assertEquals(ComputePool.threads() - 1, workers.size(), "one daemon worker per extra core");
        for (Thread w : workers) {
            assertTrue(w.isDaemon(), w.getName() + " must not keep the JVM alive");
            while (w.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(Thread.State.WAITING, w.getState(), w.getName() + " should be parked once idle");
        }
    }

    private static void busyMicros(long micros) {
        long end = System.nanoTime() + micros * 1000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
