package org.jkeras.tensor;

/**
 * Normalization kernels on primitive arrays.
 *
 * <p><b>Batch normalization</b> sees its input as {@code [outer, C, inner]} ({@code C} the normalized axis):
 * statistics per channel over {@code outer·inner} values, and the affine {@code gamma}/{@code beta} fused into
 * the same pass. The variance is the biased one (divided by N) as Keras 3's {@code ops.moments}; statistics are
 * accumulated in double, two passes (mean, then squared deviations).
 *
 * <p><b>Grouped normalization</b> (layer and group normalization) sees its input as {@code [A, R1, K, R2]}:
 * one mean/variance per {@code (a, k)} over the {@code R1·R2} values of that group, output
 * {@code (x − mean)·rsqrt(var + ε)} (or, for Keras's {@code rms_scaling}, {@code x·rsqrt(var + ε)}).
 *
 * <pre>{@code
 * // x [N=4, C=3]: channels-last batch norm
 * NormKernels.batchMoments(x, 0, 4, 3, 1, mean, var);
 * NormKernels.batchNormForward(x, 0, y, 0, 4, 3, 1, mean, var, 1e-3f, gamma, beta, invStd);
 * }</pre>
 */
public final class NormKernels {
    private NormKernels() {}

    // ------------------------------------------------------------------ batch normalization [outer, C, inner]

    /** Per-channel biased mean and variance of {@code x} seen as {@code [outer, c, inner]}. */
    public static void batchMoments(float[] x, int xo, int outer, int c, int inner, float[] mean, float[] var) {
        double[] s = new double[c];
        long n = (long) outer * inner;
        for (int o = 0; o < outer; o++) {
            int base = xo + o * c * inner;
            for (int ch = 0; ch < c; ch++) {
                double acc = 0;
                int p = base + ch * inner;
                for (int i = 0; i < inner; i++) {
                    acc += x[p + i];
                }
                s[ch] += acc;
            }
        }
        for (int ch = 0; ch < c; ch++) {
            s[ch] /= n;
            mean[ch] = (float) s[ch];
        }
        double[] q = new double[c];
        for (int o = 0; o < outer; o++) {
            int base = xo + o * c * inner;
            for (int ch = 0; ch < c; ch++) {
                double m = s[ch], acc = 0;
                int p = base + ch * inner;
                for (int i = 0; i < inner; i++) {
                    double d = x[p + i] - m;
                    acc += d * d;
                }
                q[ch] += acc;
            }
        }
        for (int ch = 0; ch < c; ch++) {
            var[ch] = (float) (q[ch] / n);
        }
    }

    /**
     * {@code y = (x − mean)·rsqrt(var + ε)·gamma + beta} per channel; {@code gamma}/{@code beta} may be null
     * (scale/center off). Writes {@code rsqrt(var + ε)} to {@code invStd} (length c) for the backward pass.
     */
    public static void batchNormForward(float[] x, int xo, float[] y, int yo, int outer, int c, int inner,
            float[] mean, float[] var, float epsilon, float[] gamma, float[] beta, float[] invStd) {
        float[] mul = new float[c], add = new float[c];
        for (int ch = 0; ch < c; ch++) {
            float inv = (float) (1.0 / Math.sqrt((double) var[ch] + epsilon));
            invStd[ch] = inv;
            float k = gamma != null ? inv * gamma[ch] : inv;
            mul[ch] = k;
            add[ch] = (beta != null ? beta[ch] : 0f) - mean[ch] * k;
        }
        for (int o = 0; o < outer; o++) {
            int base = o * c * inner;
            for (int ch = 0; ch < c; ch++) {
                float k = mul[ch], b = add[ch];
                int p = base + ch * inner;
                for (int i = 0; i < inner; i++) {
                    y[yo + p + i] = x[xo + p + i] * k + b;
                }
            }
        }
    }

