package org.jkeras.losses;

import java.util.Arrays;
import java.util.Map;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code SparseCategoricalCrossentropy}: integer class labels (stored as floats) against class
 * probabilities or logits. {@code y_true} has the shape of {@code y_pred} without its last axis (e.g. {@code [n]}),
 * or that shape with a trailing 1 ({@code [n, 1]}). Labels are truncated to integers as torch's
 * {@code .long()} does and turned into one-hot rows, then the same kernels as {@link CategoricalCrossentropy}
 * run — so the numbers match Keras's torch backend ({@code nll_loss(log(clip(p/Σp)))}, or
 * {@code cross_entropy} on logits) exactly.
 *
 * <pre>{@code
 * Loss sce = new SparseCategoricalCrossentropy();              // from_logits=False
 * Tensor l = sce.compute(Tensor.vector(2, 0), probs, null);    // probs has shape [2, classes]
 * }</pre>
 */
public final class SparseCategoricalCrossentropy extends Loss {
    private final boolean fromLogits;

    /** Keras default: {@code from_logits=False}. */
    public SparseCategoricalCrossentropy() {
        this(false);
    }

    public SparseCategoricalCrossentropy(boolean fromLogits) {
        this("sparse_categorical_crossentropy", fromLogits);
    }

    public SparseCategoricalCrossentropy(String name, boolean fromLogits) {
        super(name);
        this.fromLogits = fromLogits;
    }

    public boolean fromLogits() {
        return fromLogits;
    }

    @Override
    public Tensor call(Tensor yTrue, Tensor yPred) {
        Tensor oneHot = oneHot(yTrue, yPred.shape(), name());
        return fromLogits ? Ops.categoricalCrossentropyFromLogits(oneHot, yPred)
                : Ops.categoricalCrossentropy(oneHot, yPred);
    }

    /**
     * One-hot rows of shape {@code predShape} from integer labels of shape {@code predShape[:-1]} (optionally
     * with a trailing 1). Rejects labels outside {@code [0, classes)}, which torch's {@code nll_loss} rejects too.
     */
    static Tensor oneHot(Tensor labels, int[] predShape, String who) {
        if (predShape.length < 1) {
            throw new IllegalArgumentException(who + ": y_pred must be at least rank 1; received: y_pred.shape="
                    + Arrays.toString(predShape) + ".");
        }
        int c = predShape[predShape.length - 1];
        int[] ls = labels.shape();
        int[] rowShape = Arrays.copyOf(predShape, predShape.length - 1);
        boolean ok = Arrays.equals(ls, rowShape)
                || (ls.length == predShape.length && ls[ls.length - 1] == 1
                    && Arrays.equals(Arrays.copyOf(ls, ls.length - 1), rowShape));
        if (!ok) {
            throw new IllegalArgumentException(who + ": y_true must hold one integer label per sample, shape "
                    + Arrays.toString(rowShape) + " (or with a trailing 1), for y_pred of shape "
                    + Arrays.toString(predShape) + "; received: y_true.shape=" + Arrays.toString(ls)
                    + ". For one-hot targets use categorical_crossentropy.");
        }
        int rows = labels.size();
        float[] l = labels.buffer();
        int lo = labels.offset();
        float[] out = new float[rows * c];
        for (int r = 0; r < rows; r++) {
            float v = l[lo + r];
            long k = (long) v;                       // truncation toward zero, as torch's .long()
            if (!(k >= 0 && k < c) || Float.isNaN(v)) {
                throw new IllegalArgumentException(who + ": label " + v + " at sample " + r
                        + " is out of range; labels must be integers in [0, " + c + ") for " + c + " classes.");
            }
            out[r * c + (int) k] = 1f;
        }
        return Tensor.of(out, predShape);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("from_logits", fromLogits);
        c.put("ignore_class", null);
        c.put("axis", -1);
        return c;
    }
}
