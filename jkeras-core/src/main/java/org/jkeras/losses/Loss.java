package org.jkeras.losses;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * A Keras loss: {@link #call} computes the unreduced per-sample loss with differentiable {@link Ops} (so a
 * recording {@link org.jkeras.autodiff.GradientTape} sees it), and {@link #compute} reduces it the Keras 3 way,
 * "sum over batch size": {@code Σ lᵢ·wᵢ / n}, where zero weights still count in {@code n}.
 *
 * <pre>{@code
 * Loss loss = Losses.get("categorical_crossentropy");
 * Tensor value = loss.compute(yTrue, yPred, null);       // scalar
 * }</pre>
 */
public abstract class Loss {
    private final String name;

    protected Loss(String name) {
        this.name = name;
    }

    /** The Keras name, e.g. {@code "categorical_crossentropy"}. */
    public String name() {
        return name;
    }

    /** Per-sample losses: the shape of {@code yPred} without its last axis. */
    public abstract Tensor call(Tensor yTrue, Tensor yPred);

    /**
     * The scalar loss of a batch: {@code Σ lᵢ·wᵢ / n} ({@code sampleWeight} may be null, meaning all ones;
     * otherwise it has one weight per sample, shape {@code [n]}, or the shape of the per-sample losses).
     */
    public Tensor compute(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Tensor perSample = call(yTrue, yPred);
        if (sampleWeight != null) {
            if (sampleWeight.size() != perSample.size()) {
                throw new IllegalArgumentException("sample_weight has shape " + Arrays.toString(sampleWeight.shape())
                        + " but the loss '" + name + "' has per-sample shape " + Arrays.toString(perSample.shape())
                        + "; give one weight per sample.");
            }
            perSample = Ops.multiply(perSample, sampleWeight.reshape(perSample.shape()));
        }
        return Ops.mean(perSample, new int[0], false);
    }

    /**
     * The Keras config of this loss ({@code name}, {@code reduction}, then the subclass's arguments), as
     * {@code Loss.get_config} writes it; subclasses add their constructor arguments.
     */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("reduction", "sum_over_batch_size");
        return config;
    }

    /**
     * Keras's {@code squeeze_or_expand_to_same_rank(y_true, y_pred)}: when the ranks differ by one and the
     * longer one ends in a dimension of 1, that dimension is squeezed — or, when the shorter one is rank 1, the
     * shorter one is expanded instead. Returns {@code {yTrue, yPred}}, reshaped (differentiably for
     * {@code yPred}) where needed. This is why {@code y_true} of shape {@code [n]} works with a
     * {@code [n, 1]} sigmoid output.
     */
    protected static Tensor[] squeezeOrExpandToSameRank(Tensor yTrue, Tensor yPred) {
        int rt = yTrue.rank(), rp = yPred.rank();
        if (rt == rp + 1 && yTrue.dim(rt - 1) == 1) {
            if (rp == 1) {
                yPred = Ops.reshape(yPred, appendOne(yPred.shape()));
            } else {
                yTrue = yTrue.reshape(Arrays.copyOf(yTrue.shape(), rt - 1));
            }
        } else if (rp == rt + 1 && yPred.dim(rp - 1) == 1) {
            if (rt == 1) {
                yTrue = yTrue.reshape(appendOne(yTrue.shape()));
            } else {
                yPred = Ops.reshape(yPred, Arrays.copyOf(yPred.shape(), rp - 1));
            }
        }
        return new Tensor[] {yTrue, yPred};
    }

    private static int[] appendOne(int[] s) {
        int[] out = Arrays.copyOf(s, s.length + 1);
        out[s.length] = 1;
        return out;
    }

    /** Validates a label-smoothing factor: Keras documents it as a float in {@code [0, 1]}. */
    protected static float checkLabelSmoothing(double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("label_smoothing must be a float in [0, 1]; received: label_smoothing="
                    + labelSmoothing + ". Use 0 to disable smoothing.");
        }
        return (float) labelSmoothing;
    }

    @Override
    public String toString() {
        return "Loss(" + name + ")";
    }
}
