package org.jkeras.losses;

import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/** Shared differentiable helpers of the losses (package-private). */
final class LossMath {
    private LossMath() {}

    /** Keras's {@code backend.epsilon()}. */
    static final float EPSILON = 1e-7f;

    /**
     * Keras's {@code ops.normalize(x, axis)} (order 2): {@code x · rsqrt(max(Σx², ε²))} along {@code axis}, with
     * ε = 1e-7, so an all-zero vector stays zero with a finite gradient.
     */
    static Tensor l2Normalize(Tensor x, int axis) {
        Tensor sq = Ops.sum(Ops.square(x), new int[] {axis}, true);
        Tensor norm = Ops.sqrt(Ops.maximum(sq, Tensor.scalar(EPSILON * EPSILON)));
        return Ops.divide(x, norm);
    }

    /**
     * Keras's {@code convert_binary_labels_to_hinge}: when every label is 0 or 1 they become -1 or 1
     * ({@code 2y - 1}); otherwise the labels are used as given. Labels are constants (never on the tape).
     */
    static Tensor binaryToSigned(Tensor yTrue) {
        float[] d = yTrue.buffer();
        int o = yTrue.offset(), n = yTrue.size();
        for (int i = 0; i < n; i++) {
            float v = d[o + i];
            if (v != 0f && v != 1f) {
                return yTrue;
            }
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = 2f * d[o + i] - 1f;
        }
        return Tensor.of(out, yTrue.shape());
    }

    /**
     * Label smoothing on constant targets: {@code y·keep + add} element-wise in float32, in that order (each loss
     * works out {@code keep} and {@code add} the way torch does for it). Not recorded on the tape.
     */
    static Tensor smoothLabels(Tensor yTrue, float keep, float add) {
        float[] d = yTrue.buffer();
        int o = yTrue.offset(), n = yTrue.size();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = d[o + i] * keep + add;
        }
        return Tensor.of(out, yTrue.shape());
    }

    /**
     * The element-wise hinge margins shared by {@link Hinge} and {@link SquaredHinge}: {@code max(1 - y·p, 0)},
     * after {@link Loss#squeezeOrExpandToSameRank} and with 0/1 labels mapped to -1/1 ({@link #binaryToSigned}).
     */
    static Tensor hingeMargins(Tensor yTrue, Tensor yPred) {
        Tensor[] t = Loss.squeezeOrExpandToSameRank(yTrue, yPred);
        Tensor y = binaryToSigned(t[0]);
        return Ops.relu(Ops.addScalar(Ops.negative(Ops.multiply(y, t[1])), 1f));
    }

    static final int[] LAST = {-1};

    static Tensor meanLast(Tensor x) {
        return Ops.mean(x, LAST, false);
    }
}
