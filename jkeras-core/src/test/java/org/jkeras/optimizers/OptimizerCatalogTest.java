package org.jkeras.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jkeras.autodiff.Variable;
import org.jkeras.optimizers.schedules.ExponentialDecay;
import org.jkeras.optimizers.schedules.PiecewiseConstantDecay;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The optimizers added for issue 3 and the common arguments, three steps on w = [1, -2] with gradients
 * g1 = [0.5, 1], g2 = [-0.2, 0.4], g3 = [0.1, -0.3], against the Keras 3 update rules (torch backend order) evaluated
 * in double with plain python3; the rules are restated in each comment. float32 keeps the Java results within 1e-6.
 */
class OptimizerCatalogTest {
    private static final float[][] G = {{0.5f, 1f}, {-0.2f, 0.4f}, {0.1f, -0.3f}};
    private static final double TOL = 1e-6;

    private static Variable run(Optimizer opt, double[][] expected) {
        return run(opt, expected, TOL);
    }

    private static Variable run(Optimizer opt, double[][] expected, double tol) {
        Variable w = new Variable("w", Tensor.vector(1f, -2f), true);
        for (int s = 0; s < G.length; s++) {
            opt.apply(List.of(w), new Tensor[] {Tensor.vector(G[s])});
            for (int i = 0; i < 2; i++) {
                assertEquals(expected[s][i], w.value().buffer()[i], tol, opt.name() + " step " + (s + 1) + " element " + i);
            }
        }
        assertEquals(G.length, opt.iterations());
        return w;
    }

    private static List<String> slotNames(Optimizer opt) {
        return opt.slotVariables().stream().map(Variable::name).collect(Collectors.toList());
    }

    @Test
    void adagrad() {
        // acc starts at 0.1: acc += g²; w -= 0.1·g / sqrt(acc + 1e-7)
        Adagrad opt = new Adagrad(0.1);
        run(opt, new double[][] {{0.9154845866, -2.0953462546}, {0.9475102133, -2.1309810854},
            {0.9316988269, -2.1051611974}});
        assertEquals(List.of("w_accumulator"), slotNames(opt));
    }

    @Test
    void adadelta() {
        // lr 1, rho 0.95: ag = 0.95·ag + 0.05·g²; d = -sqrt(adv + 1e-7)·g / sqrt(ag + 1e-7); adv = 0.95·adv + 0.05·d²;
        // w += d
        Adadelta opt = new Adadelta(1.0);
        run(opt, new double[][] {{0.9985857921, -2.0014142121}, {0.9993451142, -2.0021735375},
            {0.9989406385, -2.0015802219}});
        assertEquals(List.of("w_accumulated_grad", "w_accumulated_delta_var"), slotNames(opt));
    }

    @Test
    void adamax() {
        // m = 0.9·m + 0.1·g; u = max(0.999·u, |g|); w -= 0.1·m / ((u + 1e-7)·(1 - 0.9^t))
        Adamax opt = new Adamax(0.1);
        run(opt, new double[][] {{0.90000002, -2.09999999}, {0.8736578937, -2.1684895253},
            {0.8496246161, -2.2006571462}});
        assertEquals(List.of("w_momentum", "w_norm"), slotNames(opt));
    }

    @Test
    void lion() {
        // c = 0.9·m + 0.1·g; w -= 0.1·sign(c); m = 0.99·m + 0.01·g
        // step 2: m1 = [0.005, 0.01], c = [0.0045 - 0.02, 0.009 + 0.04] → signs [-1, +1]
        run(new Lion(0.1), new double[][] {{0.9, -2.1}, {1.0, -2.2}, {0.9, -2.1}});
    }

    @Test
    void nadam() {
        // u_t = 0.9(1 - 0.5·0.96^t), u_t1 = 0.9(1 - 0.5·0.96^(t+1)), Πu *= u_t;
        // m̂ = u_t1·m/(1 - Πu·u_t1) + (1 - u_t)·g/(1 - Πu); v̂ = v/(1 - 0.999^t); w -= 0.1·m̂/(sqrt(v̂) + 1e-7)
        // In double: [0.8937212409, -2.1062787697], [0.9249864971, -2.1509341286], [0.9015430682, -2.132214585].
        // The division by sqrt(v̂) amplifies float32 rounding to ~1e-6, so the expected values are the same steps
        // emulated in float32 (python3, every operation rounded with struct.pack('f')), which Java matches exactly.
        Nadam opt = new Nadam(0.1);
        run(opt, new double[][] {{0.8937219381332397, -2.10627818107605}, {0.9249868988990784, -2.150933027267456},
            {0.9015435576438904, -2.132213592529297}}, 1e-7);
        assertEquals(0.11397994511155204, opt.uProduct(), 1e-7);
        assertEquals(List.of("w_momentum", "w_velocity"), slotNames(opt));
    }

