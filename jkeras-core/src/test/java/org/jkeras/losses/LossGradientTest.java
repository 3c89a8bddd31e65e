package org.jkeras.losses;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.autodiff.GradientInputs;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every loss's gradient with respect to y_pred (through compute, with sample weights) against finite differences. */
class LossGradientTest {

    private static Tensor probs(long seed, int rows, int c) {
        // Kept well away from 0 so the curvature of log p does not swamp the finite-difference step.
        return GradientInputs.probabilities(seed, 0.5f, rows, c);
    }

    private static Tensor oneHot(int rows, int c) {
        return GradientInputs.oneHot(rows, c);
    }

    private static Tensor labels(int rows, int c, boolean column) {
        float[] d = new float[rows];
        for (int i = 0; i < rows; i++) d[i] = (i * 7 + 1) % c;
        return column ? Tensor.of(d, rows, 1) : Tensor.of(d, rows);
    }

    private static final Tensor WEIGHTS = Tensor.vector(1f, 0f, 2f, 0.5f);

    /** A case: the loss, y_true, the y_pred to differentiate at, and whether to pass it through softmax first. */
    private static Arguments c(String name, Loss loss, Tensor yTrue, Tensor yPred, boolean viaSoftmax) {
        return Arguments.of(name, loss, yTrue, yPred, viaSoftmax);
    }

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        Tensor r = GradientCheck.randomInput(1, 4, 3);
        a.add(c("mse", new MeanSquaredError(), GradientCheck.randomInput(2, 4, 3), r, false));
        a.add(c("mae", new MeanAbsoluteError(), GradientCheck.randomInput(3, 4, 3), GradientCheck.randomInput(4, 4, 3), false));
        a.add(c("mse rank-1 targets", new MeanSquaredError(), GradientCheck.randomInput(5, 4),
                GradientCheck.randomInput(6, 4, 1), false));
        a.add(c("cce probabilities", new CategoricalCrossentropy(), oneHot(4, 5), probs(7, 4, 5), false));
        a.add(c("cce softmax (fused)", new CategoricalCrossentropy(), oneHot(4, 5), GradientCheck.randomInput(8, 4, 5), true));
        a.add(c("cce label smoothing", new CategoricalCrossentropy(false, 0.2), oneHot(4, 5), probs(9, 4, 5), false));
        a.add(c("cce from logits", new CategoricalCrossentropy(true, 0.0), oneHot(4, 5), GradientCheck.randomInput(10, 4, 5), false));
        a.add(c("cce from logits + smoothing", new CategoricalCrossentropy(true, 0.1), oneHot(4, 5),
                GradientCheck.randomInput(11, 4, 5), false));
        a.add(c("sce labels [n]", new SparseCategoricalCrossentropy(), labels(4, 5, false), probs(12, 4, 5), false));
        a.add(c("sce labels [n,1] softmax", new SparseCategoricalCrossentropy(), labels(4, 5, true),
                GradientCheck.randomInput(13, 4, 5), true));
        a.add(c("sce from logits", new SparseCategoricalCrossentropy(true), labels(4, 5, false),
                GradientCheck.randomInput(14, 4, 5), false));
        a.add(c("bce probabilities", new BinaryCrossentropy(), Tensor.randomUniform(15, 0f, 1f, 4, 3),
                Tensor.randomUniform(16, 0.05f, 0.95f, 4, 3), false));
        a.add(c("bce label smoothing", new BinaryCrossentropy(false, 0.2), oneHot(4, 3),
                Tensor.randomUniform(17, 0.05f, 0.95f, 4, 3), false));
        a.add(c("bce from logits", new BinaryCrossentropy(true, 0.0), oneHot(4, 3), GradientCheck.randomInput(18, 4, 3), false));
        a.add(c("bce rank-1 targets", new BinaryCrossentropy(), Tensor.vector(1, 0, 1, 0),
                Tensor.randomUniform(19, 0.05f, 0.95f, 4, 1), false));
        Tensor pos = Tensor.randomUniform(20, 0.2f, 2f, 4, 3);
        Tensor posT = Tensor.randomUniform(21, 0.2f, 2f, 4, 3);
        a.add(c("mape", new MeanAbsolutePercentageError(), posT, pos, false));
        a.add(c("msle", new MeanSquaredLogarithmicError(), posT, Tensor.randomUniform(22, 0.2f, 2f, 4, 3), false));
        a.add(c("huber", new Huber(0.5), GradientCheck.randomInput(23, 4, 3), GradientCheck.randomInput(24, 4, 3), false));
        a.add(c("log_cosh", new LogCosh(), GradientCheck.randomInput(25, 4, 3), GradientCheck.randomInput(26, 4, 3), false));
        a.add(c("poisson", new Poisson(), posT, Tensor.randomUniform(27, 0.3f, 2f, 4, 3), false));
        a.add(c("kl_divergence", new KLDivergence(), probs(28, 4, 3), probs(29, 4, 3), false));
        a.add(c("cosine_similarity", new CosineSimilarity(), GradientCheck.randomInput(30, 4, 3),
                GradientCheck.randomInput(31, 4, 3), false));
        a.add(c("hinge", new Hinge(), oneHot(4, 3), Tensor.randomUniform(32, -0.5f, 0.5f, 4, 3), false));
        a.add(c("squared_hinge", new SquaredHinge(), oneHot(4, 3), Tensor.randomUniform(33, -0.5f, 0.5f, 4, 3), false));
        a.add(c("categorical_hinge", new CategoricalHinge(), oneHot(4, 3), probs(34, 4, 3), false));
        a.add(c("binary_focal", new BinaryFocalCrossentropy(), oneHot(4, 3),
                Tensor.randomUniform(35, 0.05f, 0.95f, 4, 3), false));
        a.add(c("binary_focal balanced logits smoothing", new BinaryFocalCrossentropy(true, 0.25, 2.0, true, 0.1),
                oneHot(4, 3), GradientCheck.randomInput(36, 4, 3), false));
        return a.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(String name, Loss loss, Tensor yTrue, Tensor yPred, boolean viaSoftmax) {
        for (Tensor w : new Tensor[] {null, WEIGHTS}) {
            GradientCheck.Result result = GradientCheck.check(x -> loss.compute(yTrue,
                    viaSoftmax ? Ops.softmax(x[0], -1) : x[0], w), new Tensor[] {yPred}, 1e-2);
            assertTrue(result.passed(2e-2, 2e-3), name + (w == null ? "" : " weighted") + ": " + result);
            GradientCheck.Result perSample = GradientCheck.check(x -> loss.call(yTrue,
                    viaSoftmax ? Ops.softmax(x[0], -1) : x[0]), new Tensor[] {yPred}, 1e-2);
            assertTrue(perSample.passed(2e-2, 2e-3), name + " per sample: " + perSample);
        }
    }
}
