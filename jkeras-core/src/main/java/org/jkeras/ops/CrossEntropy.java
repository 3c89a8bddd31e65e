package org.jkeras.ops;

import java.util.Arrays;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.Workspace;
import org.jkeras.tensor.UnaryKernels;

/**
 * Cross-entropy kernels with Keras 3's exact numerics (torch backend): probabilities are renormalised and
 * clipped to {@code [1e-7, 1 - 1e-7]}; binary logs are clamped at -100.
 */
final class CrossEntropy {
    static final float EPSILON = 1e-7f;

    private CrossEntropy() {}

    private static int classes(Tensor yTrue, Tensor yPred, String what) {
        if (!Arrays.equals(yTrue.shape(), yPred.shape())) {
            throw new IllegalArgumentException(what + ": y_true shape " + Arrays.toString(yTrue.shape())
                    + " must equal y_pred shape " + Arrays.toString(yPred.shape())
                    + ". For integer class labels use sparse_categorical_crossentropy.");
        }
        int[] s = yPred.shape();
        return s.length == 0 ? 1 : s[s.length - 1];
    }

    private static int[] rowShape(int[] s) {
        return s.length <= 1 ? new int[0] : Arrays.copyOf(s, s.length - 1);
    }

    static Tensor categorical(Tensor yTrue, Tensor probs) {
        int c = classes(yTrue, probs, "categorical_crossentropy");
        int rows = c == 0 ? 0 : probs.size() / c;
        GradientTape tape = GradientTape.active();
        GradientTape.Node producer = tape == null ? null : tape.producer(probs);
        boolean fused = producer != null && producer.op().equals("softmax");
        float[] p = probs.buffer(), y = yTrue.buffer();
        int po = probs.offset(), yo = yTrue.offset();
        float[] loss = Workspace.floats(rows);
        for (int r = 0; r < rows; r++) {
            int b = r * c;
            double s = 0;
            for (int j = 0; j < c; j++) s += p[po + b + j];
            float sum = (float) s;
            double l = 0;
            for (int j = 0; j < c; j++) {
                float q = Math.min(Math.max(p[po + b + j] / sum, EPSILON), 1f - EPSILON);
                float yj = y[yo + b + j];
                // A zero target contributes exactly (signed) zero unless q is NaN: skip its logarithm.
                if (yj != 0f || q != q) l -= yj * Math.log(q);
            }
            loss[r] = (float) l;
        }
        Tensor out = Tensor.of(loss, rowShape(probs.shape()));
        Tensor source = fused ? producer.input(0) : probs;
        GradientTape.record(fused ? "softmax_categorical_crossentropy" : "categorical_crossentropy", out,
                new Tensor[] {yTrue, source}, (g, grads) -> {
                    if (grads.wants(1)) {
                        grads.add(1, Tensor.of(probabilityGrad(p, po, y, yo, g, rows, c, fused), probs.shape()));
                    }
                    if (grads.wants(0)) {
                        float[] gy = Workspace.floats(rows * c);
                        for (int r = 0; r < rows; r++) {
                            float sum = 0;
                            for (int j = 0; j < c; j++) sum += p[po + r * c + j];
                            for (int j = 0; j < c; j++) {
                                float q = Math.min(Math.max(p[po + r * c + j] / sum, EPSILON), 1f - EPSILON);
                                gy[r * c + j] = (float) (-Math.log(q) * g.buffer()[g.offset() + r]);
                            }
                        }
                        grads.add(0, Tensor.of(gy, yTrue.shape()));
                    }
                });
        return out;
    }

    /**
     * Gradient of the clipped cross-entropy with respect to the probabilities, or (when {@code throughSoftmax})
     * with respect to the logits that produced them: the exact chain of renormalise, clip, log and softmax.
     */
    private static float[] probabilityGrad(float[] p, int po, float[] y, int yo, Tensor g, int rows, int c,
                                           boolean throughSoftmax) {
        float[] out = Workspace.floats(rows * c);
        double[] a = new double[c];
        float[] gd = g.buffer();
        int go = g.offset();
        for (int r = 0; r < rows; r++) {
            int b = r * c;
            double s = 0;
            for (int j = 0; j < c; j++) s += p[po + b + j];
            double aq = 0;
            for (int j = 0; j < c; j++) {
                double q = p[po + b + j] / s;
                boolean inside = q >= EPSILON && q <= 1 - EPSILON;
                double cq = Math.min(Math.max(q, EPSILON), 1 - EPSILON);
                float yj = y[yo + b + j];
                a[j] = inside && yj != 0f ? -yj / cq : 0;   // a zero target gives (signed) zero: skip the division
                aq += a[j] * q;
            }
            double up = gd[go + r];
            double dot = 0;
            for (int j = 0; j < c; j++) {
                a[j] = (a[j] - aq) / s * up;            // dL/dp_j
                dot += a[j] * p[po + b + j];
            }
            for (int j = 0; j < c; j++) {
                out[b + j] = (float) (throughSoftmax ? p[po + b + j] * (a[j] - dot) : a[j]);
            }
        }
        return out;
    }

