package org.jkeras.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.jkeras.autodiff.Variable;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Three update steps of each optimizer on w = [1, -2] with gradients g1 = [0.5, 1], g2 = [-0.2, 0.4],
 * g3 = [0.1, -0.3], against the Keras 3 update rules evaluated by hand / in double with plain python3 (the
 * arithmetic is in the comments). float32 rounding keeps the Java result within 1e-6 of these.
 */
class OptimizersTest {
    private static final float[][] G = {{0.5f, 1f}, {-0.2f, 0.4f}, {0.1f, -0.3f}};
    private static final double TOL = 1e-6;

    /** Runs the optimizer over {@code grads} and checks w after each step against {@code expected[step]}. */
    private static Variable run(Optimizer opt, float[][] grads, double[][] expected) {
        Variable w = new Variable("w", Tensor.vector(1f, -2f), true);
        for (int s = 0; s < grads.length; s++) {
            opt.apply(List.of(w), new Tensor[] {Tensor.vector(grads[s])});
            for (int i = 0; i < 2; i++) {
                assertEquals(expected[s][i], w.value().buffer()[i], TOL, "step " + (s + 1) + " element " + i);
            }
        }
        assertEquals(grads.length, opt.iterations());
        return w;
    }

    @Test
    void sgdPlain() {
        // w -= 0.1·g: [1 - 0.05, -2 - 0.1] = [0.95, -2.1]; then + [0.02, -0.04] = [0.97, -2.14];
        // then - [0.01, -0.03] = [0.96, -2.11]
        SGD opt = new SGD(0.1);
        run(opt, G, new double[][] {{0.95, -2.1}, {0.97, -2.14}, {0.96, -2.11}});
        assertEquals(0, opt.slotVariables().size());                 // momentum 0: Keras builds no slots
    }

    @Test
    void sgdMomentum() {
        // m = 0.9·m - 0.1·g; w += m
        // m1 = [-0.05, -0.1]            w1 = [0.95, -2.1]
        // m2 = [-0.045+0.02, -0.09-0.04] = [-0.025, -0.13]      w2 = [0.925, -2.23]
        // m3 = [-0.0225-0.01, -0.117+0.03] = [-0.0325, -0.087]  w3 = [0.8925, -2.317]
        SGD opt = SGD.builder().learningRate(0.1).momentum(0.9).build();
        run(opt, G, new double[][] {{0.95, -2.1}, {0.925, -2.23}, {0.8925, -2.317}});
        assertEquals(List.of("w_momentum"), names(opt));
    }

    @Test
    void sgdNesterov() {
        // m as above; w += 0.9·m - 0.1·g
        // w1 = 1 + 0.9·(-0.05) - 0.05 = 0.905;        -2 + 0.9·(-0.1) - 0.1 = -2.19
        // w2 = 0.905 + 0.9·(-0.025) + 0.02 = 0.9025;   -2.19 + 0.9·(-0.13) - 0.04 = -2.347
        // w3 = 0.9025 + 0.9·(-0.0325) - 0.01 = 0.86325; -2.347 + 0.9·(-0.087) + 0.03 = -2.3953
        SGD opt = SGD.builder().learningRate(0.1).momentum(0.9).nesterov(true).build();
        run(opt, G, new double[][] {{0.905, -2.19}, {0.9025, -2.347}, {0.86325, -2.3953}});
    }

    /** Like {@link #run} with a tighter tolerance: for values emulated in float32 step by step. */
    private static void runFloat32(Optimizer opt, float[][] grads, double[][] expected) {
        Variable w = new Variable("w", Tensor.vector(1f, -2f), true);
        for (int s = 0; s < grads.length; s++) {
            opt.apply(List.of(w), new Tensor[] {Tensor.vector(grads[s])});
            for (int i = 0; i < 2; i++) {
                assertEquals(expected[s][i], w.value().buffer()[i], 2e-7, "step " + (s + 1) + " element " + i);
            }
        }
    }

