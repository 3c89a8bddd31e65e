package org.jkeras.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The losses added for issue 3 against values computed in double with plain python3 from the Keras 3 formulas
 * (losses.py); the script's arithmetic is summarised next to each case. Reductions: "sum over batch size",
 * {@code Σ lᵢ·wᵢ / n}, with the weights {@code W = [2, 0.5]}.
 */
class LossCatalogTest {
    private static final Tensor T = Tensor.of(new float[][] {{1, 0, 2}, {0.5f, 3, 0}});
    private static final Tensor P = Tensor.of(new float[][] {{0.8f, 0.3f, 1.5f}, {1, 2, 0.2f}});
    private static final Tensor W = Tensor.vector(2f, 0.5f);
    private static final double TOL = 2e-6;

    /** Checks per-sample values, the unweighted reduction and the weighted one. */
    private static void check(Loss loss, Tensor t, Tensor p, double[] perSample, double weighted) {
        Tensor per = loss.call(t, p);
        assertEquals(perSample.length, per.size());
        for (int i = 0; i < perSample.length; i++) {
            assertEquals(perSample[i], per.buffer()[per.offset() + i], Math.abs(perSample[i]) * TOL + TOL, "sample " + i);
        }
        double mean = (perSample[0] + perSample[1]) / 2;
        assertEquals(mean, loss.compute(t, p, null).item(), Math.abs(mean) * TOL + TOL, "unweighted");
        assertEquals(weighted, loss.compute(t, p, W).item(), Math.abs(weighted) * TOL + TOL, "weighted");
    }

    @Test
    void meanAbsolutePercentageError() {
        // 100·mean(|(t-p)/t|): row 0 (0.2 + 0.85 + 0.625)/3·100 = 55.8333; row 1 (1 + 1/3 + 0.9)/3·100 = 74.4444
        // weighted (2·55.8333 + 0.5·74.4444)/2 = 74.4444
        Tensor t = Tensor.of(new float[][] {{1, 2, 4}, {0.5f, 3, 2}});
        check(new MeanAbsolutePercentageError(), t, P, new double[] {55.833333333, 74.444444444}, 74.444444444);
        // a zero target divides by epsilon = 1e-7: |0 - 0.3| / 1e-7 · 100 / 3 = 1e8 (plus row 0's other terms)
        assertEquals(1.00000015e8, new MeanAbsolutePercentageError().call(T, P).buffer()[0], 1e2);
    }

    @Test
    void meanSquaredLogarithmicError() {
        // mean((log(max(p,1e-7)+1) - log(max(t,1e-7)+1))²) per row
        check(new MeanSquaredLogarithmicError(), T, P, new double[] {0.03772564770939386, 0.06625435440925834},
                0.05428923631170844);
    }

    @Test
    void huber() {
        // e = p - t: row 0 [-0.2, 0.3, -0.5] all within delta 1: 0.5·(0.04+0.09+0.25)/3 = 0.063333
        // row 1 [0.5, -1, 0.2]: (0.125 + 0.5 + 0.02)/3 = 0.215
        check(new Huber(), T, P, new double[] {0.06333333333333334, 0.215}, 0.11708333333333334);
        // delta 0.5: row 1's |e|=1 becomes 0.5·1 - 0.5·0.25 = 0.375, |e|=0.5 stays 0.125 → (0.125+0.375+0.02)/3
        Tensor per = new Huber(0.5).call(T, P);
        assertEquals(0.17333333333333334, per.buffer()[1], 1e-6);
        assertEquals("huber_loss", new Huber().name());
        assertThrows(IllegalArgumentException.class, () -> new Huber(-1));
    }

    @Test
    void logCosh() {
        // mean(log(cosh(p - t)))
        check(new LogCosh(), T, P, new double[] {0.061441116241408376, 0.19125446976043733}, 0.10925473368151771);
    }

    @Test
    void poisson() {
        // mean(p - t·log(p + 1e-7))
        check(new Poisson(), T, P, new double[] {0.6707376922548534, 0.3735194194400569}, 0.7641175471148676);
    }

    @Test
    void cosineSimilarity() {
        // -Σ t·p / (|t|·|p|): row 0 -(0.8 + 3)/(sqrt(5)·sqrt(2.98)) = -0.98444; row 1 -0.95198
        check(new CosineSimilarity(), T, P, new double[] {-0.9844427442865955, -0.9519786795214514},
                -1.2224374141669583);
        // a zero vector normalises to zero (rsqrt of max(0, 1e-14)), loss 0, not NaN
        Tensor zero = Tensor.zeros(1, 2);
        assertEquals(0.0, new CosineSimilarity().call(zero, Tensor.of(new float[] {1, 1}, 1, 2)).item(), 0.0);
    }

    @Test
    void klDivergence() {
        // Σ t·log(t/p) with both clipped to [1e-7, 1]; row 1 has t = [0,1,0] → 1e-7 terms are tiny: ≈ log 2
        Tensor t = Tensor.of(new float[][] {{0.2f, 0.3f, 0.5f}, {0, 1, 0}});
        Tensor p = Tensor.of(new float[][] {{0.1f, 0.6f, 0.3f}, {0.25f, 0.5f, 0.25f}});
        check(new KLDivergence(), t, p, new double[] {0.18609809382700082, 0.6931442341996873}, 0.35938415237692267);
    }

