package org.jkeras.ops;

import java.util.Arrays;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.tensor.Tensor;

/**
 * Differentiable fused recurrent ops (Keras's {@code SimpleRNN}, {@code LSTM} and {@code GRU} over a whole sequence),
 * each one taped op with a hand-written backward through time (see {@link RecurrentKernel}).
 *
 * <p>The result is packed as {@code [B, T + S, units]}: rows {@code 0..T-1} are the per-step outputs in processing
 * order (reversed time when {@code goBackwards}), row {@code T} the final {@code h}, row {@code T + 1} the final
 * {@code c} (LSTM only); {@link #outputs}, {@link #state} slice it differentiably.
 *
 * <pre>{@code
 * Tensor packed = RecurrentOps.lstm(x, kernel, recurrentKernel, bias, null, null, mask, null, false, false,
 *         "tanh", "sigmoid");
 * Tensor seq = RecurrentOps.outputs(packed, t);      // [B, T, units]
 * Tensor h = RecurrentOps.state(packed, t, 0);       // [B, units]
 * }</pre>
 */
public final class RecurrentOps {
    private RecurrentOps() {}

    /** Activation names a fused recurrent op accepts (Keras names; {@code hard_sigmoid_keras2} is 0.2x + 0.5). */
    public static int activationCode(String name, String who) {
        switch (name == null ? "linear" : name) {
            case "linear": return RecurrentKernel.LINEAR;
            case "tanh": return RecurrentKernel.TANH;
            case "sigmoid": return RecurrentKernel.SIGMOID;
            case "hard_sigmoid": return RecurrentKernel.HARD_SIGMOID;
            case "hard_sigmoid_keras2": return RecurrentKernel.HARD_SIGMOID_KERAS2;
            case "relu": return RecurrentKernel.RELU;
            default:
                throw new IllegalArgumentException(who + ": activation '" + name + "' is not supported by the fused "
                        + "recurrent kernel; use one of linear, tanh, sigmoid, hard_sigmoid, relu.");
        }
    }

    /** Fused LSTM; {@code h0}, {@code c0}, {@code bias}, {@code mask} ({@code [B, T]}) and {@code recMask} may be null. */
    public static Tensor lstm(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor bias, Tensor h0, Tensor c0,
                              Tensor mask, Tensor recMask, boolean goBackwards, boolean zeroOutputForMask,
                              String activation, String recurrentActivation) {
        return run(RecurrentKernel.LSTM, false, x, kernel, recurrentKernel, bias, h0, c0, mask, recMask, goBackwards,
                zeroOutputForMask, activation, recurrentActivation);
    }

    /** Fused GRU ({@code bias} is {@code [2, 3u]} when {@code resetAfter}, else {@code [3u]}). */
    public static Tensor gru(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor bias, Tensor h0, Tensor mask,
                             Tensor recMask, boolean resetAfter, boolean goBackwards, boolean zeroOutputForMask,
                             String activation, String recurrentActivation) {
        return run(RecurrentKernel.GRU, resetAfter, x, kernel, recurrentKernel, bias, h0, null, mask, recMask,
                goBackwards, zeroOutputForMask, activation, recurrentActivation);
    }

    /** Fused SimpleRNN. */
    public static Tensor simpleRnn(Tensor x, Tensor kernel, Tensor recurrentKernel, Tensor bias, Tensor h0, Tensor mask,
                                   Tensor recMask, boolean goBackwards, boolean zeroOutputForMask, String activation) {
        return run(RecurrentKernel.SIMPLE_RNN, false, x, kernel, recurrentKernel, bias, h0, null, mask, recMask,
                goBackwards, zeroOutputForMask, activation, "linear");
    }

    /** The per-step outputs {@code [B, T, u]} of a packed result. */
    public static Tensor outputs(Tensor packed, int steps) {
        int slots = packed.dim(1) - steps;
        return ShapeOps.crop(packed, new int[][] {{0, 0}, {0, slots}, {0, 0}});
    }

