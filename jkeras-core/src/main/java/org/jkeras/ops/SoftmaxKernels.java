package org.jkeras.ops;

/**
 * Softmax forward and backward over the middle axis of an {@code [outer, mid, inner]} view, on primitive
 * arrays. Shared by {@link Ops#softmax} and the fused cross-entropy.
 */
final class SoftmaxKernels {
    private SoftmaxKernels() {}

    static void softmax(float[] x, int xo, float[] y, int yo, int outer, int mid, int inner) {
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * mid * inner + in;
                float m = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < mid; j++) m = Math.max(m, x[xo + base + j * inner]);
                double s = 0;
                for (int j = 0; j < mid; j++) {
                    float e = (float) Math.exp(x[xo + base + j * inner] - m);
                    y[yo + base + j * inner] = e;
                    s += e;
                }
                float inv = (float) (1.0 / s);
                for (int j = 0; j < mid; j++) y[yo + base + j * inner] *= inv;
            }
        }
    }

    /** {@code gx = y ⊙ (g − Σ g·y)} along the softmax axis. */
    static void softmaxBackward(float[] y, int yo, float[] g, int go, float[] gx, int outer, int mid, int inner) {
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * mid * inner + in;
                double dot = 0;
                for (int j = 0; j < mid; j++) dot += g[go + base + j * inner] * y[yo + base + j * inner];
                float d = (float) dot;
                for (int j = 0; j < mid; j++) {
                    int k = base + j * inner;
                    gx[k] = y[yo + k] * (g[go + k] - d);
                }
            }
        }
    }
}
