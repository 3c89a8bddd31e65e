package org.jkeras.layers.normalization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jkeras.data.ImageFolderSequence;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.InputLayer;
import org.jkeras.layers.preprocessing.RandomFlip;
import org.jkeras.layers.preprocessing.RandomRotation;
import org.jkeras.layers.preprocessing.Rescaling;
import org.jkeras.layers.reshaping.Flatten;
import org.jkeras.models.Sequential;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import org.jkeras.training.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training flag reaches every layer as in Keras: true in fit and trainOnBatch, false elsewhere. */
class TrainingFlagTest {
    @TempDir
    Path dir;

    /** Records the training flag of each call. */
    static final class Probe extends Layer {
        final List<Boolean> seen = new ArrayList<>();

        @Override
        public List<int[]> computeOutputShape(List<int[]> inputShapes) {
            return List.of(inputShapes.get(0).clone());
        }

        @Override
        protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
            seen.add(ctx.training());
            return List.of(inputs.get(0));
        }
    }

    private static Tensor[] data() {
        Tensor x = Tensor.randomNormal(3, 2f, 3f, 16, 4);
        float[] y = new float[16 * 2];
        for (int i = 0; i < 16; i++) y[i * 2 + (i % 2)] = 1;
        return new Tensor[] {x, Tensor.of(y, 16, 2)};
    }

    @Test
    void eachEntryPointPassesKerasTrainingFlag() {
        Probe probe = new Probe();
        Sequential m = new Sequential(new InputLayer(4), probe, new Dense(2, "softmax"));
        m.compile("sgd", "categorical_crossentropy");
        Tensor[] d = data();
        EvaluateOptions quiet = EvaluateOptions.defaults().verbose(0);
        m.fit(d[0], d[1], FitOptions.defaults().epochs(1).batchSize(8).verbose(0));
        assertTrue(!probe.seen.isEmpty() && probe.seen.stream().allMatch(b -> b), "fit: " + probe.seen);
        probe.seen.clear();
        m.evaluate(d[0], d[1], quiet);
        m.predict(d[0], quiet);
        m.testOnBatch(d[0], d[1]);
        m.predictOnBatch(d[0]);
        assertTrue(!probe.seen.isEmpty() && probe.seen.stream().noneMatch(b -> b), "evaluate/predict/on-batch: " + probe.seen);
        probe.seen.clear();
        m.trainOnBatch(d[0], d[1]);
        assertEquals(List.of(true), probe.seen, "trainOnBatch");
        probe.seen.clear();
        m.fit(d[0], d[1], FitOptions.defaults().epochs(1).batchSize(8).validationSplit(0.5).verbose(0));
        assertTrue(probe.seen.contains(true) && probe.seen.contains(false), "fit with validation: " + probe.seen);
    }

    @Test
    void theFlagReachesLayersInsideNestedModels() {
        Probe inner = new Probe();
        Sequential nested = new Sequential("nested", new InputLayer(4), inner, new Dense(3));
        Sequential m = new Sequential(new InputLayer(4), nested, new Dense(2, "softmax"));
        m.compile("sgd", "categorical_crossentropy");
        Tensor[] d = data();
        m.fit(d[0], d[1], FitOptions.defaults().epochs(1).batchSize(16).verbose(0));
        assertTrue(!inner.seen.isEmpty() && inner.seen.stream().allMatch(b -> b), "fit: " + inner.seen);
        inner.seen.clear();
        m.predict(d[0], EvaluateOptions.defaults().verbose(0));
        m.evaluate(d[0], d[1], EvaluateOptions.defaults().verbose(0));
        assertTrue(!inner.seen.isEmpty() && inner.seen.stream().noneMatch(b -> b), "predict/evaluate: " + inner.seen);
    }

    @Test
    void batchNormUpdatesOnlyInFitAndPredictsWithMovingStatistics() {
        Seeds.setGlobalSeed(1);
        BatchNormalization bn = new BatchNormalization().momentum(0.5);
        Sequential m = new Sequential(new InputLayer(4), bn, new Dense(2, "softmax"));
        m.compile("sgd", "categorical_crossentropy");
        Tensor[] d = data();
        EvaluateOptions quiet = EvaluateOptions.defaults().verbose(0);
        m.fit(d[0], d[1], FitOptions.defaults().epochs(2).batchSize(16).shuffle(false).verbose(0));
        float[] mean = bn.movingMean().value().toArray(), var = bn.movingVariance().value().toArray();
        // two full-batch steps with momentum 0.5 from (0, 1): m = 0.75·batch mean, v = 0.25 + 0.75·batch variance
        for (int c = 0; c < 4; c++) {
            double s = 0, q = 0;
            for (int i = 0; i < 16; i++) s += d[0].get(i, c);
            double mu = s / 16;
            for (int i = 0; i < 16; i++) q += Math.pow(d[0].get(i, c) - mu, 2);
            assertEquals(0.75 * mu, mean[c], 1e-5);
            assertEquals(0.25 + 0.75 * q / 16, var[c], 1e-4);
        }
        m.evaluate(d[0], d[1], quiet);
        Tensor p = m.predict(d[0], quiet);
        m.testOnBatch(d[0], d[1]);
        m.predictOnBatch(d[0]);
        assertArrayEquals(mean, bn.movingMean().value().toArray(), "evaluate and predict leave the statistics");
        Tensor byHand = m.layers().get(1).call(
                org.jkeras.ops.NormalizationOps.batchNormInference(d[0], bn.movingMean().value(),
                        bn.movingVariance().value(), bn.gamma().value(), bn.beta().value(), -1, 1e-3f), false);
        assertArrayEquals(byHand.toArray(), p.toArray(), 1e-6f, "predict uses the moving statistics");
        m.trainOnBatch(d[0], d[1]);
        assertFalse(java.util.Arrays.equals(mean, bn.movingMean().value().toArray()), "trainOnBatch updates them");
    }

    @Test
    void augmentationLayersTrainOnAnImageFolderSequence() throws IOException {
        for (String cls : new String[] {"cat", "dog"}) {
            Path sub = Files.createDirectories(dir.resolve(cls));
            for (int i = 0; i < 5; i++) {
                java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(10, 8,
                        java.awt.image.BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 8; y++)
                    for (int x = 0; x < 10; x++) img.setRGB(x, y, (cls.equals("cat") ? 0xff0000 : 0x0000ff) ^ (x * y * i));
                ImageIO.write(img, "png", sub.resolve("img" + i + ".png").toFile());
            }
        }
        ImageFolderSequence seq = ImageFolderSequence.builder(dir).batchSize(4).targetSize(8, 8).seed(1).build();
        Probe probe = new Probe();
        Sequential m = new Sequential(new InputLayer(8, 8, 3), new RandomFlip("horizontal").seed(1),
                new RandomRotation(0.1).seed(2), new Rescaling(2.0, -1.0), probe, new BatchNormalization(), new Flatten(),
                new Dense(2, "softmax"));
        m.compile("adam", "categorical_crossentropy", "accuracy");
        Map<String, List<Double>> h = m.fitGenerator(seq, FitOptions.defaults().epochs(2).verbose(0)).history();
        assertEquals(2, h.get("loss").size());
        assertTrue(probe.seen.stream().allMatch(b -> b));
        probe.seen.clear();
        Map<String, Double> ev = m.evaluate(seq, EvaluateOptions.defaults().verbose(0));
        assertTrue(ev.get("accuracy") >= 0 && ev.get("accuracy") <= 1);
        ImageFolderSequence ordered = ImageFolderSequence.builder(dir).batchSize(4).targetSize(8, 8).shuffle(false).build();
        Tensor p1 = m.predict(ordered, EvaluateOptions.defaults().verbose(0));
        Tensor p2 = m.predict(ordered, EvaluateOptions.defaults().verbose(0));
        assertArrayEquals(new int[] {10, 2}, p1.shape());
        assertArrayEquals(p1.toArray(), p2.toArray(), "augmentation is off in predict, so predictions repeat");
        assertTrue(probe.seen.stream().noneMatch(b -> b));
    }
}
