package org.jkeras.losses;

import java.util.Map;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code CosineSimilarity} loss: both arguments L2-normalised along {@code axis} (Keras's
 * {@code ops.normalize}: {@code x · rsqrt(max(Σx², 1e-14))}), then {@code -Σ y_true·y_pred} along that axis — so
 * -1 means identical directions, 0 orthogonal, 1 opposite.
 *
 * <pre>{@code
 * Loss cos = new CosineSimilarity();               // axis = -1; or Losses.get("cosine_similarity")
 * Tensor l = cos.compute(Tensor.of(new float[] {1, 0}, 1, 2), Tensor.of(new float[] {1, 1}, 1, 2), null); // -0.7071
 * }</pre>
 */
public final class CosineSimilarity extends Loss {
    private final int axis;

    /** Keras defaults: {@code axis=-1}. */
    public CosineSimilarity() {
        this(-1);
    }

    public CosineSimilarity(int axis) {
        this("cosine_similarity", axis);
    }

    public CosineSimilarity(String name, int axis) {
        super(name);
        this.axis = axis;
    }

    public int axis() {
        return axis;
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor[] t = squeezeOrExpandToSameRank(yTrue, yPred);
        if (axis < -t[1].rank() || axis >= t[1].rank()) {
            throw new IllegalArgumentException("CosineSimilarity: axis=" + axis + " is out of range for y_pred of rank "
                    + t[1].rank() + "; valid axes are -" + t[1].rank() + " .. " + (t[1].rank() - 1) + ".");
        }
        Tensor p = LossMath.l2Normalize(t[1], axis);
        Tensor y = LossMath.l2Normalize(t[0], axis);
        return Ops.negative(Ops.sum(Ops.multiply(y, p), new int[] {axis}, false));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis);
        return c;
    }
}
