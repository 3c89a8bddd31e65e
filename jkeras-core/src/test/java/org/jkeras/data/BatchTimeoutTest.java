package org.jkeras.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.jkeras.testing.NoLeakedWorkers;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The optional per-batch timeout (a jkeras extension): a {@code get} or generator {@code next} that never returns
 * ends the stream with an error naming the batch and the timeout, and closing leaves no thread or process.
 */
@ExtendWith(NoLeakedWorkers.class)
class BatchTimeoutTest {

    /** Batch i is BatchStreamsTest.batchFor(i), except that get(stuckAt) blocks until interrupted. */
    static final class StuckSequence extends Sequence implements Serializable {
        private static final long serialVersionUID = 1L;
        final int n;
        final int stuckAt;
        final AtomicInteger epochEnds = new AtomicInteger();
        /** Counted down when get(stuckAt) starts (threads only; null in a worker process). */
        final transient CountDownLatch stuckEntered = new CountDownLatch(1);

        StuckSequence(int n, int stuckAt) {
            this.n = n;
            this.stuckAt = stuckAt;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public Batch get(int index) {
            if (index == stuckAt) {
                if (stuckEntered != null) {
                    stuckEntered.countDown();
                }
                blockUntilInterrupted();
            }
            return BatchStreamsTest.batchFor(index);
        }

        @Override
        public void onEpochEnd() {
            epochEnds.incrementAndGet();
        }
    }

