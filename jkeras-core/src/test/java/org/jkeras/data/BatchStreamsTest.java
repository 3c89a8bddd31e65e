package org.jkeras.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The enqueuers behind BatchStreams: order, exactly-once, epoch hooks, bounds, failures, cleanup. */
class BatchStreamsTest {
    private long threadsBefore;
    private long childrenBefore;

    static long dataThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("jkeras-data-")).count();
    }

    static long childProcesses() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
    }

    @BeforeEach
    void baseline() {
        threadsBefore = dataThreads();
        childrenBefore = childProcesses();
    }

    @AfterEach
    void backToBaseline() {
        assertEquals(threadsBefore, dataThreads(), "jkeras-data-* threads left after the test");
        assertEquals(childrenBefore, childProcesses(), "child processes left after the test");
    }

    // ---------------------------------------------------------------- test sources

    /** Batch i: x = 3 rows x 4 columns of values derived from i (distinct bytes per index), y = [i, i, i]. */
    static Batch batchFor(int i) {
        float[] x = new float[12];
        for (int k = 0; k < 12; k++) {
            x[k] = (float) Math.sin(i * 31.0 + k) * 1000f + i;
        }
        return Batch.of(Tensor.of(x, 3, 4), Tensor.of(new float[] {i, i, i}, 3, 1));
    }

    static int indexOf(Batch b) {
        return (int) b.targets().get(0, 0);
    }

    /** Serializable Sequence with a jittered delay in get (so workers finish out of order). */
    static class SlowSequence extends Sequence implements Serializable {
        private static final long serialVersionUID = 1L;
        final int n;
        final int maxDelayMs;

        SlowSequence(int n, int maxDelayMs) {
            this.n = n;
            this.maxDelayMs = maxDelayMs;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public Batch get(int index) {
            if (maxDelayMs > 0) {
                sleep((index * 7919) % (maxDelayMs + 1));
            }
            return batchFor(index);
        }
    }

    /** Counts gets per index and epoch-hook calls, records threads, checks hooks never overlap get. */
    static class CountingSequence extends Sequence {
        final int n;
        final AtomicIntegerArray gets;
        final AtomicInteger inGet = new AtomicInteger();
        final AtomicInteger maxInGet = new AtomicInteger();
        final AtomicInteger started = new AtomicInteger();
        final List<Thread> hookThreads = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger epochEnds = new AtomicInteger();
        final AtomicInteger epochBegins = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        volatile int generation;          // bumped by onEpochEnd; stamped into every batch
        final int delayMs;

        CountingSequence(int n, int delayMs) {
            this.n = n;
            this.gets = new AtomicIntegerArray(n);
            this.delayMs = delayMs;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public Batch get(int index) {
            int now = inGet.incrementAndGet();
            started.incrementAndGet();
            maxInGet.accumulateAndGet(now, Math::max);
            try {
                gets.incrementAndGet(index);
                if (delayMs > 0) {
                    sleep(delayMs);
                }
                return Batch.of(Tensor.of(new float[] {index, generation}, 1, 2), Tensor.of(new float[] {index}, 1, 1));
            } finally {
                inGet.decrementAndGet();
            }
        }

        @Override
        public void onEpochBegin() {
            epochBegins.incrementAndGet();
            if (inGet.get() != 0) {
                overlaps.incrementAndGet();
            }
            hookThreads.add(Thread.currentThread());
        }

        @Override
        public void onEpochEnd() {
            epochEnds.incrementAndGet();
            if (inGet.get() != 0) {
                overlaps.incrementAndGet();
            }
            hookThreads.add(Thread.currentThread());
            generation++;
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException("interrupted", e);
        }
    }

    /** A predict-style pass: one epoch of size() steps, all batches' bytes in delivery order. */
    static byte[] predictPass(Sequence seq, int workers, boolean processes) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (BatchStream s = BatchStreams.forSequence(seq, workers, 4, false, 0, processes)) {
            s.startEpoch(0);
            for (Batch b; (b = s.next()) != null; ) {
                for (Tensor t : b.tensors()) {
                    for (float f : t.toArray()) {
                        int v = Float.floatToRawIntBits(f);
                        bytes.write(v >>> 24);
                        bytes.write(v >>> 16);
                        bytes.write(v >>> 8);
                        bytes.write(v);
                    }
                }
            }
            s.endEpoch();
        }
        return bytes.toByteArray();
    }

    // ---------------------------------------------------------------- order and exactly-once

    @Test
    void predictOrderWithTwoWorkersEqualsWorkersZeroByteForByte() {
        SlowSequence seq = new SlowSequence(40, 6);
        byte[] direct = predictPass(seq, 0, false);
        byte[] threads = predictPass(seq, 2, false);
        assertEquals(40 * 15 * 4, direct.length);
        assertArrayEquals(direct, threads);
        assertArrayEquals(direct, predictPass(seq, 5, false));
    }

    @Test
    void predictOrderWithTwoProcessesEqualsWorkersZeroByteForByte() {
        SlowSequence seq = new SlowSequence(30, 4);
        assertArrayEquals(predictPass(seq, 0, false), predictPass(seq, 2, true));
    }

    @Test
    void everyIndexExactlyOncePerEpochWithSeveralThreads() {
        CountingSequence seq = new CountingSequence(53, 1);
        int epochs = 3;
        try (BatchStream s = BatchStreams.forSequence(seq, 4, 5, true, 42, false)) {
            for (int e = 0; e < epochs; e++) {
                int[] seen = new int[53];
                s.startEpoch(e);
                assertEquals(53, s.stepsThisEpoch());
                for (Batch b; (b = s.next()) != null; ) {
                    seen[indexOf(b)]++;
                }
                s.endEpoch();
                for (int i = 0; i < 53; i++) {
                    assertEquals(1, seen[i], "index " + i + " delivered in epoch " + e);
                    assertEquals(e + 1, seq.gets.get(i), "get(" + i + ") calls after epoch " + e);
                }
            }
        }
        assertTrue(seq.maxInGet.get() <= 4, "at most workers gets at once: " + seq.maxInGet.get());
    }

    @Test
    void everyIndexExactlyOncePerEpochWithSeveralProcesses() {
        SlowSequence seq = new SlowSequence(37, 2);
        try (BatchStream s = BatchStreams.forSequence(seq, 3, 6, true, 7, true)) {
            for (int e = 0; e < 2; e++) {
                int[] seen = new int[37];
                s.startEpoch(e);
                for (Batch b; (b = s.next()) != null; ) {
                    seen[indexOf(b)]++;
                    assertArrayEquals(batchFor(indexOf(b)).inputs().toArray(), b.inputs().toArray());
                }
                s.endEpoch();
                for (int i = 0; i < 37; i++) {
                    assertEquals(1, seen[i], "index " + i + " delivered in epoch " + e);
                }
            }
        }
    }

    @Test
    void shuffledOrderIsSeededPerEpochAndIndependentOfWorkers() {
        List<List<Integer>> orders = new ArrayList<>();
        for (int workers : new int[] {0, 3}) {
            try (BatchStream s = BatchStreams.forSequence(new SlowSequence(20, 1), workers, 10, true, 99, false)) {
                for (int e = 0; e < 2; e++) {
                    List<Integer> order = new ArrayList<>();
                    s.startEpoch(e);
                    for (Batch b; (b = s.next()) != null; ) {
                        order.add(indexOf(b));
                    }
                    s.endEpoch();
                    orders.add(order);
                }
            }
        }
        assertEquals(orders.get(0), orders.get(2), "epoch 0: workers 0 vs 3");
        assertEquals(orders.get(1), orders.get(3), "epoch 1: workers 0 vs 3");
        assertNotEquals(orders.get(0), orders.get(1), "epochs are shuffled differently");
        List<Integer> sorted = new ArrayList<>(orders.get(0));
        Collections.sort(sorted);
        assertEquals(20, sorted.size());
        for (int i = 0; i < 20; i++) {
            assertEquals(i, sorted.get(i));
        }
    }

    @Test
    void stepsBeyondSizeContinueIntoANewPassAndFewerStepsStopEarly() {
        CountingSequence seq = new CountingSequence(5, 0);
        try (BatchStream s = BatchStreams.forSequence(seq, 2, 3, false, 0, false)) {
            s.startEpoch(0, 7);
            List<Integer> order = new ArrayList<>();
            for (Batch b; (b = s.next()) != null; ) {
                order.add(indexOf(b));
            }
            s.endEpoch();
            assertEquals(List.of(0, 1, 2, 3, 4, 0, 1), order);
            s.startEpoch(1, 2);
            assertEquals(0, indexOf(s.next()));
            assertEquals(1, indexOf(s.next()));
            assertNull(s.next());
            s.endEpoch();
        }
        assertEquals(2, seq.epochEnds.get());
        assertEquals(0, seq.overlaps.get());
    }

    // ---------------------------------------------------------------- epoch hooks

    @Test
    void onEpochEndOncePerEpochOnTheCallersThreadNeverOverlappingGet() {
        for (int workers : new int[] {0, 1, 3}) {
            CountingSequence seq = new CountingSequence(12, 1);
            int epochs = 4;
            try (BatchStream s = BatchStreams.forSequence(seq, workers, 3, true, 1, false)) {
                for (int e = 0; e < epochs; e++) {
                    s.startEpoch(e);
                    for (Batch b; (b = s.next()) != null; ) {
                        // every batch of epoch e was produced after e onEpochEnd calls and before the next one
                        assertEquals(e, (int) b.inputs().get(0, 1), "batch of epoch " + e + " produced in the wrong epoch");
                    }
                    assertEquals(e, seq.epochEnds.get(), "onEpochEnd must wait until endEpoch()");
                    s.endEpoch();
                }
            }
            assertEquals(epochs, seq.epochEnds.get(), "workers=" + workers);
            assertEquals(epochs, seq.epochBegins.get(), "workers=" + workers);
            assertEquals(0, seq.overlaps.get(), "a hook ran while get was running; workers=" + workers);
            for (Thread t : seq.hookThreads) {
                assertSame(Thread.currentThread(), t, "hooks run on the caller's thread");
            }
        }
    }

    @Test
    void epochEndedEarlyDropsPrefetchAndStillCallsOnEpochEndOnce() {
        CountingSequence seq = new CountingSequence(30, 2);
        try (BatchStream s = BatchStreams.forSequence(seq, 3, 8, false, 0, false)) {
            s.startEpoch(0);
            s.next();
            s.next();
            s.endEpoch(); // e.g. stopTraining after two steps
            assertEquals(0, seq.inGet.get());
            assertEquals(1, seq.epochEnds.get());
            s.startEpoch(1);
            assertEquals(0, indexOf(s.next()), "a new epoch starts at the beginning of a pass");
            s.endEpoch();
        }
        assertEquals(0, seq.overlaps.get());
    }

    @Test
    void failureOfABatchFetchedAheadIsDroppedWhenTheEpochEndsBeforeIt() {
        CountingSequence seq = new CountingSequence(10, 0) {
            @Override
            public Batch get(int index) {
                if (index == 5 && epochEnds.get() == 0) {
                    sleep(100); // fails after batch 0 was delivered (a known failure is reported at once)
                    throw new IllegalStateException("only in epoch 1");
                }
                return super.get(index);
            }
        };
        try (BatchStream s = BatchStreams.forSequence(seq, 2, 8, false, 0, false)) {
            s.startEpoch(0);
            assertEquals(0, indexOf(s.next()));
            sleep(400); // index 5 fails in the background meanwhile
            DataException e = assertThrows(DataException.class, s::next, "a known failure is reported at once");
            assertEquals(5, e.batchIndex());
            s.endEpoch(); // the caller chose to end the epoch: the never-delivered batch's failure goes with it
            assertEquals(1, seq.epochEnds.get());
            s.startEpoch(1);
            int n = 0;
            while (s.next() != null) {
                n++;
            }
            assertEquals(10, n);
            s.endEpoch();
        }
    }

    @Test
    void childProcessesSeeStateChangedByOnEpochEnd() {
        ShiftingSequence seq = new ShiftingSequence();
        try (BatchStream s = BatchStreams.forSequence(seq, 2, 4, false, 0, true)) {
            for (int e = 0; e < 3; e++) {
                s.startEpoch(e);
                for (Batch b; (b = s.next()) != null; ) {
                    assertEquals(e * 100, (int) b.inputs().get(0, 0) - indexOf(b), "child saw a stale Sequence");
                }
                s.endEpoch();
            }
        }
    }

    static class ShiftingSequence extends Sequence implements Serializable {
        private static final long serialVersionUID = 1L;
        int shift;

        @Override
        public int size() {
            return 6;
        }

        @Override
        public Batch get(int index) {
            return Batch.of(Tensor.of(new float[] {index + shift}, 1, 1), Tensor.of(new float[] {index}, 1, 1));
        }

        @Override
        public void onEpochEnd() {
            shift += 100;
        }
    }

    // ---------------------------------------------------------------- bounds

    @Test
    void maxQueueSizeBoundsRequestedButUnconsumedBatches() {
        CountingSequence seq = new CountingSequence(60, 0);
        int maxQueue = 3;
        try (BatchStream s = BatchStreams.forSequence(seq, 4, maxQueue, false, 0, false)) {
            s.startEpoch(0);
            for (int i = 0; i < 5; i++) {
                s.next();
            }
            sleep(300); // workers have all the time they want: they must stop at the bound
            assertEquals(5 + maxQueue, seq.started.get(), "gets started while the consumer paused");
            int consumed = 5;
            while (s.next() != null) {
                consumed++;
                assertTrue(seq.started.get() <= consumed + maxQueue, "bound exceeded");
            }
            s.endEpoch();
            assertEquals(60, seq.started.get());
        }
        assertTrue(seq.maxInGet.get() <= 3, "concurrent gets bounded by min(workers, maxQueueSize)");
    }

    @Test
    void generatorReadsAheadAtMostMaxQueueSize() {
        AtomicInteger read = new AtomicInteger();
        Iterator<Batch> gen = Generators.of(() -> batchFor(read.getAndIncrement()));
        try (BatchStream s = BatchStreams.forGenerator(gen, 4, 1)) {
            s.startEpoch(0, 100);
            for (int i = 0; i < 3; i++) {
                assertEquals(i, indexOf(s.next()), "generator order kept");
            }
            sleep(300);
            assertEquals(3 + 4, read.get());
            s.endEpoch();
            s.startEpoch(1, 100);
            assertEquals(3, indexOf(s.next()), "read-ahead carries over to the next epoch");
            s.endEpoch();
        }
    }

    // ---------------------------------------------------------------- workers = 0 and generators

    @Test
    void workersZeroRunsEverythingOnTheCallersThread() {
        List<Thread> getThreads = Collections.synchronizedList(new ArrayList<>());
        Sequence seq = new Sequence() {
            @Override
            public int size() {
                return 4;
            }

            @Override
            public Batch get(int index) {
                getThreads.add(Thread.currentThread());
                return batchFor(index);
            }
        };
        try (BatchStream s = BatchStreams.forSequence(seq, 0, 10, false, 0, true)) {
            s.startEpoch(0);
            assertEquals(threadsBefore, dataThreads(), "workers=0 starts no thread");
            for (int i = 0; i < 4; i++) {
                assertEquals(i, indexOf(s.next()));
            }
            assertNull(s.next());
            s.endEpoch();
        }
        assertEquals(4, getThreads.size());
        getThreads.forEach(t -> assertSame(Thread.currentThread(), t));
        // a generator with workers 0 is read on the caller's thread too
        List<Thread> genThreads = new ArrayList<>();
        Iterator<Batch> gen = Generators.of(() -> {
            genThreads.add(Thread.currentThread());
            return genThreads.size() > 2 ? null : batchFor(genThreads.size());
        });
        try (BatchStream s = BatchStreams.forGenerator(gen, 10, 0)) {
            s.startEpoch(0, 5);
            assertEquals(1, indexOf(s.next()));
            assertEquals(2, indexOf(s.next()));
            assertNull(s.next());
            assertTrue(s.exhausted());
            s.endEpoch();
        }
        genThreads.forEach(t -> assertSame(Thread.currentThread(), t));
    }

    @Test
    void generatorWithSeveralWorkersOrProcessesIsRefusedPointingToSequence() {
        Iterator<Batch> gen = List.of(batchFor(0)).iterator();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchStreams.forGenerator(gen, 10, 2));
        assertTrue(e.getMessage().contains("workers=2") && e.getMessage().contains("Sequence"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchStreams.forGenerator(gen, 10, 1, true));
        assertTrue(e.getMessage().contains("Sequence"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchStreams.forSequence(new SlowSequence(1, 0), -1, 10,
                false, 0, false));
        assertTrue(e.getMessage().contains("workers=-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BatchStreams.forSequence(new SlowSequence(1, 0), 1, 0,
                false, 0, false));
        assertTrue(e.getMessage().contains("maxQueueSize=0"), e.getMessage());
    }

    @Test
    void finiteGeneratorEndingEarlyIsReportedAsExhausted() {
        for (int workers : new int[] {0, 1}) {
            List<Batch> three = List.of(batchFor(0), batchFor(1), batchFor(2));
            try (BatchStream s = BatchStreams.forGenerator(Generators.of(three), 10, workers)) {
                s.startEpoch(0, 5);
                for (int i = 0; i < 3; i++) {
                    assertEquals(i, indexOf(s.next()));
                }
                assertFalse(s.exhausted());
                assertNull(s.next());
                assertTrue(s.exhausted(), "workers=" + workers);
                s.endEpoch();
            }
        }
        assertTrue(BatchStreams.RAN_OUT_OF_DATA_WARNING.startsWith("Your input ran out of data; interrupting training."));
    }

    @Test
    void streamAdapterIsReadOnceAndClosed() {
        AtomicInteger closed = new AtomicInteger();
        Stream<Batch> stream = Stream.of(0, 1, 2, 3).map(BatchStreamsTest::batchFor).onClose(closed::incrementAndGet);
        try (BatchStream s = BatchStreams.forGenerator(Generators.of(stream), 2, 1)) {
            s.startEpoch(0, 2);
            assertEquals(0, indexOf(s.next()));
            assertEquals(1, indexOf(s.next()));
            assertNull(s.next(), "epoch of 2 steps");
            s.endEpoch();
        }
        assertEquals(1, closed.get(), "closing the BatchStream closes the Stream");
    }

    // ---------------------------------------------------------------- failures

    static class FailingSequence extends Sequence implements Serializable {
        private static final long serialVersionUID = 1L;
        final int failAt;
        static final AtomicLong THROWN_AT = new AtomicLong();

        FailingSequence(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public int size() {
            return 40;
        }

        @Override
        public Batch get(int index) {
            if (index == failAt) {
                THROWN_AT.set(System.nanoTime());
                throw new IllegalStateException("corrupt file for batch " + index);
            }
            sleep(2);
            return batchFor(index);
        }
    }

    @Test
    void exceptionInGet17SurfacesWithinOneSecondNamingIndex17() {
        for (int workers : new int[] {0, 2}) {
            FailingSequence seq = new FailingSequence(17);
            try (BatchStream s = BatchStreams.forSequence(seq, workers, 10, false, 0, false)) {
                s.startEpoch(0);
                DataException e = assertThrows(DataException.class, () -> {
                    while (s.next() != null) {
                        sleep(20); // a training step
                    }
                });
                long latencyMs = (System.nanoTime() - FailingSequence.THROWN_AT.get()) / 1_000_000;
                assertTrue(latencyMs < 1000, "surfaced after " + latencyMs + " ms");
                assertEquals(17, e.batchIndex());
                assertTrue(e.getMessage().contains("Sequence.get(17)") && e.getMessage().contains("batch index 17"),
                        e.getMessage());
                assertTrue(e.getCause() instanceof IllegalStateException);
                assertEquals("corrupt file for batch 17", e.getCause().getMessage());
            }
        }
    }

    @Test
    void exceptionInGetInAChildProcessCarriesTheOriginal() {
        try (BatchStream s = BatchStreams.forSequence(new FailingSequence(5), 2, 10, false, 0, true)) {
            s.startEpoch(0);
            DataException e = assertThrows(DataException.class, () -> {
                while (s.next() != null) {
                    // consume
                }
            });
            assertEquals(5, e.batchIndex());
            assertTrue(e.getMessage().contains("Sequence.get(5)") && e.getMessage().contains("worker process"),
                    e.getMessage());
            assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
            assertEquals("corrupt file for batch 5", e.getCause().getMessage());
        }
    }

    @Test
    void exceptionsInSizeAndEpochHooksSurface() {
        Sequence badSize = new SlowSequence(3, 0) {
            @Override
            public int size() {
                throw new ArithmeticException("no length");
            }
        };
        try (BatchStream s = BatchStreams.forSequence(badSize, 2, 10, false, 0, false)) {
            DataException e = assertThrows(DataException.class, () -> s.startEpoch(0));
            assertTrue(e.getMessage().contains("Sequence.size()"), e.getMessage());
            assertTrue(e.getCause() instanceof ArithmeticException);
        }
        Sequence emptySeq = new SlowSequence(0, 0);
        try (BatchStream s = BatchStreams.forSequence(emptySeq, 1, 10, false, 0, false)) {
            DataException e = assertThrows(DataException.class, () -> s.startEpoch(0));
            assertTrue(e.getMessage().contains("returned 0"), e.getMessage());
        }
        for (int workers : new int[] {0, 2}) {
            Sequence badEnd = new SlowSequence(3, 0) {
                @Override
                public void onEpochEnd() {
                    throw new UnsupportedOperationException("cannot reshuffle");
                }
            };
            try (BatchStream s = BatchStreams.forSequence(badEnd, workers, 10, false, 0, false)) {
                s.startEpoch(0);
                while (s.next() != null) {
                    // consume
                }
                DataException e = assertThrows(DataException.class, s::endEpoch);
                assertTrue(e.getMessage().contains("Sequence.onEpochEnd()") && e.getMessage().contains("epoch 1"),
                        e.getMessage());
                assertTrue(e.getCause() instanceof UnsupportedOperationException);
            }
        }
    }

    @Test
    void exceptionInGeneratorSurfacesNamingTheItem() {
        for (int workers : new int[] {0, 1}) {
            AtomicInteger n = new AtomicInteger();
            Iterator<Batch> gen = Generators.of(() -> {
                int i = n.getAndIncrement();
                if (i == 4) {
                    throw new IllegalArgumentException("bad line 4");
                }
                return batchFor(i);
            });
            try (BatchStream s = BatchStreams.forGenerator(gen, 10, workers)) {
                s.startEpoch(0, 10);
                long t0 = System.nanoTime();
                DataException e = assertThrows(DataException.class, () -> {
                    while (s.next() != null) {
                        // consume
                    }
                });
                assertTrue((System.nanoTime() - t0) / 1_000_000 < 1000);
                assertEquals(4, e.batchIndex());
                assertTrue(e.getMessage().contains("generator failed producing batch 4"), e.getMessage());
                assertTrue(e.getCause() instanceof IllegalArgumentException);
            }
        }
    }

    @Test
    void nullBatchIsAnErrorNamingTheIndex() {
        Sequence nulls = new SlowSequence(5, 0) {
            @Override
            public Batch get(int index) {
                return index == 3 ? null : super.get(index);
            }
        };
        try (BatchStream s = BatchStreams.forSequence(nulls, 2, 10, false, 0, false)) {
            s.startEpoch(0);
            DataException e = assertThrows(DataException.class, () -> {
                while (s.next() != null) {
                    // consume
                }
            });
            assertEquals(3, e.batchIndex());
            assertTrue(e.getCause().getMessage().contains("returned null"), e.getCause().getMessage());
        }
    }

    @Test
    void killedChildProcessSurfacesAsAnErrorNamingTheBatch() {
        SlowSequence seq = new SlowSequence(200, 30);
        try (BatchStream s = BatchStreams.forSequence(seq, 2, 4, false, 0, true)) {
            s.startEpoch(0);
            assertEquals(0, indexOf(s.next()));
            ProcessHandle.current().children().forEach(ProcessHandle::destroyForcibly);
            long t0 = System.nanoTime();
            DataException e = assertThrows(DataException.class, () -> {
                while (s.next() != null) {
                    // consume
                }
            });
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 3000, "a dead child must not hang the consumer");
            assertTrue(e.getMessage().contains("died") && e.getMessage().contains("batch index " + e.batchIndex()),
                    e.getMessage());
            assertTrue(e.batchIndex() >= 1, "names the batch it was computing: " + e.batchIndex());
            assertTrue(e.getCause() instanceof ProcessWorkers.WorkerDiedException, String.valueOf(e.getCause()));
        }
    }

    @Test
    void nonSerializableSequenceIsRefusedBeforeAnyProcessStarts() {
        Sequence local = new Sequence() {
            @Override
            public int size() {
                return 1;
            }

            @Override
            public Batch get(int index) {
                return batchFor(index);
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchStreams.forSequence(local, 2, 10, false, 0, true));
        assertTrue(e.getMessage().contains("java.io.Serializable") && e.getMessage().contains("useMultiprocessing=false"),
                e.getMessage());
        assertEquals(childrenBefore, childProcesses());
        HoldsThread bad = new HoldsThread();
        e = assertThrows(IllegalArgumentException.class, () -> BatchStreams.forSequence(bad, 2, 10, false, 0, true));
        assertTrue(e.getMessage().contains("java.lang.Object") && e.getMessage().contains("transient"), e.getMessage());
    }

    static class HoldsThread extends SlowSequence {
        private static final long serialVersionUID = 1L;
        final Object lock = new Object();

        HoldsThread() {
            super(2, 0);
        }
    }

    @Test
    void interruptWhileWaitingEndsWithADataExceptionAndCloseCleansUp() {
        Sequence slow = new SlowSequence(10, 0) {
            @Override
            public Batch get(int index) {
                sleep(index == 0 ? 50 : 5_000);
                return batchFor(index);
            }
        };
        try (BatchStream s = BatchStreams.forSequence(slow, 2, 10, false, 0, false)) {
            s.startEpoch(0);
            assertEquals(0, indexOf(s.next()));
            Thread.currentThread().interrupt();
            DataException e = assertThrows(DataException.class, s::next);
            assertTrue(e.getCause() instanceof InterruptedException);
            assertTrue(Thread.interrupted(), "the interrupt flag is kept");
        }
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseIsRefused() {
        BatchStream s = BatchStreams.forSequence(new SlowSequence(3, 0), 2, 10, false, 0, false);
        s.startEpoch(0);
        s.next();
        s.close();
        s.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, s::next);
        assertTrue(e.getMessage().contains("closed"));
    }

    @Test
    void batchChecksRowsAndStructures() {
        Tensor x = Tensor.zeros(4, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Batch.of(x, Tensor.zeros(3, 1)));
        assertTrue(e.getMessage().contains("same number of rows"), e.getMessage());
        Batch multi = Batch.of(List.of(x, Tensor.zeros(4, 3)), java.util.Map.of("out", Tensor.zeros(4, 1)));
        assertEquals(4, multi.size());
        assertEquals(3, multi.tensors().size());
        IllegalStateException s = assertThrows(IllegalStateException.class, multi::inputs);
        assertTrue(s.getMessage().contains("inputStructure()"), s.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Batch.of("text", x));
        assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
        assertNull(Batch.ofInputs(x).targets());
    }

    @Test
    void multiInputBatchesCrossTheProcessBoundary() {
        try (BatchStream s = BatchStreams.forSequence(new MultiSequence(), 1, 2, false, 0, true)) {
            s.startEpoch(0);
            Batch b = s.next();
            @SuppressWarnings("unchecked")
            List<Tensor> in = (List<Tensor>) b.inputStructure();
            assertEquals(2, in.size());
            assertArrayEquals(new int[] {2, 3}, in.get(1).shape());
            assertEquals(List.of("out"), new ArrayList<>(((java.util.Map<?, ?>) b.targetStructure()).keySet()));
            assertArrayEquals(new float[] {0.5f, 0.25f}, b.sampleWeights().toArray());
            s.endEpoch();
        }
    }

    static class MultiSequence extends Sequence implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int size() {
            return 1;
        }

        @Override
        public Batch get(int index) {
            return Batch.of(List.of(Tensor.ones(2, 1), Tensor.full(3f, 2, 3)), java.util.Map.of("out", Tensor.zeros(2, 4)),
                    Tensor.vector(0.5f, 0.25f));
        }
    }
}
