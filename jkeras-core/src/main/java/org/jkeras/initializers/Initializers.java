package org.jkeras.initializers;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.jkeras.tensor.Tensor;

/**
 * Keras 3's initializers by name: {@code glorot_uniform} (Dense's default kernel), {@code glorot_normal},
 * {@code he_uniform}, {@code he_normal}, {@code lecun_uniform}, {@code lecun_normal}, {@code zeros},
 * {@code ones}, {@code random_normal} (stddev 0.05), {@code random_uniform} ([-0.05, 0.05]). The "normal"
 * variance-scaling ones draw from a normal truncated at two standard deviations, rescaled as Keras does.
 *
 * <pre>{@code
 * Initializer init = Initializers.get("he_normal");
 * Tensor w = init.init(new int[] {128, 64}, 7L);
 * Initializer custom = Initializers.randomNormal(0f, 0.01f);
 * }</pre>
 */
public final class Initializers {
    private static final Map<String, Supplier<Initializer>> REGISTRY = new LinkedHashMap<>();
    /** 1 / stddev of a standard normal truncated to [-2, 2], as Keras's VarianceScaling uses. */
    private static final double TRUNCATED_STDDEV_FIX = 0.87962566103423978;

    static {
        REGISTRY.put("glorot_uniform", () -> varianceScaling("GlorotUniform", 1.0, "fan_avg", false));
        REGISTRY.put("glorot_normal", () -> varianceScaling("GlorotNormal", 1.0, "fan_avg", true));
        REGISTRY.put("he_uniform", () -> varianceScaling("HeUniform", 2.0, "fan_in", false));
        REGISTRY.put("he_normal", () -> varianceScaling("HeNormal", 2.0, "fan_in", true));
        REGISTRY.put("lecun_uniform", () -> varianceScaling("LecunUniform", 1.0, "fan_in", false));
        REGISTRY.put("lecun_normal", () -> varianceScaling("LecunNormal", 1.0, "fan_in", true));
        REGISTRY.put("zeros", () -> constant("Zeros", 0f));
        REGISTRY.put("ones", () -> constant("Ones", 1f));
        REGISTRY.put("random_normal", () -> randomNormal(0f, 0.05f));
        REGISTRY.put("random_uniform", () -> randomUniform(-0.05f, 0.05f));
        REGISTRY.put("uniform", () -> randomUniform(-0.05f, 0.05f));   // Keras's alias (Embedding's default)
        REGISTRY.put("normal", () -> randomNormal(0f, 0.05f));
        REGISTRY.put("orthogonal", () -> orthogonal(1.0));
    }

    private Initializers() {}

    /** Resolves a Keras initializer name (snake_case, or the class name such as {@code GlorotUniform}). */
    public static Initializer get(String name) {
        if (name == null) {
            throw new IllegalArgumentException("Initializer name is null; expected one of " + REGISTRY.keySet() + ".");
        }
        String key = name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        Supplier<Initializer> s = REGISTRY.get(key);
        if (s == null) {
            throw new IllegalArgumentException("Unknown initializer: '" + name + "'. Expected one of "
                    + REGISTRY.keySet() + ".");
        }
        return s.get();
    }