    @Test
    void adamWithBiasCorrection() {
        // lr 0.1, beta_1 0.9, beta_2 0.999, eps 1e-7; alpha_t = lr·sqrt(1 - 0.999^t)/(1 - 0.9^t)
        // t=1: m = 0.1·g = [0.05, 0.1], v = 0.001·g² = [2.5e-4, 1e-3], alpha = 0.1·sqrt(0.001)/0.1 = 0.0316228
        //      w -= m·alpha/(sqrt v + eps): 0.05·0.0316228/(0.0158114 + 1e-7) = 0.09999937 -> w = [0.9000006, -2.0999997]
        //      (the first Adam step is ≈ lr·sign(g): the bias correction at work)
        // t=2: m = [0.045 - 0.02, 0.09 + 0.04] = [0.025, 0.13], v = [0.999·2.5e-4 + 0.001·0.04, 0.999e-3 + 1.6e-4]
        //      alpha = 0.1·sqrt(1 - 0.998001)/(1 - 0.81) = 0.0235321 -> w = [0.8654403, -2.1898569]
        // t=3: likewise -> w = [0.8275013, -2.2396092]
        // Those are the double-precision values. In float32, 1 - 0.999^t loses ~5 digits, which moves w by ~1e-6, as
        // it does in Keras's torch backend; the expected values below come from python3 rounding every operation
        // of the torch formula to float32 (struct.pack('f')): alpha, m, v and w each rounded after every op.
        Adam opt = new Adam(0.1);
        runFloat32(opt, G, new double[][] {{0.9000012874603271, -2.099998950958252},
                {0.8654412627220154, -2.1898553371429443}, {0.827502429485321, -2.239607334136963}});
        assertEquals(3, opt.iterations());
        assertEquals(List.of("w_momentum", "w_velocity"), names(opt));
        // and within 5e-6 of the exact (double) values
        Variable w = new Variable("w", Tensor.vector(1f, -2f), true);
        Adam again = new Adam(0.1);
        for (float[] g : G) again.apply(List.of(w), new Tensor[] {Tensor.vector(g)});
        assertEquals(0.8275012914503131, w.value().buffer()[0], 5e-6);
        assertEquals(-2.2396091701962697, w.value().buffer()[1], 5e-6);
    }

    @Test
    void adamAmsgradUsesTheMaximumVelocity() {
        // gradients that shrink, so v falls and v_hat = max(v_hat, v) keeps the larger one:
        // g = [0.5, 1], [0.01, 0.01], [0.001, -0.001]; plain Adam vs AMSGrad differ from step 2 on.
        // Double-precision references: plain w3 = [0.7784564, -2.2200509], AMSGrad w3 = [0.7785193, -2.2199707];
        // expected values are the float32 emulation, as above.
        float[][] g = {{0.5f, 1f}, {0.01f, 0.01f}, {0.001f, -0.001f}};
        runFloat32(new Adam(0.1), g, new double[][] {{0.9000012874603271, -2.099998950958252},
                {0.8315212726593018, -2.1677451133728027}, {0.7784579396247864, -2.2200493812561035}});
        runFloat32(Adam.builder().learningRate(0.1).amsgrad(true).build(), g, new double[][] {
                {0.9000012874603271, -2.099998950958252}, {0.8315418362617493, -2.1677145957946777},
                {0.7785208225250244, -2.2199692726135254}});
    }

    @Test
    void rmsprop() {
        // lr 0.01, rho 0.9, eps 1e-7: v = 0.9·v + 0.1·g²; w -= lr·g/sqrt(v + eps)
        // t=1: v = [0.025, 0.1]; w = [1 - 0.005/0.1581142, -2 - 0.01/0.3162279] = [0.9683773, -2.0316228]
        // t=2: v = [0.0225 + 0.004, 0.09 + 0.016] = [0.0265, 0.106]; w = [0.9683773 + 0.002/0.1627886, ...]
        run(new RMSprop(0.01), G, new double[][] {{0.9683772866436797, -2.0316227607903072},
                {0.9806631657994765, -2.0439086573317535}, {0.974319563766295, -2.0346238948696254}});
    }

    @Test
    void rmspropMomentumAndCentered() {
        // momentum 0.9: m = 0.9·m + lr·g/sqrt(v + eps); w -= m (step 1 equals plain RMSprop)
        run(RMSprop.builder().learningRate(0.01).momentum(0.9).build(), G, new double[][] {
                {0.9683772866436797, -2.0316227607903072}, {0.9522027237787882, -2.07236914204303},
                {0.9313020151672043, -2.099756122708352}});
        // centered: a = 0.9·a + 0.1·g; denominator sqrt(v + eps - a²)
        // t=1: v = [0.025, 0.1], a = [0.05, 0.1]: sqrt(0.025 - 0.0025) = 0.15 -> w0 = 1 - 0.005/0.15 = 0.9666667
        run(RMSprop.builder().learningRate(0.01).centered(true).build(), G, new double[][] {
                {0.9666667407404939, -2.03333331481483}, {0.9791001141578789, -2.0467338114983686},
                {0.9726172392699096, -2.0370929948815597}});
        run(RMSprop.builder().learningRate(0.01).momentum(0.5).centered(true).build(), G, new double[][] {
                {0.9666667407404939, -2.03333331481483}, {0.9624334845281258, -2.0634004689057837},
                {0.9538339815339725, -2.0687932293344518}});
    }

    // ---------------------------------------------------------------- slots, defaults, configs

    private static List<String> names(Optimizer opt) {
        return opt.slotVariables().stream().map(Variable::name).collect(Collectors.toList());
    }

