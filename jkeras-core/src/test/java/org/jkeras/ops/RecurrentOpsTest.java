package org.jkeras.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fused recurrent ops: gradients against finite differences in every mode, values against direct loops. */
class RecurrentOpsTest {
    static final int B = 2, T = 4, F = 3, U = 3;

    private static Tensor r(long seed, int... shape) {
        return GradientCheck.randomInput(seed, shape);
    }

    private static Tensor mask() {
        return Tensor.of(new float[] {1, 0, 1, 1, 0, 1, 1, 0}, B, T);
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String kind : new String[] {"simple", "lstm", "gru_after", "gru_before"}) {
            for (boolean masked : new boolean[] {false, true}) {
                for (boolean back : new boolean[] {false, true}) {
                    for (boolean zero : new boolean[] {false, true}) {
                        for (boolean states : new boolean[] {false, true}) {
                            if (zero && !masked) {
                                continue;
                            }
                            String name = kind + (masked ? " masked" : "") + (back ? " go_backwards" : "")
                                    + (zero ? " zero_output" : "") + (states ? " initial+recurrent_dropout" : "");
                            out.add(Arguments.of(name, kind, masked, back, zero, states));
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    static Function<Tensor[], Tensor> op(String kind, boolean masked, boolean back, boolean zero, boolean states) {
        Tensor mask = masked ? mask() : null;
        Tensor rec = states ? Tensor.of(new float[] {2, 0, 2, 2, 2, 0}, B, U) : null;
        return in -> {
            Tensor h0 = states ? in[4] : null;
            switch (kind) {
                case "lstm":
                    return RecurrentOps.lstm(in[0], in[1], in[2], in[3], h0, states ? in[5] : null, mask, rec, back, zero,
                            "tanh", "sigmoid");
                case "gru_after":
                    return RecurrentOps.gru(in[0], in[1], in[2], in[3], h0, mask, rec, true, back, zero, "tanh", "sigmoid");
                case "gru_before":
                    return RecurrentOps.gru(in[0], in[1], in[2], in[3], h0, mask, rec, false, back, zero, "tanh",
                            "sigmoid");
                default:
                    return RecurrentOps.simpleRnn(in[0], in[1], in[2], in[3], h0, mask, rec, back, zero, "tanh");
            }
        };
    }

    static Tensor[] inputs(String kind, boolean states) {
        int g = kind.equals("lstm") ? 4 : kind.startsWith("gru") ? 3 : 1;
        Tensor bias = kind.equals("gru_after") ? r(4, 2, g * U) : r(4, g * U);
        List<Tensor> in = new ArrayList<>(List.of(r(1, B, T, F), r(2, F, g * U), r(3, U, g * U), bias));
        if (states) {
            in.add(r(5, B, U));
            if (kind.equals("lstm")) {
                in.add(r(6, B, U));
            }
        }
        return in.toArray(new Tensor[0]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backwardThroughTimeMatchesFiniteDifferences(String name, String kind, boolean masked, boolean back, boolean zero,
                                                     boolean states) {
        GradientCheck.Result res = GradientCheck.check(op(kind, masked, back, zero, states), inputs(kind, states), 1e-3);
        assertTrue(res.passed(2e-2, 2e-3), name + ": " + res);
    }

    @Test
    void otherActivationsAndNoBiasCheckToo() {
        Function<Tensor[], Tensor> f = in -> RecurrentOps.lstm(in[0], in[1], in[2], null, null, null, null, null, false,
                false, "relu", "hard_sigmoid");
        GradientCheck.Result res = GradientCheck.check(f, new Tensor[] {r(1, B, T, F), r(2, F, 4 * U), r(3, U, 4 * U)},
                1e-3);
        assertTrue(res.passed(2e-2, 2e-3), res.toString());
    }

    static double sig(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** GRU (both variants) and SimpleRNN against Keras's equations written out with doubles. */
    @Test
    void gruAndSimpleRnnValuesMatchDirectLoops() {
        Tensor x = r(1, B, T, F);
        for (int variant = 0; variant < 3; variant++) {
            boolean simple = variant == 2, after = variant == 0;
            int g = simple ? 1 : 3;
            Tensor w = r(2, F, g * U), u = r(3, U, g * U);
            Tensor bias = after ? r(4, 2, g * U) : r(4, g * U);
            Tensor got = simple ? RecurrentOps.simpleRnn(x, w, u, bias, null, null, null, false, false, "tanh")
                    : RecurrentOps.gru(x, w, u, bias, null, null, null, after, false, false, "tanh", "sigmoid");
            for (int b = 0; b < B; b++) {
                double[] h = new double[U];
                for (int t = 0; t < T; t++) {
                    double[] xw = new double[g * U], hu = new double[g * U];
                    for (int j = 0; j < g * U; j++) {
                        xw[j] = bias.toArray()[j];
                        hu[j] = after ? bias.toArray()[g * U + j] : 0;
                        for (int k = 0; k < F; k++) {
                            xw[j] += x.get(b, t, k) * w.get(k, j);
                        }
                        for (int k = 0; k < U; k++) {
                            hu[j] += h[k] * u.get(k, j);
                        }
                    }
                    double[] nh = new double[U];
                    for (int j = 0; j < U; j++) {
                        if (simple) {
                            nh[j] = Math.tanh(xw[j] + hu[j]);
                            continue;
                        }
                        double z = sig(xw[j] + hu[j]), rr = sig(xw[U + j] + hu[U + j]);
                        double hh;
                        if (after) {
                            hh = Math.tanh(xw[2 * U + j] + rr * hu[2 * U + j]);
                        } else {
                            double rh = 0;
                            for (int k = 0; k < U; k++) {
                                rh += sig(xw[U + k] + hu[U + k]) * h[k] * u.get(k, 2 * U + j);
                            }
                            hh = Math.tanh(xw[2 * U + j] + rh);
                        }
                        nh[j] = z * h[j] + (1 - z) * hh;
                    }
                    h = nh;
                    for (int j = 0; j < U; j++) {
                        assertEquals(h[j], got.get(b, t, j), 1e-5, "variant " + variant + " b" + b + " t" + t);
                    }
                }
            }
        }
    }

    /** A masked step carries the state and repeats the previous output (zeros before any unmasked step). */
    @Test
    void maskedStepsCarryStateAndRepeatOutput() {
        Tensor x = r(1, 1, 3, F);
        Tensor w = r(2, F, U), u = r(3, U, U);
        Tensor m = Tensor.of(new float[] {0, 1, 0}, 1, 3);
        Tensor y = RecurrentOps.simpleRnn(x, w, u, null, null, m, null, false, false, "tanh");
        for (int j = 0; j < U; j++) {
            assertEquals(0f, y.get(0, 0, j));
            assertEquals(y.get(0, 1, j), y.get(0, 2, j));
            assertEquals(y.get(0, 1, j), y.get(0, 3, j), "final state = last unmasked output");
        }
        Tensor z = RecurrentOps.simpleRnn(x, w, u, null, null, m, null, false, true, "tanh");
        for (int j = 0; j < U; j++) {
            assertEquals(0f, z.get(0, 2, j), "zero_output_for_mask");
        }
    }

    @Test
    void badInputsAreRefusedWithClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecurrentOps.lstm(r(1, B, F),
                r(2, F, 4 * U), r(3, U, 4 * U), null, null, null, null, null, false, false, "tanh", "sigmoid"));
        assertTrue(e.getMessage().contains("3-D input"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecurrentOps.lstm(r(1, B, T, F), r(2, F, 4 * U),
                r(3, U, 4 * U), null, null, null, Tensor.ones(B, T + 1), null, false, false, "tanh", "sigmoid"));
        assertTrue(e.getMessage().contains("mask") && e.getMessage().contains("[2, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecurrentOps.activationCode("softmax", "LSTM"));
        assertTrue(e.getMessage().contains("softmax"), e.getMessage());
    }
}