    @Test
    void ftrl() {
        // p = 0.5, acc0 = 0.1: lin += g - (sqrt(n') - sqrt(n))/lr·w; w = (clip(lin, -l1, l1) - lin)/(sqrt(n')/lr + 2·l2')
        run(new Ftrl(0.1), new double[][] {{0.3809620907, -1.4923235698}, {0.4129877215, -1.527958402},
            {0.3971763332, -1.502138513}});
        // with l1 0.05, l2 0.1, l2_shrinkage 0.01, beta 0.5 (l2' = 0.1 + 0.5/(2·0.1) = 2.6)
        Ftrl reg = Ftrl.builder().learningRate(0.1).l1(0.05).l2(0.1).l2Shrinkage(0.01).beta(0.5).build();
        run(reg, new double[][] {{0.1964543405, -0.9919386713}, {0.2135859218, -1.0150839906},
            {0.2045381351, -0.9960398958}});
        assertThrows(IllegalArgumentException.class, () -> Ftrl.builder().learningRatePower(0.5).build());
    }

    @Test
    void adamW() {
        // w *= 1 - 0.004·0.1 before each Adam step (lr 0.1, Adam's bias-corrected alpha)
        // (double-precision values; float32 rounding amplified by 1/sqrt(v) moves step 2 by ~1e-6)
        AdamW opt = new AdamW(0.1);
        run(opt, new double[][] {{0.8996006325, -2.0991996838}, {0.8646804104, -2.1882172604},
            {0.826395579, -2.2370942034}}, 3e-6);
        assertEquals(0.004, opt.getConfig().get("weight_decay"));
        assertEquals("adamw", opt.getConfig().get("name"));
        assertThrows(IllegalArgumentException.class, opt::noWeightDecay);
    }

    @Test
    void weightDecayOnAnyOptimizer() {
        // SGD lr 0.1, weight_decay 0.5: w = w·(1 - 0.05) - 0.1·g
        SGD opt = new SGD(0.1).weightDecay(0.5);
        run(opt, new double[][] {{0.9, -2.0}, {0.875, -1.94}, {0.82125, -1.813}});
        // excluded by name: a "bias" variable is only moved by the gradient
        SGD ex = new SGD(0.1).weightDecay(0.5).excludeFromWeightDecay("bias");
        Variable bias = new Variable("dense/bias", Tensor.vector(1f), true);
        Variable kernel = new Variable("dense/kernel", Tensor.vector(1f), true);
        ex.apply(List.of(kernel, bias), new Tensor[] {Tensor.vector(0f), Tensor.vector(0f)});
        assertEquals(0.95f, kernel.value().item(), 1e-7);
        assertEquals(1f, bias.value().item(), 0f);
        assertThrows(IllegalStateException.class, () -> ex.excludeFromWeightDecay("x"));
    }

    @Test
    void clipnorm() {
        // each gradient rescaled to norm <= 0.5: g1 norm 1.118 → g·0.5/1.118; g2 norm 0.447 unchanged; g3 0.316 unchanged
        run(new SGD(0.1).clipnorm(0.5), new double[][] {{0.9776393202, -2.0447213595}, {0.9976393202, -2.0847213595},
            {0.9876393202, -2.0547213595}});
    }

    @Test
    void clipvalue() {
        run(new SGD(0.1).clipvalue(0.25), new double[][] {{0.975, -2.025}, {0.995, -2.05}, {0.985, -2.025}});
    }

    @Test
    void globalClipnorm() {
        // two variables, gradients [0.5, 1] and [2]: global norm sqrt(5.25) = 2.2913, scale 1/2.2913 = 0.43644
        SGD opt = new SGD(0.1).globalClipnorm(1.0);
        Variable a = new Variable("a", Tensor.vector(1f, -2f), true);
        Variable b = new Variable("b", Tensor.vector(3f), true);
        Tensor ga = Tensor.vector(0.5f, 1f), gb = Tensor.vector(2f);
        opt.apply(List.of(a, b), new Tensor[] {ga, gb});
        assertEquals(0.9781782109764008, a.value().buffer()[0], TOL);
        assertEquals(-2.0436435780471984, a.value().buffer()[1], TOL);
        assertEquals(2.912712843905603, b.value().item(), TOL);
        // the caller's gradients are not modified
        assertEquals(2f, gb.item(), 0f);
        // below the threshold: unchanged (scale 1)
        opt.apply(List.of(a, b), new Tensor[] {Tensor.vector(0.1f, 0f), Tensor.vector(0f)});
        assertEquals(0.9781782109764008 - 0.01, a.value().buffer()[0], TOL);
    }

