package org.jkeras.tensor;

/**
 * Fused elementwise optimizer updates (SGD, SGD with momentum, Adam, RMSprop) over a range of a variable, on the
 * Vector API when it is enabled, else on equivalent scalar loops. The other optimizers (Adagrad, Adadelta, Adamax,
 * Nadam, Lion, Ftrl) and the common arguments (clipping, weight decay, EMA) have branch-free scalar loops here. Both paths perform the same float operations
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
            float mi = moment(m[mo + i], mu, negLr, gi);
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
            float mi = moment(m[mo + i], b1, c1, gi);
            float vi = moment(v[vo + i], b2, c2, gi * gi);
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
            float vi = moment(v[vo + i], r, c, gi * gi);
            v[vo + i] = vi;
            w[wo + i] = w[wo + i] - (gi * lr) / (float) Math.sqrt(vi + eps);
        }
    }

    // ------------------------------------------------------------------ common optimizer arguments

    /** {@code Σ x²} of {@code n} elements, accumulated in double. */
    public static double sumOfSquares(float[] x, int xo, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double v = x[xo + i];
            s += v * v;
        }
        return s;
    }

    /** Keras's {@code _clip_by_norm}: {@code out = (g·c) / max(norm, c)}. */
    public static void clipByNorm(float[] g, int go, float[] out, int n, float c, float norm) {
        float d = Math.max(norm, c);
        for (int i = 0; i < n; i++) {
            out[i] = (g[go + i] * c) / d;
        }
    }

    /** {@code out = g·s} (global-norm clipping). */
    public static void scaleInto(float[] g, int go, float[] out, int n, float s) {
        for (int i = 0; i < n; i++) {
            out[i] = g[go + i] * s;
        }
    }

    /** {@code out = clip(g, -v, v)}. */
    public static void clipByValue(float[] g, int go, float[] out, int n, float v) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.min(Math.max(g[go + i], -v), v);
        }
    }

    /** {@code w *= f} over {@code [from, to)} (decoupled weight decay, {@code f = 1 - wd·lr}). */
    public static void scaleInPlace(float[] w, int wo, int from, int to, float f) {
        for (int i = from; i < to; i++) {
            w[wo + i] = w[wo + i] * f;
        }
    }

    /** {@code a = m·a + c·w} over {@code [from, to)} (the EMA of the weights, {@code c = 1 - m}). */
    public static void movingAverage(float[] a, int ao, float[] w, int wo, int from, int to, float m, float c) {
        for (int i = from; i < to; i++) {
            a[ao + i] = flush(m * a[ao + i] + c * w[wo + i], Float.MIN_NORMAL);
        }
    }

    // ------------------------------------------------------------------ the other Keras 3 optimizers

    /** Adagrad (torch order): {@code acc += g²; w -= (g·lr) / √(acc + eps)}. */
    public static void adagrad(float[] w, int wo, float[] acc, int ao, float[] g, int go, int from, int to,
                               float lr, float eps) {
        float gmin = rmspropMinGradient(lr, 1f);
        for (int i = from; i < to; i++) {
            float gi = flush(g[go + i], gmin);
            float a = acc[ao + i] + gi * gi;
            acc[ao + i] = a;
            w[wo + i] = w[wo + i] - (gi * lr) / (float) Math.sqrt(a + eps);
        }
    }

    /**
     * Adadelta (torch order): {@code ag = ag·ρ + (1-ρ)·g²; d = -(√(adv+eps)·g) / √(ag+eps);
     * adv = adv·ρ + (1-ρ)·d²; w += lr·d}.
     */
    public static void adadelta(float[] w, int wo, float[] ag, int ago, float[] adv, int advo, float[] g, int go,
                                int from, int to, float lr, float rho, float c, float eps) {
        float gmin = (float) Math.sqrt(minGradient(c));
        for (int i = from; i < to; i++) {
            float gi = flush(g[go + i], gmin);
            float a = moment(ag[ago + i], rho, c, gi * gi);
            ag[ago + i] = a;
            float d = -(((float) Math.sqrt(adv[advo + i] + eps) * gi) / (float) Math.sqrt(a + eps));
            adv[advo + i] = moment(adv[advo + i], rho, c, d * d);
            w[wo + i] = w[wo + i] + lr * d;
        }
    }

    /** Adamax (torch order): {@code m = m·b1 + c1·g; u = max(u·b2, |g|); w -= (m·lr) / ((u + eps)·corr)}. */
    public static void adamax(float[] w, int wo, float[] m, int mo, float[] u, int uo, float[] g, int go, int from,
                              int to, float b1, float c1, float b2, float lr, float eps, float corr) {
        float gmin = minGradient(c1);
        for (int i = from; i < to; i++) {
            float gi = flush(g[go + i], gmin);
            float mi = moment(m[mo + i], b1, c1, gi);
            float ui = flush(Math.max(u[uo + i] * b2, Math.abs(gi)), Float.MIN_NORMAL);
            m[mo + i] = mi;
            u[uo + i] = ui;
            w[wo + i] = w[wo + i] - (mi * lr) / ((ui + eps) * corr);
        }
    }

    /**
     * Nadam (torch order): {@code m = m·b1 + c1·g; v = v·b2 + c2·g²;
     * m̂ = (m·ut1)/d1 + (g·cu)/d0; v̂ = v/dv; w -= (m̂·lr) / (√v̂ + eps)} with {@code ut1 = u_{t+1}},
     * {@code cu = 1 - u_t}, {@code d1 = 1 - Πu·u_{t+1}}, {@code d0 = 1 - Πu}, {@code dv = 1 - b2^t}.
     */
    public static void nadam(float[] w, int wo, float[] m, int mo, float[] v, int vo, float[] g, int go, int from,
                             int to, float b1, float c1, float b2, float c2, float ut1, float cu, float d1, float d0,
                             float dv, float lr, float eps) {
        float gmin = adamMinGradient(c1, c2);
        for (int i = from; i < to; i++) {
            float gi = flush(g[go + i], gmin);
            float mi = moment(m[mo + i], b1, c1, gi);
            float vi = moment(v[vo + i], b2, c2, gi * gi);
            m[mo + i] = mi;
            v[vo + i] = vi;
            float mHat = (mi * ut1) / d1 + (gi * cu) / d0;
            float vHat = vi / dv;
            w[wo + i] = w[wo + i] - (mHat * lr) / ((float) Math.sqrt(vHat) + eps);
        }
    }

    /** Lion (torch order): {@code c = m·b1 + c1·g; w -= sign(c)·lr; m = m·b2 + c2·g}. */
    public static void lion(float[] w, int wo, float[] m, int mo, float[] g, int go, int from, int to,
                            float b1, float c1, float b2, float c2, float lr) {
        float gmin = minGradient(Math.min(c1, c2));
        for (int i = from; i < to; i++) {
            float gi = flush(g[go + i], gmin);
            float mi = m[mo + i];
            float c = mi * b1 + c1 * gi;
            w[wo + i] = w[wo + i] - Math.signum(c) * lr;
            m[mo + i] = moment(mi, b2, c2, gi);
        }
    }

    /**
     * FTRL-proximal (Keras's generic {@code update_step}): with {@code p = -learning_rate_power},
     * {@code gt = g + 2·l2s·w; na = acc + g²; lin += gt - (na^p - acc^p)/lr · w;
     * q = na^p/lr + 2·l2; w = (clip(lin, -l1, l1) - lin) / q; acc = na}.
     */
    public static void ftrl(float[] w, int wo, float[] acc, int ao, float[] lin, int lo, float[] g, int go, int from,
                            int to, float lr, float power, float l1, float l2, float l2Shrinkage) {
        boolean sqrt = power == 0.5f;
        for (int i = from; i < to; i++) {
            float gi = g[go + i];
            float wi = w[wo + i];
            float a = acc[ao + i];
            float gt = gi + 2f * l2Shrinkage * wi;
            float na = a + gi * gi;
            float naP = sqrt ? (float) Math.sqrt(na) : (float) Math.pow(na, power);
            float aP = sqrt ? (float) Math.sqrt(a) : (float) Math.pow(a, power);
            float li = lin[lo + i] + (gt - ((naP - aP) / lr) * wi);
            lin[lo + i] = li;
            float q = naP / lr + 2f * l2;
            float clipped = Math.min(Math.max(li, -l1), l1);
            w[wo + i] = (clipped - li) / q;
            acc[ao + i] = na;
        }
    }

    /**
     * {@code s·b + c·x} (in that order), flushed to 0 when subnormal: the decaying-average step shared by the
     * moment and accumulator updates above, e.g. Adam's {@code m = m·b1 + c1·g}.
     */
    static float moment(float s, float b, float c, float x) {
        return flush(s * b + c * x, Float.MIN_NORMAL);
    }

    /** {@code x}, or 0 when {@code |x| < min} (also 0 for a subnormal x). */
    static float flush(float x, float min) {
        return Math.abs(x) < min ? 0f : x;
    }
}
