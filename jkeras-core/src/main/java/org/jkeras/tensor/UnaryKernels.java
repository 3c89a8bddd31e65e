package org.jkeras.tensor;

/**
 * Forward and derivative loops for {@link UnaryOp}. One switch per call selects a tight loop over a
 * primitive array; nothing is dispatched per element.
 *
 * <p>{@code param} is the op's one hyper-parameter where it has one: {@code alpha} of ELU,
 * {@code negative_slope} of LEAKY_RELU; it is ignored otherwise.
 *
 * <pre>{@code
 * UnaryKernels.apply(UnaryOp.TANH, 0f, x, 0, y, 0, n);           // y = tanh(x)
 * UnaryKernels.backward(UnaryOp.TANH, 0f, x, 0, y, 0, g, 0, gx, 0, n);   // gx = g * (1 - y²)
 * }</pre>
 */
public final class UnaryKernels {
    static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    static final double SELU_SCALE = 1.0507009873554804934193349852946;
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    private UnaryKernels() {}

    /** A new tensor {@code f(x)}. */
    public static Tensor forward(UnaryOp op, Tensor x, float param) {
        Tensor y = Workspace.tensor(x.shape());
        apply(op, param, x.buffer(), x.offset(), y.buffer(), 0, x.size());
        return y;
    }

    /** Elements per chunk below which a loop stays on the caller's thread. */
    static final int PARALLEL_GRAIN = 1 << 16;

    /**
     * {@code y[yo..] = f(x[xo..])} for {@code n} elements; {@code y} may be {@code x} (in place). Large arrays are
     * split across the compute pool.
     */
    public static void apply(UnaryOp op, float param, float[] x, int xo, float[] y, int yo, int n) {
        if (n >= 2 * PARALLEL_GRAIN) {
            ComputePool.parallelFor(0, n, PARALLEL_GRAIN, (from, to) -> applyRange(op, param, x, xo + from, y, yo + from, to - from));
        } else {
            applyRange(op, param, x, xo, y, yo, n);
        }
    }

    /** {@link #apply} on the calling thread only (for work already split across the pool, e.g. GEMM epilogues). */
    static void applySerial(UnaryOp op, float param, float[] x, int xo, float[] y, int yo, int n) {
        applyRange(op, param, x, xo, y, yo, n);
    }

