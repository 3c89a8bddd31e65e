package org.jkeras.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.jkeras.testing.NoLeakedWorkers;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Worker processes get a heap derived from this JVM's (or the one given in their JVM options), and an
 * out-of-memory error in one is reported at once, naming the worker, the batch, the heap and how to raise it.
 */
@ExtendWith(NoLeakedWorkers.class)
class WorkerHeapTest {
    private static final long MIB = 1L << 20;

    /** Every batch reports the max heap (MiB) of the JVM that computed it. */
    static final class HeapProbe extends Sequence implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int size() {
            return 2;
        }

        @Override
        public Batch get(int index) {
            float mib = Runtime.getRuntime().maxMemory() / (float) MIB;
            return Batch.of(Tensor.of(new float[] {mib}, 1, 1), Tensor.of(new float[] {index}, 1, 1));
        }
    }

    /** get(hungryAt) keeps allocating 1 MiB arrays (up to 1 TiB) until the heap runs out. */
    static final class HungrySequence extends Sequence implements Serializable {
        private static final long serialVersionUID = 1L;
        final int n;
        final int hungryAt;

        HungrySequence(int n, int hungryAt) {
            this.n = n;
            this.hungryAt = hungryAt;
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public Batch get(int index) {
            if (index == hungryAt) {
                List<byte[]> hoard = new ArrayList<>();
                for (int i = 0; i < (1 << 20); i++) {
                    hoard.add(new byte[1 << 20]);
                }
                return Batch.of(Tensor.of(new float[] {hoard.size()}, 1, 1), Tensor.of(new float[] {index}, 1, 1));
            }
            return BatchStreamsTest.batchFor(index);
        }
    }

    private static float workerHeapMib(WorkerOptions options) {
        try (BatchStream s = BatchStreams.forSequence(new HeapProbe(), 1, 2, false, 0L, true, options)) {
            s.startEpoch(0);
            return s.next().inputs().get(0, 0);
        }
    }

    /** A JVM's Runtime.maxMemory() is its -Xmx less a survivor space: within a few percent below it. */
    private static void assertHeapNear(long expectedMib, float reportedMib) {
        assertTrue(reportedMib <= expectedMib && reportedMib >= 0.85 * expectedMib,
                "worker heap " + reportedMib + " MiB, expected about -Xmx" + expectedMib + "m");
    }

    @Test
    void derivedHeapIsAQuarterOfThisJvmsWithinAFloorAndACeiling() {
        assertEquals(2048 * MIB, WorkerCommand.derivedHeap(8192 * MIB, 1000));           // 8 GiB / 4
        assertEquals(256 * MIB, WorkerCommand.derivedHeap(512 * MIB, 1000));             // floor
        assertEquals(4096 * MIB, WorkerCommand.derivedHeap(64L * 1024 * MIB, 1000));     // ceiling
        assertEquals(3 * 200 * MIB + 64 * MIB, WorkerCommand.derivedHeap(1024 * MIB, 200 * MIB)); // room for the Sequence
        assertEquals(302 * MIB, WorkerCommand.derivedHeap(1205 * MIB, 0));               // 301.25 MiB, rounded up
    }

    @Test
    void aWorkerRunsWithTheDerivedHeapOrTheOneItsJvmOptionsSet() {
        long parentMib = Runtime.getRuntime().maxMemory() / MIB;
        long expected = Math.max(256, Math.min(4096, parentMib / 4));
        assertHeapNear(expected, workerHeapMib(WorkerOptions.defaults()));
        // a collector of the user's own replaces jkeras's -XX:+UseSerialGC (two would stop the JVM)
        assertHeapNear(96, workerHeapMib(WorkerOptions.defaults().workerJvmOptions("-Xmx96m", "-XX:+UseParallelGC")));
    }

    @Test
    void heapOptionsAreRecognisedAndTheHintSuggestsDoubleTheHeap() {
        assertEquals("-Xmx2g", WorkerCommand.heapOption(List.of("-Dx=1", "-Xmx2g")));
        assertEquals("-XX:MaxRAMPercentage=10", WorkerCommand.heapOption(List.of("-XX:MaxRAMPercentage=10")));
        assertEquals("-XX:MaxHeapSize=1g", WorkerCommand.heapOption(List.of("-XX:MaxHeapSize=1g")));
        assertNull(WorkerCommand.heapOption(List.of("-Xms64m", "-Dx=1")));
        assertTrue(WorkerCommand.selectsGc(List.of("-XX:+UseG1GC")));
        assertTrue(!WorkerCommand.selectsGc(List.of("-XX:+UseCompressedOops", "-Xmx1g")));
        assertEquals(512 * MIB, WorkerCommand.parseSize("512m"));
        assertEquals(3L << 30, WorkerCommand.parseSize("3G"));
        assertTrue(WorkerCommand.raiseHint(61 * MIB).contains("workerJvmOptions(\"-Xmx128m\")"));
        assertTrue(WorkerCommand.raiseHint(1470 * MIB).contains("-Xmx4g"));
        assertTrue(WorkerCommand.raiseHint(2048 * MIB).contains("-Xmx4g"));
    }

    @Test
    void outOfMemoryInAWorkerIsReportedNamingTheWorkerTheBatchAndTheHeap() {
        WorkerOptions small = WorkerOptions.defaults().workerJvmOptions("-Xmx64m");
        try (BatchStream s = BatchStreams.forSequence(new HungrySequence(6, 2), 2, 3, false, 0L, true, small)) {
            s.startEpoch(0);
            DataException e = assertThrows(DataException.class, () -> {
                for (int i = 0; i < 6; i++) {
                    assertEquals(i, BatchStreamsTest.indexOf(s.next()));
                }
            });
            assertEquals(2, e.batchIndex(), e.getMessage());
            assertTrue(e.getCause() instanceof OutOfMemoryError, "cause: " + e.getCause());
            String m = e.getMessage();
            assertTrue(m.contains("Sequence.get(2) ran out of memory in data worker process"), m);
            assertTrue(m.contains("batch index 2"), m);
            assertTrue(m.contains("max heap is") && m.contains("-Xmx64m, from the worker JVM options"), m);
            assertTrue(m.contains("workerJvmOptions(\"-Xmx128m\")"), "says how to raise it: " + m);
        }
    }

    @Test
    void aWorkerJvmThatCannotServeIsReportedWhenTheEpochStarts() {
        // "--version" makes the worker JVM print its version to its stdout and exit, as a JVM that cannot start does
        WorkerOptions exits = WorkerOptions.defaults().workerJvmOptions("--version");
        try (BatchStream s = BatchStreams.forSequence(new HeapProbe(), 2, 2, false, 0L, true, exits)) {
            DataException e = assertThrows(DataException.class, () -> s.startEpoch(0));
            assertTrue(e.getMessage().contains("did not start") && e.getMessage().contains("--version"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("standard output"), "says why: " + e.getMessage());
            assertTrue(e.getMessage().contains("workerJvmOptions"), e.getMessage());
        }
    }

    @Test
    void badWorkerJvmOptionsAreRefusedSayingWhy() {
        String[][] cases = {{null, "null"}, {" ", "blank"}, {"Xmx2g", "start with '-'"}, {"-cp", "set by jkeras"},
            {"-jar", "set by jkeras"}, {"-Xmx2g -Xms1g", "its own string"}};
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> WorkerOptions.defaults().workerJvmOptions(c[0]));
            assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
        }
        assertEquals(List.of("-Xmx2g", "-Dname=a b"),
                WorkerOptions.defaults().workerJvmOptions("-Xmx2g", "-Dname=a b").workerJvmOptions());
    }
}