    @Test
    void hingeFamily() {
        // 0/1 labels become -1/1: row 0 y = [1,-1,1], p = [0.3,-0.6,1.5] → max(1-y·p,0) = [0.7, 0.4, 0] → 0.36667
        // row 1 y = [-1,-1,1], p = [0.2,-2,-0.4] → [1.2, 0, 1.4] → 0.86667
        Tensor t = Tensor.of(new float[][] {{1, 0, 1}, {0, 0, 1}});
        Tensor p = Tensor.of(new float[][] {{0.3f, -0.6f, 1.5f}, {0.2f, -2, -0.4f}});
        check(new Hinge(), t, p, new double[] {0.3666666666666667, 0.8666666666666666}, 0.5833333333333334);
        // already signed labels give the same result
        Tensor signed = Tensor.of(new float[][] {{1, -1, 1}, {-1, -1, 1}});
        check(new Hinge(), signed, p, new double[] {0.3666666666666667, 0.8666666666666666}, 0.5833333333333334);
        // squared: [0.49+0.16+0]/3 = 0.21667; [1.44+0+1.96]/3 = 1.13333
        check(new SquaredHinge(), t, p, new double[] {0.21666666666666665, 1.133333333333333}, 0.4999999999999999);
        // categorical: pos = Σ y·p, neg = max((1-y)·p): row 0 pos 0.5 neg 0.3 → 0.8; row 1 pos 0.1 neg 0.7 → 1.6
        Tensor ct = Tensor.of(new float[][] {{0, 1, 0}, {1, 0, 0}});
        Tensor cp = Tensor.of(new float[][] {{0.2f, 0.5f, 0.3f}, {0.1f, 0.7f, 0.2f}});
        check(new CategoricalHinge(), ct, cp, new double[] {0.8, 1.6}, 1.2);
    }

    @Test
    void binaryFocalCrossentropy() {
        // bce per element with p clipped to [1e-7, 1-1e-7]; p_t = y·p + (1-y)(1-p); mean((1-p_t)^gamma · bce)
        Tensor t = Tensor.of(new float[][] {{1, 0, 1}, {0, 1, 0}});
        Tensor p = Tensor.of(new float[][] {{0.9f, 0.2f, 0.6f}, {0.3f, 0.4f, 0.05f}});
        check(new BinaryFocalCrossentropy(), t, p, new double[] {0.03057048233723506, 0.12069788055505021},
                0.06074495247599761);
        // class balancing multiplies by y·0.25 + (1-y)·0.75
        assertEquals(0.02233810538178759, new BinaryFocalCrossentropy(true, 0.25, 2.0, false, 0).compute(t, p, null)
                .item(), 1e-7);
        // label smoothing 0.1 (targets 0.95 / 0.05) and gamma 1.5
        assertEquals(0.11117873128552423, new BinaryFocalCrossentropy(false, 0.25, 1.5, false, 0.1)
                .compute(t, p, null).item(), 1e-6);
        // from logits: sigmoid first
        Tensor z = Tensor.of(new float[][] {{2, -1, 0.5f}, {-0.3f, 0.1f, -3}});
        assertEquals(0.05632373455427303, new BinaryFocalCrossentropy(false, 0.25, 2.0, true, 0).compute(t, z, null)
                .item(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> new BinaryFocalCrossentropy(false, 1.5, 2, false, 0));
    }

    @Test
    void registryKnowsKerasNamesAndAliases() {
        String[][] names = {
            {"mape", "mape"}, {"MAPE", "MAPE"}, {"mean_absolute_percentage_error", "mean_absolute_percentage_error"},
            {"MeanAbsolutePercentageError", "mean_absolute_percentage_error"}, {"msle", "msle"}, {"MSLE", "MSLE"},
            {"MeanSquaredLogarithmicError", "mean_squared_logarithmic_error"},
            {"binary_focal_crossentropy", "binary_focal_crossentropy"},
            {"BinaryFocalCrossentropy", "binary_focal_crossentropy"}, {"hinge", "hinge"}, {"Hinge", "hinge"},
            {"squared_hinge", "squared_hinge"}, {"SquaredHinge", "squared_hinge"},
            {"categorical_hinge", "categorical_hinge"}, {"CategoricalHinge", "categorical_hinge"},
            {"huber", "huber"}, {"Huber", "huber_loss"}, {"log_cosh", "log_cosh"}, {"LogCosh", "log_cosh"},
            {"kl_divergence", "kl_divergence"}, {"kld", "kld"}, {"KLD", "KLD"}, {"KLDivergence", "kl_divergence"},
            {"poisson", "poisson"}, {"Poisson", "poisson"}, {"cosine_similarity", "cosine_similarity"},
            {"CosineSimilarity", "cosine_similarity"}};
        for (String[] n : names) {
            assertEquals(n[1], Losses.get(n[0]).name(), n[0]);
        }
        assertInstanceOf(Huber.class, Losses.get("huber"));
        assertInstanceOf(KLDivergence.class, Losses.get("KLD"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.get("logcosh"));
        assertTrue(e.getMessage().contains("log_cosh"), e.getMessage());
    }
}
