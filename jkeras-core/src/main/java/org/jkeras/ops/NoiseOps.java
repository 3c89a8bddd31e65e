package org.jkeras.ops;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.jkeras.tensor.Shapes;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.Workspace;

/**
 * The seeded noise ops behind Keras's regularization layers (active only in training; the layers decide when):
 * spatial dropout (whole channels), Gaussian noise, Gaussian dropout and alpha dropout. Each draws from the
 * given {@link RandomGenerator} (a layer keeps one, seeded from its {@code seed} or the global
 * {@link org.jkeras.tensor.Seeds} stream) and is differentiable through {@link Ops}.
 *
 * <pre>{@code
 * SplittableRandom rnd = new SplittableRandom(1337);
 * Tensor y = NoiseOps.spatialDropout(x, 0.5f, true, rnd);   // x [N, H, W, C]: drops whole channels
 * Tensor z = NoiseOps.gaussianNoise(x, 0.1f, rnd);
 * }</pre>
 */
public final class NoiseOps {
    private NoiseOps() {}

    /**
     * Keras's {@code SpatialDropout1D/2D/3D}: one keep/drop draw per sample and channel (noise shape
     * {@code [N, 1, …, 1, C]} for channels_last, {@code [N, C, 1, …, 1]} for channels_first), kept channels scaled
     * by {@code 1 / (1 − rate)}.
     */
    public static Tensor spatialDropout(Tensor x, float rate, boolean channelsLast, RandomGenerator random) {
        int[] s = x.shape();
        if (s.length < 3) {
            throw new IllegalArgumentException("SpatialDropout needs an input of rank >= 3 ([batch, steps..., "
                    + "channels]); got shape " + Arrays.toString(s) + ". Use Dropout for rank-2 inputs.");
        }
        if (rate <= 0f) {
            return x;
        }
        int[] noise = new int[s.length];
        Arrays.fill(noise, 1);
        noise[0] = s[0];
        int ch = channelsLast ? s.length - 1 : 1;
        noise[ch] = s[ch];
        return Ops.multiply(x, keepMask(noise, rate, random));
    }

    /** Inverted dropout with a mask of shape {@code noiseShape} broadcast over {@code x}. */
    public static Tensor dropout(Tensor x, float rate, int[] noiseShape, RandomGenerator random) {
        if (rate <= 0f) {
            return x;
        }
        return Ops.multiply(x, keepMask(noiseShape, rate, random));
    }

    private static Tensor keepMask(int[] shape, float rate, RandomGenerator random) {
        int n = Shapes.size(shape);
        float keep = rate >= 1f ? 0f : 1f / (1f - rate);
        float[] m = Workspace.floats(n);
        for (int i = 0; i < n; i++) {
            m[i] = random.nextFloat() >= rate ? keep : 0f;
        }
        return Tensor.of(m, shape);
    }

    /** Keras's {@code GaussianNoise}: {@code x + N(0, stddev²)} elementwise. */
    public static Tensor gaussianNoise(Tensor x, float stddev, RandomGenerator random) {
        int n = x.size();
        float[] e = Workspace.floats(n);
        for (int i = 0; i < n; i++) {
            e[i] = (float) (random.nextGaussian() * stddev);
        }
        return Ops.add(x, Tensor.of(e, x.shape()));
    }

    /**
     * Keras's {@code GaussianDropout}: {@code x · N(1, rate / (1 − rate))} elementwise (identity when rate is 0
     * or 1, as Keras).
     */
    public static Tensor gaussianDropout(Tensor x, float rate, RandomGenerator random) {
        if (!(rate > 0f && rate < 1f)) {
            return x;
        }
        double std = Math.sqrt(rate / (1.0 - rate));
        int n = x.size();
        float[] e = Workspace.floats(n);
        for (int i = 0; i < n; i++) {
            e[i] = (float) (1.0 + random.nextGaussian() * std);
        }
        return Ops.multiply(x, Tensor.of(e, x.shape()));
    }

    /** SELU's alpha and scale, as Keras's AlphaDropout writes them. */
    static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    static final double SELU_SCALE = 1.0507009873554804934193349852946;

    /**
     * Keras's {@code AlphaDropout}: dropped elements become SELU's negative saturation
     * {@code α' = −alpha·scale}, then {@code a·x + b} with {@code a = ((1 − rate)(1 + rate·α'²))^(−1/2)} and
     * {@code b = −a·α'·rate}, keeping mean and variance. {@code noiseShape} null means the input's shape.
     */
    public static Tensor alphaDropout(Tensor x, float rate, int[] noiseShape, RandomGenerator random) {
        if (rate <= 0f) {
            return x;
        }
        int[] shape = noiseShape != null ? noiseShape : x.shape();
        double alphaP = -SELU_ALPHA * SELU_SCALE;
        double a = Math.pow((1.0 - rate) * (1.0 + rate * alphaP * alphaP), -0.5);
        double b = -a * alphaP * rate;
        int n = Shapes.size(shape);
        float[] mul = Workspace.floats(n), add = Workspace.floats(n);
        for (int i = 0; i < n; i++) {
            boolean kept = random.nextFloat() >= rate;
            mul[i] = kept ? (float) a : 0f;
            add[i] = (float) (kept ? b : a * alphaP + b);
        }
        return Ops.add(Ops.multiply(x, Tensor.of(mul, shape)), Tensor.of(add, shape));
    }
}
