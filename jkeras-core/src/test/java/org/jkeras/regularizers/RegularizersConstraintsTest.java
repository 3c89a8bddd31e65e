package org.jkeras.regularizers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.autodiff.Variable;
import org.jkeras.constraints.Constraint;
import org.jkeras.constraints.Constraints;
import org.jkeras.constraints.MaxNorm;
import org.jkeras.constraints.MinMaxNorm;
import org.jkeras.constraints.NonNeg;
import org.jkeras.constraints.UnitNorm;
import org.jkeras.layers.core.Dense;
import org.jkeras.optimizers.SGD;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Regularizer values and gradients, constraints, and the Layer/Dense hooks, worked by hand in the comments. */
class RegularizersConstraintsTest {
    private static final Tensor W = Tensor.of(new float[][] {{1, -2}, {3, -4}});

    @Test
    void regularizerValues() {
        // Σ|w| = 10, Σw² = 30
        assertEquals(0.1, new L1().apply(W).item(), 1e-7);
        assertEquals(0.3, new L2().apply(W).item(), 1e-7);
        assertEquals(0.1 * 10 + 0.2 * 30, new L1L2(0.1, 0.2).apply(W).item(), 1e-5);
        assertEquals(0.0, new L1L2().apply(W).item(), 0);
        // rows [1,0] and [1,1]/√2: off-diagonal |0.7071| twice, one pair → 0.01·0.5·1.41421
        Tensor x = Tensor.of(new float[][] {{1, 0}, {1, 1}});
        assertEquals(0.01 * 0.5 * Math.sqrt(2), new OrthogonalRegularizer().apply(x).item(), 1e-7);
        // columns of [[1,2],[3,4]]: cos = 14/√200 = 0.98995 → 0.01·0.5·2·0.98995
        assertEquals(0.01 * 14 / Math.sqrt(200), new OrthogonalRegularizer(0.01, "columns").apply(W).item(), 1e-7);
        assertThrows(IllegalArgumentException.class, () -> new OrthogonalRegularizer(0.01, "diagonal"));
        assertThrows(IllegalArgumentException.class, () -> new L2(-1));
    }

    @Test
    void regularizerGradients() {
        Tensor w = GradientCheck.randomInput(3, 3, 4);
        for (Regularizer r : List.of(new L1(0.3), new L2(0.2), new L1L2(0.1, 0.5), new OrthogonalRegularizer(0.5, "rows"),
                new OrthogonalRegularizer(0.5, "columns"))) {
            GradientCheck.Result res = GradientCheck.check(in -> r.apply(in[0]), new Tensor[] {w}, 1e-2);
            assertTrue(res.passed(2e-2, 2e-3), r + ": " + res);
        }
    }