    static void blockUntilInterrupted() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stuck", e);
        }
    }

    private static WorkerOptions timeout(long millis) {
        return WorkerOptions.defaults().batchTimeout(Duration.ofMillis(millis));
    }

    /** Reads the epoch until it fails: the batches before are the right ones, in order; returns the failure. */
    private static DataException readUntilFailure(BatchStream s, int steps) {
        s.startEpoch(0, steps);
        int[] expected = {0};
        DataException e = assertThrows(DataException.class, () -> {
            for (Batch b; (b = s.next()) != null; expected[0]++) {
                assertEquals(expected[0], BatchStreamsTest.indexOf(b));
            }
        });
        return e;
    }

    private static void assertTimedOut(DataException e, int index, String timeoutText) {
        assertEquals(index, e.batchIndex(), e.getMessage());
        assertInstanceOf(TimeoutException.class, e.getCause(), e.getMessage());
        assertTrue(e.getMessage().contains("batch index " + index) || e.getMessage().contains("batch " + index),
                e.getMessage());
        assertTrue(e.getMessage().contains("within the batch timeout"), e.getMessage());
        assertTrue(e.getMessage().contains("batch timeout of " + timeoutText), e.getMessage());
        assertTrue(e.getMessage().contains("batchTimeout"), "says how to raise it: " + e.getMessage());
    }

    @Test
    void aStuckGetOnAWorkerThreadEndsTheEpochNamingTheBatchAndTheTimeout() {
        try (BatchStream s = BatchStreams.forSequence(new StuckSequence(8, 3), 2, 4, false, 0L, false, timeout(500))) {
            DataException e = readUntilFailure(s, -1);
            assertTimedOut(e, 3, "0.500 s");
            assertTrue(e.getMessage().contains("Sequence.get(3) did not return"), e.getMessage());
        }
    }

    @Test
    void aStuckGetInAWorkerProcessEndsTheEpochAndTheProcessIsKilled() {
        try (BatchStream s = BatchStreams.forSequence(new StuckSequence(6, 2), 2, 3, false, 0L, true, timeout(1500))) {
            DataException e = readUntilFailure(s, -1);
            assertTimedOut(e, 2, "1.50 s");
            assertTrue(e.getMessage().contains("in data worker process"), e.getMessage());
        }
    }

    @Test
    void aStuckGeneratorEndsTheEpochNamingTheItem() {
        AtomicInteger produced = new AtomicInteger();
        Iterator<Batch> gen = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Batch next() {
                int i = produced.getAndIncrement();
                if (i == 2) {
                    blockUntilInterrupted();
                }
                return BatchStreamsTest.batchFor(i);
            }
        };
        try (BatchStream s = BatchStreams.forGenerator(gen, 4, 1, false, timeout(500))) {
            DataException e = readUntilFailure(s, 10);
            assertTimedOut(e, 2, "0.500 s");
            assertTrue(e.getMessage().contains("The generator did not produce batch 2"), e.getMessage());
        }
    }

    @Test
    void aStuckPrefetchEndsEndEpochInsteadOfHangingAndOnEpochEndIsNotCalledOverIt() throws InterruptedException {
        StuckSequence seq = new StuckSequence(8, 3);
        try (BatchStream s = BatchStreams.forSequence(seq, 2, 4, false, 0L, false, timeout(1000))) {
            s.startEpoch(0);
            assertEquals(0, BatchStreamsTest.indexOf(s.next()));
            assertEquals(1, BatchStreamsTest.indexOf(s.next()));
            assertTrue(seq.stuckEntered.await(10, java.util.concurrent.TimeUnit.SECONDS), "get(3) never started");
            // the epoch ends early (as after stopTraining): index 3 was requested ahead and never returns; ending the
            // epoch waits for it, then gives up
            DataException e = assertThrows(DataException.class, s::endEpoch);
            assertTimedOut(e, 3, "1.00 s");
            assertEquals(0, seq.epochEnds.get(), "onEpochEnd must not run while a get is still running");
        }
    }

    @Test
    void batchesSlowerThanNothingButWithinTheTimeoutAllArriveInOrder() {
        BatchStreamsTest.SlowSequence seq = new BatchStreamsTest.SlowSequence(12, 30);
        try (BatchStream s = BatchStreams.forSequence(seq, 3, 4, false, 0L, false, timeout(5000))) {
            for (int epoch = 0; epoch < 2; epoch++) {
                s.startEpoch(epoch);
                for (int i = 0; i < 12; i++) {
                    assertEquals(i, BatchStreamsTest.indexOf(s.next()));
                }
                assertNull(s.next());
                s.endEpoch();
            }
        }
    }

    @Test
    void withoutWorkersTheTimeoutDoesNotApplyBecauseTheCallersOwnThreadLoads() {
        // get takes up to 40 ms, the timeout is 1 ms: on the caller's thread nothing can interrupt it, so nothing does
        BatchStreamsTest.SlowSequence seq = new BatchStreamsTest.SlowSequence(4, 40);
        try (BatchStream s = BatchStreams.forSequence(seq, 0, 2, false, 0L, false, timeout(1))) {
            s.startEpoch(0);
            for (int i = 0; i < 4; i++) {
                assertEquals(i, BatchStreamsTest.indexOf(s.next()));
            }
            s.endEpoch();
        }
        Iterator<Batch> gen = java.util.stream.IntStream.range(0, 3).mapToObj(i -> {
            BatchStreamsTest.sleep(20);
            return BatchStreamsTest.batchFor(i);
        }).iterator();
        try (BatchStream s = BatchStreams.forGenerator(gen, 2, 0, false, timeout(1))) {
            s.startEpoch(0, 3);
            for (int i = 0; i < 3; i++) {
                assertEquals(i, BatchStreamsTest.indexOf(s.next()));
            }
            s.endEpoch();
        }
    }

    @Test
    void noTimeoutByDefaultAndBadTimeoutsAreRefused() {
        assertNull(WorkerOptions.defaults().batchTimeout());
        assertEquals(0, WorkerOptions.defaults().batchTimeoutNanos());
        assertNull(timeout(10).batchTimeout(null).batchTimeout(), "null turns it off");
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WorkerOptions.defaults().batchTimeout(bad));
            assertTrue(e.getMessage().contains("positive") && e.getMessage().contains(bad.toString()), e.getMessage());
        }
        assertEquals(Long.MAX_VALUE / 4, WorkerOptions.defaults().batchTimeout(Duration.ofDays(365L * 1000))
                .batchTimeoutNanos(), "a timeout of centuries saturates instead of overflowing");
    }
}