    static Tensor categoricalFromLogits(Tensor yTrue, Tensor logits) {
        int c = classes(yTrue, logits, "categorical_crossentropy(from_logits=True)");
        int rows = c == 0 ? 0 : logits.size() / c;
        float[] z = logits.buffer(), y = yTrue.buffer();
        int zo = logits.offset(), yo = yTrue.offset();
        float[] sm = Workspace.floats(rows * c);
        SoftmaxKernels.softmax(z, zo, sm, 0, rows, c, 1);
        float[] loss = Workspace.floats(rows);
        for (int r = 0; r < rows; r++) {
            int b = r * c;
            float m = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) m = Math.max(m, z[zo + b + j]);
            double se = 0;
            for (int j = 0; j < c; j++) se += Math.exp(z[zo + b + j] - m);
            double lse = m + Math.log(se);
            double l = 0;
            for (int j = 0; j < c; j++) l -= y[yo + b + j] * (z[zo + b + j] - lse);
            loss[r] = (float) l;
        }
        Tensor out = Tensor.of(loss, rowShape(logits.shape()));
        GradientTape.record("categorical_crossentropy_from_logits", out, new Tensor[] {yTrue, logits}, (g, grads) -> {
            float[] gd = g.buffer();
            int go = g.offset();
            if (grads.wants(1)) {
                float[] gz = Workspace.floats(rows * c);
                for (int r = 0; r < rows; r++) {
                    int b = r * c;
                    double sy = 0;
                    for (int j = 0; j < c; j++) sy += y[yo + b + j];
                    for (int j = 0; j < c; j++) gz[b + j] = (float) ((sm[b + j] * sy - y[yo + b + j]) * gd[go + r]);
                }
                grads.add(1, Tensor.of(gz, logits.shape()));
            }
            if (grads.wants(0)) {
                float[] gy = Workspace.floats(rows * c);
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < c; j++) gy[r * c + j] = (float) (-Math.log(Math.max(sm[r * c + j], 1e-30f)) * gd[go + r]);
                }
                grads.add(0, Tensor.of(gy, yTrue.shape()));
            }
        });
        return out;
    }

    static Tensor binary(Tensor yTrue, Tensor yPred, boolean fromLogits) {
        if (!Arrays.equals(yTrue.shape(), yPred.shape())) {
            throw new IllegalArgumentException("binary_crossentropy: y_true shape " + Arrays.toString(yTrue.shape())
                    + " must equal y_pred shape " + Arrays.toString(yPred.shape()) + ".");
        }
        int n = yPred.size();
        float[] p = yPred.buffer(), y = yTrue.buffer();
        int po = yPred.offset(), yo = yTrue.offset();
        float[] loss = Workspace.floats(n);
        for (int i = 0; i < n; i++) {
            double t = y[yo + i], v = p[po + i];
            if (fromLogits) {
                loss[i] = (float) (Math.max(v, 0) - v * t + Math.log1p(Math.exp(-Math.abs(v))));
            } else {
                double o = Math.min(Math.max(v, EPSILON), 1 - EPSILON);
                loss[i] = (float) -(t * Math.max(Math.log(o), -100) + (1 - t) * Math.max(Math.log(1 - o), -100));
            }
        }
        Tensor out = Tensor.of(loss, yPred.shape());
        GradientTape.record("binary_crossentropy", out, new Tensor[] {yTrue, yPred}, (g, grads) -> {
            float[] gd = g.buffer();
            int go = g.offset();
            if (grads.wants(1)) {
                float[] gp = Workspace.floats(n);
                for (int i = 0; i < n; i++) {
                    double t = y[yo + i], v = p[po + i];
                    double d;
                    if (fromLogits) {
                        d = UnaryKernels.sigmoid((float) v) - t;
                    } else {
                        float o = Math.min(Math.max((float) v, EPSILON), 1 - EPSILON);
                        d = v >= EPSILON && v <= 1 - EPSILON ? -t / o + (1 - t) / (1 - o) : 0;
                    }
                    gp[i] = (float) (d * gd[go + i]);
                }
                grads.add(1, Tensor.of(gp, yPred.shape()));
            }
            if (grads.wants(0)) {
                float[] gy = Workspace.floats(n);
                for (int i = 0; i < n; i++) {
                    double v = p[po + i];
                    double d = fromLogits ? -v
                            : -(Math.log(Math.min(Math.max(v, EPSILON), 1 - EPSILON))
                               - Math.log(1 - Math.min(Math.max(v, EPSILON), 1 - EPSILON)));
                    gy[i] = (float) (d * gd[go + i]);
                }
                grads.add(0, Tensor.of(gy, yTrue.shape()));
            }
        });
        return out;
    }
}