    private static void applyRange(UnaryOp op, float param, float[] x, int xo, float[] y, int yo, int n) {
        switch (op) {
            case LINEAR:
                if (x != y || xo != yo) System.arraycopy(x, xo, y, yo, n);
                break;
            case RELU: {
                int i = UpdateKernels.VECTOR ? VectorUnaryKernels.relu(x, xo, y, yo, n) : 0;
                for (; i < n; i++) { float v = x[xo + i]; y[yo + i] = v < 0f ? 0f : v; }
                break;
            }
            case RELU6:
                for (int i = 0; i < n; i++) y[yo + i] = Math.min(Math.max(x[xo + i], 0f), 6f);
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) y[yo + i] = sigmoid(x[xo + i]);
                break;
            case TANH:
                for (int i = 0; i < n; i++) y[yo + i] = (float) Math.tanh(x[xo + i]);
                break;
            case ELU:
                for (int i = 0; i < n; i++) {
                    float v = x[xo + i];
                    y[yo + i] = v > 0f ? v : (float) (param * Math.expm1(v));
                }
                break;
            case SELU:
                for (int i = 0; i < n; i++) {
                    double v = x[xo + i];
                    y[yo + i] = (float) (SELU_SCALE * (v > 0 ? v : SELU_ALPHA * Math.expm1(v)));
                }
                break;
            case SOFTPLUS:
                for (int i = 0; i < n; i++) y[yo + i] = (float) softplus(x[xo + i]);
                break;
            case SOFTSIGN:
                for (int i = 0; i < n; i++) { float v = x[xo + i]; y[yo + i] = v / (1f + Math.abs(v)); }
                break;
            case GELU:
                for (int i = 0; i < n; i++) {
                    double v = x[xo + i];
                    y[yo + i] = (float) (0.5 * v * (1 + erf(v * SQRT_HALF)));
                }
                break;
            case SILU:
                for (int i = 0; i < n; i++) { float v = x[xo + i]; y[yo + i] = v * sigmoid(v); }
                break;
            case LEAKY_RELU:
                for (int i = 0; i < n; i++) { float v = x[xo + i]; y[yo + i] = v > 0f ? v : v * param; }
                break;
            case HARD_SIGMOID:
                for (int i = 0; i < n; i++) y[yo + i] = Math.min(Math.max(x[xo + i] / 6f + 0.5f, 0f), 1f);
                break;
            case MISH:
                for (int i = 0; i < n; i++) { double v = x[xo + i]; y[yo + i] = (float) (v * Math.tanh(softplus(v))); }
                break;
            case EXPONENTIAL:
            case EXP:
                for (int i = 0; i < n; i++) y[yo + i] = (float) Math.exp(x[xo + i]);
                break;
            case NEG:
                for (int i = 0; i < n; i++) y[yo + i] = -x[xo + i];
                break;
            case LOG:
                for (int i = 0; i < n; i++) y[yo + i] = (float) Math.log(x[xo + i]);
                break;
            case SQRT:
                for (int i = 0; i < n; i++) y[yo + i] = (float) Math.sqrt(x[xo + i]);
                break;
            case SQUARE:
                for (int i = 0; i < n; i++) { float v = x[xo + i]; y[yo + i] = v * v; }
                break;
            case ABS:
                for (int i = 0; i < n; i++) y[yo + i] = Math.abs(x[xo + i]);
                break;
            default:
                throw new IllegalArgumentException("No kernel for " + op);
        }
    }

    /**
     * {@code gx = g · f'(x)} for {@code n} elements, given the input {@code x} and the output {@code y}
     * (either may be null when {@link UnaryOp#derivativeFromOutput()} says it is not needed). {@code gx}
     * may alias {@code g}.
     */
    public static void backward(UnaryOp op, float param, float[] x, int xo, float[] y, int yo,
                                float[] g, int go, float[] gx, int gxo, int n) {
        if (n >= 2 * PARALLEL_GRAIN) {
            ComputePool.parallelFor(0, n, PARALLEL_GRAIN, (from, to) -> backwardRange(op, param, x, xo + from, y, yo + from,
                    g, go + from, gx, gxo + from, to - from));
        } else {
            backwardRange(op, param, x, xo, y, yo, g, go, gx, gxo, n);
        }
    }

    private static void backwardRange(UnaryOp op, float param, float[] x, int xo, float[] y, int yo,
                                      float[] g, int go, float[] gx, int gxo, int n) {
        switch (op) {
            case LINEAR:
                if (g != gx || go != gxo) System.arraycopy(g, go, gx, gxo, n);
                break;
            case RELU:
                // Use the output so that the fused dense kernel, which keeps only y, can call this too.
                if (y != null) {
                    int i = UpdateKernels.VECTOR ? VectorUnaryKernels.reluBackward(y, yo, g, go, gx, gxo, n) : 0;
                    for (; i < n; i++) gx[gxo + i] = y[yo + i] > 0f ? g[go + i] : 0f;
                } else {
                    for (int i = 0; i < n; i++) gx[gxo + i] = x[xo + i] > 0f ? g[go + i] : 0f;
                }
                break;
            case RELU6:
                for (int i = 0; i < n; i++) { float v = x[xo + i]; gx[gxo + i] = v > 0f && v < 6f ? g[go + i] : 0f; }
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) { float s = y[yo + i]; gx[gxo + i] = g[go + i] * s * (1f - s); }
                break;
            case TANH:
                for (int i = 0; i < n; i++) { float t = y[yo + i]; gx[gxo + i] = g[go + i] * (1f - t * t); }
                break;
            case ELU:
                for (int i = 0; i < n; i++) {
                    float v = x[xo + i];
                    gx[gxo + i] = v > 0f ? g[go + i] : (float) (g[go + i] * param * Math.exp(v));
                }
                break;
            case SELU:
                for (int i = 0; i < n; i++) {
                    double v = x[xo + i];
                    gx[gxo + i] = (float) (g[go + i] * SELU_SCALE * (v > 0 ? 1 : SELU_ALPHA * Math.exp(v)));
                }
                break;
            case SOFTPLUS:
                for (int i = 0; i < n; i++) gx[gxo + i] = g[go + i] * sigmoid(x[xo + i]);
                break;
            case SOFTSIGN:
                for (int i = 0; i < n; i++) {
                    float d = 1f + Math.abs(x[xo + i]);
                    gx[gxo + i] = g[go + i] / (d * d);
                }
                break;
            case GELU:
                for (int i = 0; i < n; i++) {
                    double v = x[xo + i];
                    double cdf = 0.5 * (1 + erf(v * SQRT_HALF));
                    double pdf = INV_SQRT_2PI * Math.exp(-0.5 * v * v);
                    gx[gxo + i] = (float) (g[go + i] * (cdf + v * pdf));
                }
                break;
            case SILU:
                for (int i = 0; i < n; i++) {
                    float v = x[xo + i], s = sigmoid(v);
                    gx[gxo + i] = g[go + i] * (s + v * s * (1f - s));
                }
                break;
            case LEAKY_RELU:
                for (int i = 0; i < n; i++) gx[gxo + i] = x[xo + i] > 0f ? g[go + i] : g[go + i] * param;
                break;
            case HARD_SIGMOID:
                for (int i = 0; i < n; i++) {
                    float v = x[xo + i];
                    gx[gxo + i] = v > -3f && v < 3f ? g[go + i] / 6f : 0f;
                }
                break;
            case MISH:
                for (int i = 0; i < n; i++) {
                    double v = x[xo + i], sp = softplus(v), t = Math.tanh(sp), s = 1 / (1 + Math.exp(-v));
                    gx[gxo + i] = (float) (g[go + i] * (t + v * (1 - t * t) * s));
                }
                break;
            case EXPONENTIAL:
            case EXP:
                for (int i = 0; i < n; i++) gx[gxo + i] = g[go + i] * y[yo + i];
                break;
            case NEG:
                for (int i = 0; i < n; i++) gx[gxo + i] = -g[go + i];
                break;
            case LOG:
                for (int i = 0; i < n; i++) gx[gxo + i] = g[go + i] / x[xo + i];
                break;
            case SQRT:
                for (int i = 0; i < n; i++) gx[gxo + i] = g[go + i] * 0.5f / y[yo + i];
                break;
            case SQUARE:
                for (int i = 0; i < n; i++) gx[gxo + i] = 2f * g[go + i] * x[xo + i];
                break;
            case ABS:
                for (int i = 0; i < n; i++) gx[gxo + i] = g[go + i] * Math.signum(x[xo + i]);
                break;
            default:
                throw new IllegalArgumentException("No kernel for " + op);
        }
    }

    /** Numerically stable logistic function. */
    public static float sigmoid(float v) {
        if (v >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-v)));
        }
        double e = Math.exp(v);
        return (float) (e / (1.0 + e));
    }

    static double softplus(double v) {
        return Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
    }

    /**
     * The error function to about 1e-14, needed by exact GELU (Java's standard library has none): its Taylor
     * series below |x| = 3, and the continued fraction of erfc above, where the series would lose digits.
     */
    public static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 3.0) {
            double x2 = ax * ax, term = ax, sum = ax;
            for (int n = 1; n < 200; n++) {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
            }
            r = sum * 2 / Math.sqrt(Math.PI);
        } else {
            double t = 0;
            for (int k = 60; k >= 1; k--) {
                t = (k / 2.0) / (ax + t);
            }
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + t);
        }
        return x < 0 ? -r : r;
    }
}