    /** The names this registry resolves. */
    public static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(REGISTRY.keySet());
    }

    /** Fan-in and fan-out of a weight shape as Keras computes them (receptive field × channels for convs). */
    static double[] fans(int[] shape) {
        if (shape.length == 0) {
            return new double[] {1, 1};
        }
        if (shape.length == 1) {
            return new double[] {shape[0], shape[0]};
        }
        if (shape.length == 2) {
            return new double[] {shape[0], shape[1]};
        }
        double receptive = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            receptive *= shape[i];
        }
        return new double[] {shape[shape.length - 2] * receptive, shape[shape.length - 1] * receptive};
    }

    /** Keras's VarianceScaling with a uniform or truncated-normal distribution. */
    public static Initializer varianceScaling(String className, double scale, String mode, boolean normal) {
        return new Initializer() {
            @Override
            public Tensor init(int[] shape, long seed) {
                double[] f = fans(shape);
                double n = mode.equals("fan_in") ? f[0] : mode.equals("fan_out") ? f[1] : (f[0] + f[1]) / 2;
                double s = scale / Math.max(1.0, n);
                if (normal) {
                    return truncatedNormal(shape, seed, Math.sqrt(s) / TRUNCATED_STDDEV_FIX);
                }
                double limit = Math.sqrt(3 * s);
                return Tensor.randomUniform(seed, (float) -limit, (float) limit, shape);
            }

            @Override
            public String className() {
                return className;
            }

            @Override
            public Map<String, Object> getConfig() {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("seed", null);
                c.put("input_axes", null);
                c.put("output_axes", null);
                return c;
            }
        };
    }

    private static Tensor truncatedNormal(int[] shape, long seed, double stddev) {
        Random r = new Random(seed);
        Tensor t = Tensor.zeros(shape);
        float[] d = t.buffer();
        for (int i = 0; i < d.length; i++) {
            double v;
            do {
                v = r.nextGaussian();
            } while (Math.abs(v) > 2);
            d[i] = (float) (v * stddev);
        }
        return t;
    }

    /** Every element equal to {@code value}. */
    public static Initializer constant(String className, float value) {
        return new Initializer() {
            @Override
            public Tensor init(int[] shape, long seed) {
                return Tensor.full(value, shape);
            }

            @Override
            public String className() {
                return className;
            }

            @Override
            public Map<String, Object> getConfig() {
                return className.equals("Constant") ? new LinkedHashMap<>(Map.of("value", value)) : new LinkedHashMap<>();
            }
        };
    }

    /** Normal samples with the given mean and standard deviation. */
    public static Initializer randomNormal(float mean, float stddev) {
        return new Initializer() {
            @Override
            public Tensor init(int[] shape, long seed) {
                return Tensor.randomNormal(seed, mean, stddev, shape);
            }

            @Override
            public String className() {
                return "RandomNormal";
            }

            @Override
            public Map<String, Object> getConfig() {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("mean", mean);
                c.put("stddev", stddev);
                c.put("seed", null);
                return c;
            }
        };
    }

    /** Uniform samples in {@code [minval, maxval)}. */
    public static Initializer randomUniform(float minval, float maxval) {
        return new Initializer() {
            @Override
            public Tensor init(int[] shape, long seed) {
                return Tensor.randomUniform(seed, minval, maxval, shape);
            }

            @Override
            public String className() {
                return "RandomUniform";
            }

            @Override
            public Map<String, Object> getConfig() {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("minval", minval);
                c.put("maxval", maxval);
                c.put("seed", null);
                return c;
            }
        };
    }

    /**
     * Keras's {@code Orthogonal(gain)} (the recurrent kernels' default): the matrix {@code [prod(shape[:-1]),
     * shape[-1]]} is {@code gain · Q} of the QR decomposition of a standard-normal matrix, signs fixed by
     * {@code diag(R)}, transposed when it has fewer rows than columns (orthonormal rows or columns).
     */
    public static Initializer orthogonal(double gain) {
        return new Initializer() {
            @Override
            public Tensor init(int[] shape, long seed) {
                int cols = shape.length == 0 ? 1 : shape[shape.length - 1];
                int rows = cols == 0 ? 0 : org.jkeras.tensor.Shapes.size(shape) / cols;
                int n = Math.max(rows, cols), k = Math.min(rows, cols);
                float[] a = Tensor.randomNormal(seed, 0f, 1f, n, k).toArray();
                double[][] q = new double[k][n];   // columns of the n x k matrix, Gram-Schmidt (twice for stability)
                for (int j = 0; j < k; j++) {
                    for (int i = 0; i < n; i++) {
                        q[j][i] = a[i * k + j];
                    }
                    double rjj = 0;
                    for (int pass = 0; pass < 2; pass++) {
                        for (int p = 0; p < j; p++) {
                            double dot = 0;
                            for (int i = 0; i < n; i++) {
                                dot += q[p][i] * q[j][i];
                            }
                            for (int i = 0; i < n; i++) {
                                q[j][i] -= dot * q[p][i];
                            }
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        rjj += q[j][i] * q[j][i];
                    }
                    rjj = Math.sqrt(rjj);
                    for (int i = 0; i < n; i++) {
                        q[j][i] /= rjj;   // positive diag(R): the sign convention Keras applies
                    }
                }
                float[] out = new float[rows * cols];
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        out[r * cols + c] = (float) (gain * (rows >= cols ? q[c][r] : q[r][c]));
                    }
                }
                return Tensor.of(out, shape);
            }

            @Override
            public String className() {
                return "Orthogonal";
            }

            @Override
            public Map<String, Object> getConfig() {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("seed", null);
                c.put("gain", gain);
                return c;
            }
        };
    }
}