    @Test
    void onlyOneClipArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SGD().clipnorm(1.0).clipvalue(0.5));
        assertTrue(e.getMessage().contains("Only one of `clipnorm`, `clipvalue` and `global_clipnorm`"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SGD().clipnorm(-1));
    }

    @Test
    void emaOfTheWeights() {
        // SGD lr 0.1, ema_momentum 0.9: w as plain SGD; avg1 = w1 (momentum 0 on the first step), then
        // avg = 0.9·avg + 0.1·w: avg2 = [0.952, -2.104], avg3 = [0.9528, -2.1046]
        SGD opt = new SGD(0.1).useEma(true).emaMomentum(0.9);
        Variable w = run(opt, new double[][] {{0.95, -2.1}, {0.97, -2.14}, {0.96, -2.11}});
        assertEquals(List.of("w_average"), slotNames(opt));
        float[] avg = opt.slotVariables().get(0).value().buffer();
        assertEquals(0.9528, avg[0], TOL);
        assertEquals(-2.1046, avg[1], TOL);
        opt.finalizeVariableValues(List.of(w));
        assertEquals(0.9528, w.value().buffer()[0], TOL);
        assertEquals(-2.1046, w.value().buffer()[1], TOL);
        // the averages come before the optimizer's own slots, as Keras's build creates them
        Adam adam = new Adam().useEma(true);
        adam.apply(List.of(new Variable("v", Tensor.vector(1f), true)), new Tensor[] {Tensor.vector(1f)});
        assertEquals(List.of("v_average", "v_momentum", "v_velocity"), slotNames(adam));
    }

    @Test
    void emaOverwriteFrequency() {
        // frequency 2: after step 2 the weights become avg2 = [0.952, -2.104]; step 3: w = [0.942, -2.074],
        // avg3 = 0.9·avg2 + 0.1·w3 = [0.951, -2.101]
        SGD opt = new SGD(0.1).useEma(true).emaMomentum(0.9).emaOverwriteFrequency(2);
        run(opt, new double[][] {{0.95, -2.1}, {0.952, -2.104}, {0.942, -2.074}});
        assertEquals(0.951, opt.slotVariables().get(0).value().buffer()[0], TOL);
        assertThrows(IllegalArgumentException.class, () -> new SGD().emaMomentum(1.5));
        assertThrows(IllegalArgumentException.class, () -> new SGD().emaOverwriteFrequency(0));
        // finalize without EMA does nothing
        Variable v = new Variable("v", Tensor.vector(3f), true);
        new SGD().finalizeVariableValues(List.of(v));
        assertEquals(3f, v.value().item(), 0f);
    }

    @Test
    void learningRateSchedule() {
        // piecewise: lr 0.1 for iterations 0..1, then 0.01; evaluated at iterations before each step
        SGD opt = new SGD().learningRate(new PiecewiseConstantDecay(new long[] {1}, new double[] {0.1, 0.01}));
        assertEquals(0.1, opt.learningRate(), 1e-12);
        // steps at iterations 0, 1 use 0.1; at 2 uses 0.01: w = 1 - 0.05 + 0.02 - 0.001
        Variable w = new Variable("w", Tensor.vector(1f, -2f), true);
        for (float[] g : G) {
            opt.apply(List.of(w), new Tensor[] {Tensor.vector(g)});
        }
        assertEquals(0.969, w.value().buffer()[0], TOL);
        assertEquals(0.01, opt.learningRate(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> opt.setLearningRate(0.5));
        @SuppressWarnings("unchecked")
        Map<String, Object> lr = (Map<String, Object>) new Adam().learningRate(new ExponentialDecay(0.1, 10, 0.5))
                .getConfig().get("learning_rate");
        assertEquals("ExponentialDecay", lr.get("class_name"));
    }

    @Test
    void registryKnowsEveryOptimizer() {
        assertInstanceOf(AdamW.class, Optimizers.get("AdamW"));
        assertInstanceOf(Adagrad.class, Optimizers.get("adagrad"));
        assertInstanceOf(Adadelta.class, Optimizers.get("Adadelta"));
        assertInstanceOf(Adamax.class, Optimizers.get("adamax"));
        assertInstanceOf(Nadam.class, Optimizers.get("Nadam"));
        assertInstanceOf(Ftrl.class, Optimizers.get("ftrl"));
        assertInstanceOf(Lion.class, Optimizers.get("Lion"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.get("adamx"));
        assertTrue(e.getMessage().contains("adamax") && e.getMessage().contains("lion"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Lion(0.1, 0.0, 0.99));
    }
}
