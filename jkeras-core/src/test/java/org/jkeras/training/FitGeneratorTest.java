package org.jkeras.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jkeras.callbacks.History;
import org.jkeras.data.Batch;
import org.jkeras.data.DataException;
import org.jkeras.data.Npy;
import org.jkeras.data.Sequence;
import org.jkeras.data.TestData;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.InputLayer;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.SGD;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** fit / evaluate / predict on Sequences and generators, through the training loop. */
class FitGeneratorTest {
    private long threadsBefore;

    private static long dataThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("jkeras-data")).count();
    }

    @BeforeEach
    void countThreads() {
        threadsBefore = dataThreads();
    }

    @AfterEach
    void noThreadLeft() throws InterruptedException {
        for (int i = 0; i < 50 && dataThreads() > threadsBefore; i++) {
            Thread.sleep(20);
        }
        assertEquals(threadsBefore, dataThreads(), "jkeras-data threads left behind");
    }

    /** Serves rows [i·b, (i+1)·b) of arrays, like the arrays path without shuffling. */
    static final class ArraySequence extends Sequence {
        final Tensor x, y;
        final int batch;
        final AtomicInteger epochEnds = new AtomicInteger();
        volatile int failAt = -1;

        ArraySequence(Tensor x, Tensor y, int batch) {
            this.x = x;
            this.y = y;
            this.batch = batch;
        }

        @Override
        public int size() {
            return (x.dim(0) + batch - 1) / batch;
        }

        @Override
        public Batch get(int index) {
            if (index == failAt) {
                throw new IllegalStateException("corrupt record in batch " + index);
            }
            int from = index * batch, to = Math.min(x.dim(0), from + batch);
            return Batch.of(x.slice(from, to).copy(), y.slice(from, to).copy());
        }

        @Override
        public void onEpochEnd() {
            epochEnds.incrementAndGet();
        }
    }

    private static Map<String, Tensor> scenarioData() throws Exception {
        return Npy.readNpz(TestData.fixture("keras3-scenarios/data.npz"));
    }

    private static Sequential scenarioModel() throws Exception {
        Map<String, Tensor> init = Npy.readNpz(TestData.fixture("keras3-scenarios/init_weights.npz"));
        Sequential m = new Sequential(new InputLayer(4), new Dense(8, "relu"), new Dense(3, "softmax"));
        m.setWeights(List.of(init.get("arr_0"), init.get("arr_1"), init.get("arr_2"), init.get("arr_3")));
        m.compile(new SGD(0.1), "categorical_crossentropy", "accuracy");
        return m;
    }

    @Test
    void sequenceGivesTheSameHistoryAndWeightsAsArrays() throws Exception {
        Map<String, Tensor> d = scenarioData();
        Sequential arrays = scenarioModel();
        History ha = arrays.fit(d.get("x"), d.get("y"), FitOptions.defaults().batchSize(16).epochs(3).shuffle(false).verbose(0));
        for (int workers : new int[] {0, 2}) {
            Sequential seq = scenarioModel();
            ArraySequence s = new ArraySequence(d.get("x"), d.get("y"), 16);
            History hs = seq.fitGenerator(s, FitOptions.defaults().epochs(3).shuffle(false).verbose(0).workers(workers));
            assertEquals(ha.history(), hs.history(), "workers=" + workers);
            assertEquals(ha.epoch(), hs.epoch());
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(arrays.getWeights().get(i).toArray(), seq.getWeights().get(i).toArray());
            }
            assertEquals(3, s.epochEnds.get(), "onEpochEnd once per epoch");
        }
        // and Keras 3.16's own History for this scenario ("basic")
        assertEquals(1.1068567037582397, ha.history().get("loss").get(2), 1e-4);
    }

    @Test
    void predictGeneratorKeepsIndexOrderWithSeveralWorkers() throws Exception {
        Map<String, Tensor> d = scenarioData();
        Sequential m = scenarioModel();
        ArraySequence s = new ArraySequence(d.get("x"), d.get("y"), 7);
        Tensor serial = m.predictGenerator(s, EvaluateOptions.defaults().workers(0).verbose(0));
        Tensor parallel = m.predictGenerator(s, EvaluateOptions.defaults().workers(2).maxQueueSize(3).verbose(0));
        assertArrayEquals(serial.toArray(), parallel.toArray());
        assertArrayEquals(m.predict(d.get("x"), EvaluateOptions.defaults().verbose(0)).toArray(), serial.toArray());
        assertEquals(m.evaluate(d.get("x"), d.get("y"), EvaluateOptions.defaults().batchSize(7).verbose(0)),
                m.evaluateGenerator(s, EvaluateOptions.defaults().workers(2).verbose(0)));
    }

    @Test
    void aFailingGetEndsTrainingQuicklyNamingTheIndex() throws Exception {
        Map<String, Tensor> d = scenarioData();
        Tensor x = Tensor.zeros(400, 4), y = Tensor.zeros(400, 3);
        ArraySequence s = new ArraySequence(x, y, 16);
        s.failAt = 17 % s.size();
        long t0 = System.nanoTime();
        DataException e = assertThrows(DataException.class, () -> scenarioModel().fitGenerator(s,
                FitOptions.defaults().epochs(2).shuffle(false).verbose(0).workers(2)));
        assertTrue((System.nanoTime() - t0) / 1e9 < 1.0, "surfaced within a second");
        assertEquals(17, e.batchIndex());
        assertTrue(e.getMessage().contains("17"), e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(d.size() > 0);
    }

    @Test
    void generatorsNeedStepsAndOneWorker() throws Exception {
        Sequential m = scenarioModel();
        Iterator<Batch> gen = List.of(Batch.of(Tensor.zeros(2, 4), Tensor.zeros(2, 3))).iterator();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.fitGenerator(gen, FitOptions.defaults().verbose(0)));
        assertTrue(e.getMessage().contains("steps_per_epoch"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> m.fitGenerator(gen, FitOptions.defaults().stepsPerEpoch(1).workers(2).verbose(0)));
        assertTrue(e.getMessage().contains("Sequence"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.fitGenerator(new ArraySequence(Tensor.zeros(4, 4),
                Tensor.zeros(4, 3), 2), FitOptions.defaults().validationSplit(0.5).verbose(0)));
        assertTrue(e.getMessage().contains("validation_split"), e.getMessage());
    }

    @Test
    void aFiniteGeneratorThatRunsOutEndsTheEpochWithKerasWarningAndStops() throws Exception {
        Map<String, Tensor> d = scenarioData();
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batches.add(Batch.of(d.get("x").slice(i * 10, i * 10 + 10), d.get("y").slice(i * 10, i * 10 + 10)));
        }
        Sequential m = scenarioModel();
        PrintStream savedErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        History h;
        try {
            h = m.fitGenerator(batches.iterator(), FitOptions.defaults().stepsPerEpoch(3).epochs(4).verbose(0));
        } finally {
            System.setErr(savedErr);
        }
        assertEquals(List.of(0, 1), h.epoch(), "3 + 2 batches, then the data ended and training stopped");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Your input ran out of data; interrupting training."), err.toString());
    }

    @Test
    void validationFromASequence() throws Exception {
        Map<String, Tensor> d = scenarioData();
        Sequential m = scenarioModel();
        ArraySequence val = new ArraySequence(d.get("x_val"), d.get("y_val"), 4);
        History h = m.fitGenerator(new ArraySequence(d.get("x"), d.get("y"), 16),
                FitOptions.defaults().epochs(2).shuffle(false).verbose(0).validationData(val));
        assertEquals(List.of("accuracy", "loss", "val_accuracy", "val_loss"), new ArrayList<>(h.history().keySet()));
        assertSame(m.history(), h);
    }
}
