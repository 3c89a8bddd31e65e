package org.jkeras.training;

import java.util.Arrays;
import java.util.List;
import org.jkeras.tensor.Tensor;

/**
 * Folds the predictions' masks into the sample weights, as Keras 3 does for losses and metrics (KERAS-SEMANTICS §2.6):
 * for a loss, {@code w' = w · mask · n / count(mask)} so masked timesteps weigh 0 and do not dilute the mean over the
 * {@code n} elements; for metrics (weighted means) {@code w' = w · mask}. A mask has the output's shape without its
 * last axis (e.g. {@code [batch, timesteps]} for an output {@code [batch, timesteps, classes]}).
 *
 * <pre>{@code
 * Tensor[] w = OutputMasks.fold(sampleWeights, yPred, masks, true);
 * }</pre>
 */
public final class OutputMasks {
    private OutputMasks() {}

    /** The weights per output with the masks folded in; {@code ws} unchanged when no output has a mask. */
    public static Tensor[] fold(Tensor[] ws, List<Tensor> yPred, List<Tensor> masks, boolean rescale) {
        if (masks == null || masks.stream().allMatch(m -> m == null)) {
            return ws;
        }
        Tensor[] out = ws == null ? new Tensor[yPred.size()] : ws.clone();
        for (int i = 0; i < yPred.size() && i < masks.size(); i++) {
            Tensor m = masks.get(i);
            if (m != null) {
                out[i] = fold(out[i], yPred.get(i), m, rescale);
            }
        }
        return out;
    }

    static Tensor fold(Tensor w, Tensor pred, Tensor mask, boolean rescale) {
        int[] ps = pred.shape();
        int[] expected = Arrays.copyOf(ps, Math.max(1, ps.length - 1));
        if (ps.length < 2 || !Arrays.equals(mask.shape(), expected)) {
            throw new IllegalArgumentException("The mask of an output has shape " + Arrays.toString(mask.shape())
                    + ", which does not match the output's shape " + Arrays.toString(ps) + ": a mask must have the "
                    + "output's shape without its last axis, " + Arrays.toString(expected) + ".");
        }
        int n = mask.size(), rows = ps[0], inner = rows == 0 ? 0 : n / rows;
        float[] m = mask.toArray();
        double count = 0;
        for (float v : m) {
            count += v;
        }
        float scale = rescale && count > 0 ? (float) (n / count) : 1f;
        float[] d = new float[n];
        float[] wv = w == null ? null : w.toArray();
        if (w != null && w.size() != rows && w.size() != n) {
            throw new IllegalArgumentException("sample_weight of shape " + Arrays.toString(w.shape()) + " does not fit "
                    + "the masked output " + Arrays.toString(ps) + "; give one weight per sample or per timestep.");
        }
        for (int i = 0; i < n; i++) {
            float wi = wv == null ? 1f : wv.length == n ? wv[i] : wv[i / inner];
            d[i] = wi * m[i] * scale;
        }
        return Tensor.of(d, expected);
    }
}
