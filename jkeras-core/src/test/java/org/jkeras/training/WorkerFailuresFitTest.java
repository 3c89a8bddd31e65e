package org.jkeras.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.jkeras.data.Batch;
import org.jkeras.data.DataException;
import org.jkeras.data.Sequence;
import org.jkeras.data.WorkerOptions;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.InputLayer;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.SGD;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.jkeras.testing.NoLeakedWorkers;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * fit, evaluate and predict end with a clear error, instead of hanging or thrashing, when a worker's {@code get}
 * never returns (with a batch timeout) or a worker process runs out of memory; nothing is left running after.
 */
@ExtendWith(NoLeakedWorkers.class)
class WorkerFailuresFitTest {

    /** Four batches of 2 rows x 3 features; get(stuckAt) blocks until interrupted, get(hungryAt) eats all memory. */
    static final class TroubleSequence extends Sequence implements Serializable {
        private static final long serialVersionUID = 1L;
        final int stuckAt;
        final int hungryAt;

        TroubleSequence(int stuckAt, int hungryAt) {
            this.stuckAt = stuckAt;
            this.hungryAt = hungryAt;
        }

        @Override
        public int size() {
            return 4;
        }

        @Override
        public Batch get(int index) {
            if (index == stuckAt) {
                stuck();
            }
            if (index == hungryAt) {
                List<byte[]> hoard = new ArrayList<>();
                for (int i = 0; i < (1 << 20); i++) {
                    hoard.add(new byte[1 << 20]);
                }
            }
            return batch(index);
        }
    }

    static Batch batch(int index) {
        float[] x = new float[6];
        for (int k = 0; k < 6; k++) {
            x[k] = index + k * 0.1f;
        }
        return Batch.of(Tensor.of(x, 2, 3), Tensor.of(new float[] {index, -index}, 2, 1));
    }

    static void stuck() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stuck", e);
        }
    }

    private static Sequential model() {
        Sequential m = new Sequential(new InputLayer(3), new Dense(1));
        m.compile(new SGD(0.01), "mse");
        return m;
    }

    private static void assertTimedOut(DataException e, int index) {
        assertTimedOut(e, index, "0.500 s");
    }

    private static void assertTimedOut(DataException e, int index, String timeout) {
        assertEquals(index, e.batchIndex(), e.getMessage());
        assertInstanceOf(TimeoutException.class, e.getCause(), e.getMessage());
        assertTrue(e.getMessage().contains("within the batch timeout") && e.getMessage().contains(timeout),
                e.getMessage());
    }

    @Test
    void aStuckGetEndsFitEvaluateAndPredictWithTheBatchTimeout() {
        Sequential m = model();
        TroubleSequence seq = new TroubleSequence(2, -1);
        Duration t = Duration.ofMillis(500);
        assertTimedOut(assertThrows(DataException.class, () -> m.fitGenerator(seq,
                FitOptions.defaults().epochs(2).shuffle(false).verbose(0).workers(2).batchTimeout(t))), 2);
        assertTimedOut(assertThrows(DataException.class, () -> m.evaluateGenerator(seq,
                EvaluateOptions.defaults().verbose(0).workers(2).batchTimeout(t))), 2);
        assertTimedOut(assertThrows(DataException.class, () -> m.predictGenerator(seq,
                EvaluateOptions.defaults().verbose(0).workers(1).batchTimeout(t))), 2);
    }

    @Test
    void aStuckGeneratorEndsFitWithTheBatchTimeout() {
        Iterator<Batch> gen = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Batch next() {
                if (i == 3) {
                    stuck();
                }
                return batch(i++);
            }
        };
        DataException e = assertThrows(DataException.class, () -> model().fitGenerator(gen,
                FitOptions.defaults().stepsPerEpoch(2).epochs(3).verbose(0).batchTimeout(Duration.ofMillis(500))));
        assertTimedOut(e, 3);
    }

    @Test
    void aStuckGetInAWorkerProcessEndsFitAndTheProcessIsKilled() {
        DataException e = assertThrows(DataException.class, () -> model().fitGenerator(new TroubleSequence(1, -1),
                FitOptions.defaults().shuffle(false).verbose(0).workers(2).useMultiprocessing(true)
                        .workerOptions(WorkerOptions.defaults().batchTimeout(Duration.ofMillis(1500)))));
        assertTimedOut(e, 1, "1.50 s"); // a worker's first get also loads classes: more slack than for threads
        assertTrue(e.getMessage().contains("in data worker process"), e.getMessage());
    }

    @Test
    void outOfMemoryInAWorkerProcessEndsFitNamingTheWorkerTheBatchAndTheHeap() {
        DataException e = assertThrows(DataException.class, () -> model().fitGenerator(new TroubleSequence(-1, 3),
                FitOptions.defaults().shuffle(false).verbose(0).workers(1).useMultiprocessing(true)
                        .workerJvmOptions("-Xmx48m")));
        assertEquals(3, e.batchIndex(), e.getMessage());
        assertInstanceOf(OutOfMemoryError.class, e.getCause(), e.getMessage());
        String m = e.getMessage();
        assertTrue(m.contains("Sequence.get(3) ran out of memory in data worker process 0"), m);
        assertTrue(m.contains("-Xmx48m") && m.contains("max heap"), m);
        assertTrue(m.contains("workerJvmOptions(\"-Xmx"), "says how to raise it: " + m);
    }

    @Test
    void optionsValidateTheirArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FitOptions.defaults().batchTimeout(Duration.ZERO));
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EvaluateOptions.defaults().workerJvmOptions("Xmx1g"));
        assertTrue(e.getMessage().contains("'-'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FitOptions.defaults().workerOptions(null));
        assertTrue(e.getMessage().contains("WorkerOptions.defaults()"), e.getMessage());
    }

    @Test
    void workerSettingsWithArraysOnlyAreRefusedLikeWorkers() {
        Sequential m = model();
        Tensor x = Tensor.zeros(4, 3), y = Tensor.zeros(4, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.fit(x, y,
                FitOptions.defaults().verbose(0).batchTimeout(Duration.ofSeconds(1))));
        assertTrue(e.getMessage().contains("batchTimeout") && e.getMessage().contains("arrays"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.evaluate(x, y,
                EvaluateOptions.defaults().verbose(0).workerJvmOptions("-Xmx1g")));
        assertTrue(e.getMessage().contains("workerJvmOptions"), e.getMessage());
        // turned off again, nothing is left to refuse
        m.fit(x, y, FitOptions.defaults().verbose(0).batchTimeout(Duration.ofSeconds(1)).batchTimeout(null));
    }
}