    /**
     * Backward of {@link #batchNormForward}. With {@code batchStats} the mean and variance were the batch's own
     * (training), so the gradient flows through them; otherwise they were constants (inference). Any of
     * {@code dx}, {@code dGamma}, {@code dBeta}, {@code dMean}, {@code dVar} may be null when not wanted; the last two
     * are the gradients with respect to fixed (inference) statistics.
     */
    public static void batchNormBackward(float[] x, int xo, float[] g, int go, int outer, int c, int inner,
            float[] mean, float[] invStd, float[] gamma, boolean batchStats,
            float[] dx, float[] dGamma, float[] dBeta, float[] dMean, float[] dVar) {
        double[] sumG = new double[c], sumGX = new double[c];
        for (int o = 0; o < outer; o++) {
            int base = o * c * inner;
            for (int ch = 0; ch < c; ch++) {
                float m = mean[ch], inv = invStd[ch];
                double sg = 0, sgx = 0;
                int p = base + ch * inner;
                for (int i = 0; i < inner; i++) {
                    float gv = g[go + p + i];
                    sg += gv;
                    sgx += gv * ((x[xo + p + i] - m) * inv);
                }
                sumG[ch] += sg;
                sumGX[ch] += sgx;
            }
        }
        if (dGamma != null) {
            for (int ch = 0; ch < c; ch++) dGamma[ch] = (float) sumGX[ch];
        }
        if (dBeta != null) {
            for (int ch = 0; ch < c; ch++) dBeta[ch] = (float) sumG[ch];
        }
        for (int ch = 0; ch < c && !batchStats; ch++) {
            double k = gamma != null ? gamma[ch] : 1.0, inv = invStd[ch];
            // y = (x - m)·inv·k: dy/dm = -inv·k, dy/dvar = -(x - m)·k·inv³/2 = -xhat·k·inv²/2
            if (dMean != null) dMean[ch] = (float) (-sumG[ch] * inv * k);
            if (dVar != null) dVar[ch] = (float) (-0.5 * sumGX[ch] * k * inv * inv);
        }
        if (dx == null) {
            return;
        }
        double n = (double) outer * inner;
        for (int o = 0; o < outer; o++) {
            int base = o * c * inner;
            for (int ch = 0; ch < c; ch++) {
                float m = mean[ch], inv = invStd[ch];
                float k = gamma != null ? inv * gamma[ch] : inv;
                int p = base + ch * inner;
                if (!batchStats) {
                    for (int i = 0; i < inner; i++) dx[p + i] = g[go + p + i] * k;
                    continue;
                }
                float mg = (float) (sumG[ch] / n), mgx = (float) (sumGX[ch] / n);
                for (int i = 0; i < inner; i++) {
                    float xh = (x[xo + p + i] - m) * inv;
                    dx[p + i] = k * (g[go + p + i] - mg - xh * mgx);
                }
            }
        }
    }

    // ------------------------------------------------------------------ grouped normalization [A, R1, K, R2]

    /**
     * Normalizes each group {@code (a, k)} of {@code x} seen as {@code [A, R1, K, R2]} over its {@code R1·R2}
     * values: {@code y = (x − mean)·invStd}, or {@code y = x·invStd} when {@code rms} (Keras's
     * {@code rms_scaling}: the variance is still taken about the mean). Writes per-group mean and invStd
     * (length A·K) for the backward pass.
     */
    public static void groupNormForward(float[] x, int xo, float[] y, int a, int r1, int k, int r2,
            float epsilon, boolean rms, float[] mean, float[] invStd) {
        double n = (double) r1 * r2;
        for (int ia = 0; ia < a; ia++) {
            for (int ik = 0; ik < k; ik++) {
                double s = 0;
                for (int i1 = 0; i1 < r1; i1++) {
                    int p = xo + ((ia * r1 + i1) * k + ik) * r2;
                    for (int i2 = 0; i2 < r2; i2++) s += x[p + i2];
                }
                double m = s / n, q = 0;
                for (int i1 = 0; i1 < r1; i1++) {
                    int p = xo + ((ia * r1 + i1) * k + ik) * r2;
                    for (int i2 = 0; i2 < r2; i2++) {
                        double d = x[p + i2] - m;
                        q += d * d;
                    }
                }
                float inv = (float) (1.0 / Math.sqrt(q / n + epsilon));
                float fm = (float) m;
                mean[ia * k + ik] = fm;
                invStd[ia * k + ik] = inv;
                float shift = rms ? 0f : fm;
                for (int i1 = 0; i1 < r1; i1++) {
                    int p = ((ia * r1 + i1) * k + ik) * r2;
                    for (int i2 = 0; i2 < r2; i2++) y[p + i2] = (x[xo + p + i2] - shift) * inv;
                }
            }
        }
    }