    /** The output of the last processed step {@code [B, u]}. */
    public static Tensor lastOutput(Tensor packed, int steps) {
        int slots = packed.dim(1) - steps;
        Tensor t = ShapeOps.crop(packed, new int[][] {{0, 0}, {steps - 1, slots}, {0, 0}});
        return Ops.reshape(t, packed.dim(0), packed.dim(2));
    }

    /** Final state {@code k} (0 = h, 1 = c) {@code [B, u]}. */
    public static Tensor state(Tensor packed, int steps, int k) {
        int slots = packed.dim(1) - steps;
        Tensor t = ShapeOps.crop(packed, new int[][] {{0, 0}, {steps + k, slots - k - 1}, {0, 0}});
        return Ops.reshape(t, packed.dim(0), packed.dim(2));
    }

    private static Tensor run(int kind, boolean resetAfter, Tensor x, Tensor kernel, Tensor rec, Tensor bias,
                              Tensor h0, Tensor c0, Tensor mask, Tensor recMask, boolean goBackwards, boolean zeroOut,
                              String activation, String recurrentActivation) {
        String who = kind == RecurrentKernel.LSTM ? "LSTM" : kind == RecurrentKernel.GRU ? "GRU" : "SimpleRNN";
        int[] s = x.shape();
        if (s.length != 3) {
            throw new IllegalArgumentException(who + ": expected a 3-D input [batch, timesteps, features]; received shape "
                    + Arrays.toString(s) + ".");
        }
        int b = s[0], t = s[1], f = s[2], units = rec.dim(0);
        RecurrentKernel k = new RecurrentKernel(kind, b, t, f, units, resetAfter, activationCode(activation, who),
                activationCode(recurrentActivation, who));
        int gu = k.gates * units;
        if (kernel.dim(0) != f || kernel.dim(1) != gu || rec.dim(1) != gu) {
            throw new IllegalArgumentException(who + ": kernel " + Arrays.toString(kernel.shape()) + " and recurrent kernel "
                    + Arrays.toString(rec.shape()) + " do not fit " + f + " features and " + units + " units.");
        }
        if (mask != null && (mask.rank() != 2 || mask.dim(0) != b || mask.dim(1) != t)) {
            throw new IllegalArgumentException(who + ": the mask must have shape [batch, timesteps] = [" + b + ", " + t
                    + "]; received mask shape " + Arrays.toString(mask.shape()) + ".");
        }
        float[] h = h0 == null ? new float[b * units] : dense(h0, b * units, who + " initial state h");
        float[] c = kind == RecurrentKernel.LSTM
                ? (c0 == null ? new float[b * units] : dense(c0, b * units, who + " initial state c")) : null;
        float[] y = k.forward(x.toArray(), kernel.toArray(), rec.toArray(), bias == null ? null : bias.toArray(), h, c,
                mask == null ? null : mask.toArray(), recMask == null ? null : recMask.toArray(), goBackwards, zeroOut);
        Tensor out = Tensor.of(y, b, t + k.stateSlots(), units);
        Tensor[] ins = {x, kernel, rec, bias, h0, c0};
        GradientTape.record(who.toLowerCase(java.util.Locale.ROOT), out, ins, (g, grads) -> {
            RecurrentKernel.Grads d = k.backward(g.toArray(), bias != null);
            if (grads.wants(0)) grads.add(0, Tensor.of(d.dx, s));
            if (grads.wants(1)) grads.add(1, Tensor.of(d.dw, kernel.shape()));
            if (grads.wants(2)) grads.add(2, Tensor.of(d.du, rec.shape()));
            if (bias != null && grads.wants(3)) grads.add(3, Tensor.of(d.dbias, bias.shape()));
            if (h0 != null && grads.wants(4)) grads.add(4, Tensor.of(d.dh0, h0.shape()));
            if (c0 != null && grads.wants(5)) grads.add(5, Tensor.of(d.dc0, c0.shape()));
        });
        return out;
    }

    private static float[] dense(Tensor t, int n, String what) {
        if (t.size() != n) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(t.shape()) + "; expected "
                    + n + " values ([batch, units]).");
        }
        return t.toArray();
    }
}