    @Test
    void registries() {
        assertEquals(0.01, ((L1) Regularizers.get("l1")).l1());
        assertInstanceOf(L2.class, Regularizers.get("L2"));
        assertInstanceOf(L1L2.class, Regularizers.get("l1_l2"));
        assertInstanceOf(OrthogonalRegularizer.class, Regularizers.get("orthogonal_regularizer"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Regularizers.get("l3"));
        assertTrue(e.getMessage().contains("'l3'") && e.getMessage().contains("l1_l2"), e.getMessage());
        assertInstanceOf(MaxNorm.class, Constraints.get("max_norm"));
        assertInstanceOf(MinMaxNorm.class, Constraints.get("MinMaxNorm"));
        assertInstanceOf(NonNeg.class, Constraints.get("non_neg"));
        assertInstanceOf(UnitNorm.class, Constraints.get("unit_norm"));
        e = assertThrows(IllegalArgumentException.class, () -> Constraints.get("positive"));
        assertTrue(e.getMessage().contains("non_neg"), e.getMessage());
    }

    @Test
    void constraints() {
        // columns (axis 0) of [[3, 0], [4, 0.2]] have norms 5 and 0.2
        Tensor w = Tensor.of(new float[][] {{3, 0}, {4, 0.2f}});
        // max_norm 2: column 0 → ·2/5 = [1.2, 1.6]; column 1 stays (0.2/(0.2 + 1e-7))
        assertArrayEquals(new float[] {1.2f, 0f, 1.6f, 0.2f}, new MaxNorm().apply(w).toArray(), 1e-6f);
        // unit_norm: [0.6, 0.8] and [0, 1]
        assertArrayEquals(new float[] {0.6f, 0f, 0.8f, 1f}, new UnitNorm().apply(w).toArray(), 1e-6f);
        // min_max_norm [0.5, 1]: column 0 → norm 1, column 1 → norm 0.5
        assertArrayEquals(new float[] {0.6f, 0f, 0.8f, 0.5f}, new MinMaxNorm(0.5, 1, 1, 0).apply(w).toArray(), 1e-6f);
        // rate 0.5: desired 0.5·1 + 0.5·5 = 3 → [1.8, 2.4]; 0.5·0.5 + 0.5·0.2 = 0.35
        assertArrayEquals(new float[] {1.8f, 0f, 2.4f, 0.35f}, new MinMaxNorm(0.5, 1, 0.5, 0).apply(w).toArray(), 1e-6f);
        // axis 1 (rows): row norms 3 and 4.005 → unit rows
        float[] rows = new UnitNorm(1).apply(w).toArray();
        assertEquals(1f, rows[0], 1e-6f);
        assertEquals(4 / Math.sqrt(16.04), rows[2], 1e-6);
        assertArrayEquals(new float[] {0, 2, 0, 0}, new NonNeg().apply(Tensor.of(new float[][] {{-1, 2}, {0, -3}}))
                .toArray(), 0f);
        assertThrows(IllegalArgumentException.class, () -> new MinMaxNorm(2, 1, 1, 0));
    }

    private static Dense dense() {
        Dense d = new Dense(2);
        return d;
    }

    @Test
    void denseRegularizersFeedLosses() {
        Dense d = dense().kernelRegularizer(new L2(0.1)).biasRegularizer("l1");
        d.build(new int[] {-1, 2});
        d.kernel().assign(W);
        d.bias().assign(Tensor.vector(0.5f, -1f));
        List<Tensor> losses = d.losses();
        assertEquals(2, losses.size());
        assertEquals(3.0, losses.get(0).item(), 1e-6);               // 0.1 · 30
        assertEquals(0.015, losses.get(1).item(), 1e-7);             // 0.01 · 1.5
        // under a tape the penalty differentiates to 2·0.1·w
        try (GradientTape tape = new GradientTape()) {
            tape.watch(d.kernel().value());
            Tensor[] g = tape.gradient(d.losses().get(0), new Tensor[] {d.kernel().value()});
            assertArrayEquals(new float[] {0.2f, -0.4f, 0.6f, -0.8f}, g[0].toArray(), 1e-6f);
        }
        // frozen: no weight penalties (Keras collects them from trainable weights only)
        d.setTrainable(false);
        assertEquals(0, d.losses().size());
        Map<String, Object> c = d.getConfig();
        @SuppressWarnings("unchecked")
        Map<String, Object> kr = (Map<String, Object>) c.get("kernel_regularizer");
        assertEquals("L2", kr.get("class_name"));
        assertEquals(Map.of("l2", 0.1), kr.get("config"));
        assertNull(c.get("kernel_constraint"));
        assertThrows(IllegalStateException.class, () -> d.kernelRegularizer("l2"));
    }

    @Test
    void denseActivityRegularizer() {
        // output of x = [[1, 1], [0, 1]] through kernel [[1,-2],[3,-4]], no bias: [[4, -6], [3, -4]];
        // l1 0.01 · Σ|out| = 0.17, divided by the batch size 2 → 0.085
        Dense d = new Dense(2).useBias(false).activityRegularizer(new L1());
        d.build(new int[] {-1, 2});
        d.kernel().assign(W);
        d.call(Tensor.of(new float[][] {{1, 1}, {0, 1}}), false);
        assertEquals(1, d.losses().size());
        assertEquals(0.085, d.losses().get(0).item(), 1e-7);
        d.call(Tensor.of(new float[][] {{0, 0}}), false);              // replaced by the latest call
        assertEquals(0.0, d.losses().get(0).item(), 0);
    }

    @Test
    void denseConstraintsAfterAnUpdate() {
        Dense d = new Dense(2).kernelConstraint("non_neg").biasConstraint(new MaxNorm(1.0));
        d.build(new int[] {-1, 2});
        d.kernel().assign(W);
        d.bias().assign(Tensor.vector(3f, 4f));
        new SGD(0.1).apply(d.trainableWeights(), new Tensor[] {Tensor.zeros(2, 2), Tensor.zeros(2)});
        d.applyConstraints();
        assertArrayEquals(new float[] {1, 0, 3, 0}, d.kernel().value().toArray(), 0f);
        assertArrayEquals(new float[] {0.6f, 0.8f}, d.bias().value().toArray(), 1e-6f);   // bias norm 5 → 1
        Map<String, Object> c = d.getConfig();
        @SuppressWarnings("unchecked")
        Map<String, Object> kc = (Map<String, Object>) c.get("kernel_constraint");
        assertEquals("NonNeg", kc.get("class_name"));
        assertInstanceOf(Constraint.class, d.constraint(d.kernel()));
    }

    @Test
    void setTrainableFalseFreezes() {
        // Keras's layer.trainable = False: no trainable weights, so an optimizer over trainableWeights() moves nothing
        Dense d = new Dense(2);
        d.build(new int[] {-1, 2});
        d.kernel().assign(W);
        d.setTrainable(false);
        assertEquals(0, d.trainableWeights().size());
        assertEquals(2, d.nonTrainableWeights().size());
        assertEquals(false, d.getConfig().get("trainable"));
        new SGD(0.1).apply(d.trainableWeights(), new Tensor[0]);
        assertArrayEquals(W.toArray(), d.kernel().value().toArray(), 0f);
        // unfreezing restores them
        d.setTrainable(true);
        assertEquals(List.of(d.kernel(), d.bias()), d.trainableWeights());
        // a frozen weight's constraint is not applied either
        Dense c = new Dense(2).kernelConstraint("non_neg");
        c.build(new int[] {-1, 2});
        c.kernel().assign(W);
        c.setTrainable(false);
        c.applyConstraints();
        assertArrayEquals(W.toArray(), c.kernel().value().toArray(), 0f);
        Variable unused = c.kernel();
        assertEquals("kernel", unused.name());
    }
}