    /** Backward of {@link #groupNormForward}: {@code dx} from the output gradient {@code g}. */
    public static void groupNormBackward(float[] x, int xo, float[] g, int go, float[] dx, int a, int r1, int k,
            int r2, boolean rms, float[] mean, float[] invStd) {
        double n = (double) r1 * r2;
        for (int ia = 0; ia < a; ia++) {
            for (int ik = 0; ik < k; ik++) {
                float m = mean[ia * k + ik], inv = invStd[ia * k + ik];
                double sg = 0, sgx = 0;
                for (int i1 = 0; i1 < r1; i1++) {
                    int p = ((ia * r1 + i1) * k + ik) * r2;
                    for (int i2 = 0; i2 < r2; i2++) {
                        float gv = g[go + p + i2];
                        sg += gv;
                        // rms: y = x·inv, so Σ g·x; otherwise Σ g·xhat
                        sgx += rms ? gv * x[xo + p + i2] : gv * (x[xo + p + i2] - m) * inv;
                    }
                }
                float mg = (float) (sg / n), mgx = (float) (sgx / n);
                float inv3 = inv * inv * inv;
                for (int i1 = 0; i1 < r1; i1++) {
                    int p = ((ia * r1 + i1) * k + ik) * r2;
                    for (int i2 = 0; i2 < r2; i2++) {
                        float gv = g[go + p + i2], xv = x[xo + p + i2];
                        dx[p + i2] = rms
                                ? inv * gv - inv3 * (xv - m) * mgx
                                : inv * (gv - mg - (xv - m) * inv * mgx);
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ L2 normalization [outer, n, inner]

    /**
     * {@code y = x·rsqrt(max(Σ x², ε²))} over the middle axis of {@code [outer, n, inner]} (Keras's
     * {@code ops.normalize(x, order=2)}); writes the per-slice inverse norm (length outer·inner).
     */
    public static void l2NormalizeForward(float[] x, int xo, float[] y, int outer, int n, int inner, float epsilon,
            float[] invNorm, boolean[] clamped) {
        double floor = (double) epsilon * epsilon;
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int p = o * n * inner + i;
                double s = 0;
                for (int j = 0; j < n; j++) {
                    double v = x[xo + p + j * inner];
                    s += v * v;
                }
                boolean c = s < floor;
                float inv = (float) (1.0 / Math.sqrt(c ? floor : s));
                invNorm[o * inner + i] = inv;
                clamped[o * inner + i] = c;
                for (int j = 0; j < n; j++) y[p + j * inner] = x[xo + p + j * inner] * inv;
            }
        }
    }

    /** Backward of {@link #l2NormalizeForward}. */
    public static void l2NormalizeBackward(float[] x, int xo, float[] g, int go, float[] dx, int outer, int n,
            int inner, float[] invNorm, boolean[] clamped) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int p = o * n * inner + i;
                float inv = invNorm[o * inner + i];
                double gx = 0;
                if (!clamped[o * inner + i]) {
                    for (int j = 0; j < n; j++) gx += (double) g[go + p + j * inner] * x[xo + p + j * inner];
                }
                float c = (float) (gx * inv * inv * inv);
                for (int j = 0; j < n; j++) {
                    dx[p + j * inner] = g[go + p + j * inner] * inv - x[xo + p + j * inner] * c;
                }
            }
        }
    }
}
