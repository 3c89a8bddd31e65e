package org.jkeras.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.jkeras.callbacks.History;
import org.jkeras.data.Batch;
import org.jkeras.data.FashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedSequenceExampleTest {
    @Test
    void seedProgramTrainsFromAnImageFolder(@TempDir Path dir) throws Exception {
        SeedSequenceExample.makeDemoFolder(FashionMnist.loadFrom(RepositoryData.fashionMnistSubset()), dir, 60);
        List<Path> files = SeedSequenceExample.listImages(dir);
        assertEquals(120, files.size());
        SeedSequenceExample.DataGenerator g = new SeedSequenceExample.DataGenerator(files, 8, true);
        assertEquals(15, g.size());
        Batch last = g.get(14);
        assertEquals(8, last.size());
        assertEquals(1f, last.targets().get(0, 1), "files of dog/ are labelled [0, 1]");

        CapturedOutput<History> r = CapturedOutput.of(() -> SeedSequenceExample.train(dir, 8, 4));
        assertTrue(r.out().contains("Epoch 8/8"), "the seed program shows Keras's progress: " + r.out());
        History h = r.value();
        List<Double> acc = h.history().get("accuracy");
        assertEquals(8, acc.size());
        assertTrue(acc.get(7) > 0.9, "T-shirts vs trousers are easy to tell apart: " + acc);
    }
}
