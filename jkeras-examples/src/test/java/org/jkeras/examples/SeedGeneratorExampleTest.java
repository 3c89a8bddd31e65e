package org.jkeras.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jkeras.callbacks.History;
import org.jkeras.data.Batch;
import org.jkeras.models.Model;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedGeneratorExampleTest {
    @Test
    void generatorReadsLinesForeverAsNamedBatches(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my_file.txt");
        Files.writeString(file, "1,2,3,4,5,6,1\n\n0.5,0,0,0,0,0.25,0\n");
        Iterator<Batch> g = SeedGeneratorExample.generateArraysFromFile(file, 1);
        Batch first = g.next();
        Map<?, ?> in = (Map<?, ?>) first.inputStructure();
        assertArrayEquals(new float[] {1, 2, 3}, ((Tensor) in.get("input_1")).toArray());
        assertArrayEquals(new float[] {4, 5, 6}, ((Tensor) in.get("input_2")).toArray());
        assertArrayEquals(new float[] {1}, ((Tensor) ((Map<?, ?>) first.targetStructure()).get("output")).toArray());
        g.next();
        Batch again = g.next(); // the file ended: it is read again from the start
        assertArrayEquals(new float[] {1, 2, 3}, ((Tensor) ((Map<?, ?>) again.inputStructure()).get("input_1")).toArray());
    }

    @Test
    void seedProgramTrainsTheTwoInputModelWithFitGenerator(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my_file.txt");
        SeedGeneratorExample.makeDemoFile(file, 400, 1);
        org.jkeras.utils.Keras.setRandomSeed(5);
        Model model = SeedGeneratorExample.buildModel();
        assertEquals(List.of("input_1", "input_2"), model.inputNames());
        assertEquals(List.of("output"), model.outputNames());
        History h = SeedGeneratorExample.train(model, file, 100, 6, 4, 0); // 100 batches of 4 lines: the whole file
        List<Double> acc = h.history().get("accuracy");
        assertEquals(6, acc.size());
        assertTrue(acc.get(5) > 0.85, "sum(x1) > sum(x2) is linearly separable: " + h.history());
        Tensor p = model.predictGenerator(SeedGeneratorExample.generateArraysFromFile(file, 10),
                EvaluateOptions.defaults().steps(3).verbose(0));
        assertArrayEquals(new int[] {30, 1}, p.shape());
    }
}