    @Test
    void slotsAreCreatedInKerasBuildOrder() {
        Variable a = new Variable("a", Tensor.zeros(2), true), b = new Variable("b", Tensor.zeros(3), true);
        Tensor[] grads = {Tensor.ones(2), Tensor.ones(3)};
        // Adam: add_optimizer_variables(vars, ["momentum", "velocity"]) interleaves per variable;
        // velocity_hat is a second call, so it follows for every variable
        Adam adam = Adam.builder().amsgrad(true).build();
        adam.apply(List.of(a, b), grads);
        assertEquals(List.of("a_momentum", "a_velocity", "b_momentum", "b_velocity", "a_velocity_hat",
                "b_velocity_hat"), names(adam));
        // RMSprop: velocities for all variables, then momentums, then average gradients
        RMSprop rms = RMSprop.builder().momentum(0.9).centered(true).build();
        rms.apply(List.of(a, b), grads);
        assertEquals(List.of("a_velocity", "b_velocity", "a_momentum", "b_momentum", "a_average_gradient",
                "b_average_gradient"), names(rms));
        SGD sgd = SGD.builder().momentum(0.5).build();
        sgd.apply(List.of(a, b), grads);
        sgd.apply(List.of(a, b), grads);
        assertEquals(List.of("a_momentum", "b_momentum"), names(sgd));     // created once
        assertEquals(2, sgd.iterations());
    }

    @Test
    void defaultsAreKeras() {
        SGD sgd = new SGD();
        assertEquals(0.01, sgd.learningRate());
        assertEquals(0.0, sgd.momentum());
        assertEquals(false, sgd.nesterov());
        Adam adam = new Adam();
        assertEquals(0.001, adam.learningRate());
        assertEquals(0.9, adam.beta1());
        assertEquals(0.999, adam.beta2());
        assertEquals(1e-7, adam.epsilon());
        assertEquals(false, adam.amsgrad());
        RMSprop rms = new RMSprop();
        assertEquals(0.001, rms.learningRate());
        assertEquals(0.9, rms.rho());
        assertEquals(0.0, rms.momentum());
        assertEquals(1e-7, rms.epsilon());
        assertEquals(false, rms.centered());
        assertEquals("adam", adam.name());
        assertEquals("sgd", sgd.name());
        assertEquals("rm_sprop", rms.name());                                  // Keras: to_snake_case("RMSprop")
    }

    @Test
    void configMatchesKeras() {
        // Keras writes the learning rate back from its float32 variable: float(np.float32(0.001))
        assertEquals(0.0010000000474974513, new Adam().getConfig().get("learning_rate"));
        assertEquals("{name=sgd, learning_rate=0.10000000149011612, weight_decay=null, clipnorm=null, "
                + "global_clipnorm=null, clipvalue=null, use_ema=false, ema_momentum=0.99, ema_overwrite_frequency=null, "
                + "loss_scale_factor=null, gradient_accumulation_steps=null, momentum=0.9, nesterov=true}",
                SGD.builder().learningRate(0.1).momentum(0.9).nesterov(true).build().getConfig().toString());
        assertEquals(List.of("rho", "momentum", "epsilon", "centered"),
                new RMSprop().getConfig().keySet().stream().skip(11).collect(Collectors.toList()));
    }

    @Test
    void invalidHyperParametersNameTheArgumentValueAndRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SGD.builder().momentum(1.5).build());
        assertTrue(e.getMessage().contains("momentum") && e.getMessage().contains("1.5")
                && e.getMessage().contains("[0.0, 1.0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Adam.builder().beta1(1.0).build());
        assertTrue(e.getMessage().contains("beta_1=1.0") && e.getMessage().contains("[0.0, 1.0)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Adam.builder().beta2(-0.1).build());
        e = assertThrows(IllegalArgumentException.class, () -> Adam.builder().epsilon(-1e-7).build());
        assertTrue(e.getMessage().contains("epsilon"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Adam.builder().epsilon(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> RMSprop.builder().rho(1.0).build());
        assertThrows(IllegalArgumentException.class, () -> RMSprop.builder().momentum(-0.5).build());
        e = assertThrows(IllegalArgumentException.class, () -> new SGD(-0.1));
        assertTrue(e.getMessage().contains("learning_rate"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam(Double.NaN));
    }

    @Test
    void gradientShapeMustMatch() {
        Variable w = new Variable("w", Tensor.zeros(2), true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adam().apply(List.of(w), new Tensor[] {Tensor.zeros(3)}));
        assertTrue(e.getMessage().contains("'w'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adam().apply(List.of(w), new Tensor[0]));
    }

    // ---------------------------------------------------------------- registry

    @Test
    void registryIsCaseInsensitive() {
        assertInstanceOf(SGD.class, Optimizers.get("sgd"));
        assertInstanceOf(SGD.class, Optimizers.get("SGD"));
        assertInstanceOf(Adam.class, Optimizers.get("Adam"));
        assertInstanceOf(RMSprop.class, Optimizers.get("rmsprop"));
        assertInstanceOf(RMSprop.class, Optimizers.get("RMSprop"));
        assertEquals(0.001, Optimizers.get("adam").learningRate());
    }

    @Test
    void unknownOptimizerListsValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.get("adamq"));
        assertTrue(e.getMessage().contains("'adamq'") && e.getMessage().contains("sgd, adam, rmsprop"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Optimizers.get(null));
    }
}
