package org.jkeras.tensor;

/**
 * Fused elementwise optimizer updates (SGD, SGD with momentum, Adam, RMSprop) over a range of a variable, on the
 * Vector API when it is enabled, else on equivalent scalar loops. Both paths perform the same float operations
 * in the same order (Keras 3's torch backend order), so results do not depend on which one runs.
 *
 * <p><b>Subnormal flushing.</b> x86 cores take a microcode assist, roughly 100× slower, for every float
 * operation that reads or produces a subnormal number, and Java cannot switch on flush-to-zero. Gradients of
 * saturated softmax outputs and decaying moment estimates fall into that range all the time, which made Adam
 * 80× slower per element in measurements. So gradient contributions that would only produce subnormals are
 * dropped and moments that decay below {@link Float#MIN_NORMAL} become zero. The values affected are below
 * 1e-17, far under float32 resolution of any update they take part in.
 *
 * <pre>{@code
 * UpdateKernels.adam(w, 0, m, 0, v, 0, g, 0, 0, n, 0.9f, 0.1f, 0.999f, 0.001f, alpha, 1e-7f);
 * }</pre>
 */
public final class UpdateKernels {
    static final boolean VECTOR = Gemm.isVectorized();

    private UpdateKernels() {}

    /** Smallest |g| whose product with {@code factor} is not subnormal. */
    static float minGradient(float factor) {
        return Float.MIN_NORMAL / Math.max(Math.abs(factor), Float.MIN_NORMAL);
    }

    /** {@code w += negLr · g}. */
    public static void sgd(float[] w, int wo, float[] g, int go, int from, int to, float negLr) {
        float gmin = minGradient(negLr);
        if (VECTOR) {
            from = VectorUpdateKernels.sgd(w, wo, g, go, from, to, negLr, gmin);
        }
        sgdScalar(w, wo, g, go, from, to, negLr, gmin);
    }

    static void sgdScalar(float[] w, int wo, float[] g, int go, int from, int to, float negLr, float gmin) {
        for (int i = from; i < to; i++) {
            float gi = flush(g[go + i], gmin);
            w[wo + i] = w[wo + i] + negLr * gi;
        }
    }

    /**
     * {@code m = m·μ + negLr·g}, then {@code w += m} or, with Nesterov, {@code w += negLr·g; w += μ·m}.
     */
    public static void sgdMomentum(float[] w, int wo, float[] m, int mo, float[] g, int go, int from, int to,
                                   float negLr, float mu, boolean nesterov) {
        float gmin = minGradient(negLr);
        if (VECTOR) {
            from = VectorUpdateKernels.sgdMomentum(w, wo, m, mo, g, go, from, to, negLr, mu, nesterov, gmin);
        }
        sgdMomentumScalar(w, wo, m, mo, g, go, from, to, negLr, mu, nesterov, gmin);
    }

    static void sgdMomentumScalar(float[] w, int wo, float[] m, int mo, float[] g, int go, int from, int to,
                                  float negLr, float mu, boolean nesterov, float gmin) {
        for (int i = from; i < to; i++) {
            float gi = flush(g[go + i], gmin);
            float mi = flush(m[mo + i] * mu + negLr * gi, Float.MIN_NORMAL);
            m[mo + i] = mi;
            if (nesterov) {
                float wi = w[wo + i] + negLr * gi;
                w[wo + i] = wi + mu * mi;
            } else {
                w[wo + i] = w[wo + i] + mi;
            }
        }
    }

    /**
     * Adam: {@code m = m·b1 + c1·g; v = v·b2 + c2·g²; w -= (m·alpha) / (√v + eps)} with {@code c = 1 − b} and the
     * bias correction folded into {@code alpha}.
     */
    public static void adam(float[] w, int wo, float[] m, int mo, float[] v, int vo, float[] g, int go, int from, int to,
                            float b1, float c1, float b2, float c2, float alpha, float eps) {
        float gmin = adamMinGradient(c1, c2);
        if (VECTOR) {
            from = VectorUpdateKernels.adam(w, wo, m, mo, v, vo, g, go, from, to, b1, c1, b2, c2, alpha, eps, gmin);
        }
        adamScalar(w, wo, m, mo, v, vo, g, go, from, to, b1, c1, b2, c2, alpha, eps, gmin);
    }

    static float adamMinGradient(float c1, float c2) {
        return Math.max(minGradient(c1), (float) Math.sqrt(minGradient(c2)));
    }

    static void adamScalar(float[] w, int wo, float[] m, int mo, float[] v, int vo, float[] g, int go, int from, int to,
                           float b1, float c1, float b2, float c2, float alpha, float eps, float gmin) {
        for (int i = from; i < to; i++) {
            float gi = flush(g[go + i], gmin);
            float mi = flush(m[mo + i] * b1 + c1 * gi, Float.MIN_NORMAL);
            float vi = flush(v[vo + i] * b2 + c2 * (gi * gi), Float.MIN_NORMAL);
            m[mo + i] = mi;
            v[vo + i] = vi;
            w[wo + i] = w[wo + i] - (mi * alpha) / ((float) Math.sqrt(vi) + eps);
        }
    }

    /** RMSprop without momentum or centering: {@code v = v·r + c·g²; w -= (g·lr) / √(v + eps)}. */
    public static void rmsprop(float[] w, int wo, float[] v, int vo, float[] g, int go, int from, int to,
                               float r, float c, float lr, float eps) {
        float gmin = rmspropMinGradient(lr, c);
        if (VECTOR) {
            from = VectorUpdateKernels.rmsprop(w, wo, v, vo, g, go, from, to, r, c, lr, eps, gmin);
        }
        rmspropScalar(w, wo, v, vo, g, go, from, to, r, c, lr, eps, gmin);
    }

    static float rmspropMinGradient(float lr, float c) {
        return Math.max(minGradient(lr), (float) Math.sqrt(minGradient(c)));
    }

    static void rmspropScalar(float[] w, int wo, float[] v, int vo, float[] g, int go, int from, int to,
                              float r, float c, float lr, float eps, float gmin) {
        for (int i = from; i < to; i++) {
            float gi = flush(g[go + i], gmin);
            float vi = flush(v[vo + i] * r + c * (gi * gi), Float.MIN_NORMAL);
            v[vo + i] = vi;
            w[wo + i] = w[wo + i] - (gi * lr) / (float) Math.sqrt(vi + eps);
        }
    }

    /** {@code x}, or 0 when {@code |x| < min} (also 0 for a subnormal x). */
    static float flush(float x, float min) {
        return Math.abs(x) < min ? 0f : x;
    }
}
