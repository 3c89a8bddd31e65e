package org.jkeras.layers;

import java.util.List;
import org.jkeras.tensor.Tensor;

/**
 * What a layer's {@link Layer#call(List, CallContext)} receives besides its inputs, as Keras passes
 * {@code training=} and {@code mask=} to {@code call}: the training flag (Dropout drops, BatchNormalization uses
 * batch statistics) and the input masks (one per input; null where an input has none).
 *
 * <pre>{@code
 * protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
 *     Tensor x = inputs.get(0);
 *     return List.of(ctx.training() ? Ops.dropout(x, rate, random) : x);
 * }
 * }</pre>
 */
public final class CallContext {
    private static final CallContext INFERENCE = new CallContext(false, null);
    private static final CallContext TRAINING = new CallContext(true, null);

    private final boolean training;
    private final List<Tensor> masks;

    private CallContext(boolean training, List<Tensor> masks) {
        this.training = training;
        this.masks = masks;
    }

    /** A context with no masks. */
    public static CallContext of(boolean training) {
        return training ? TRAINING : INFERENCE;
    }

    /** A context with input masks ({@code masks} may be null or hold nulls). */
    public static CallContext of(boolean training, List<Tensor> masks) {
        return masks == null || masks.isEmpty() ? of(training) : new CallContext(training, masks);
    }

    /** Keras's {@code training} argument. */
    public boolean training() {
        return training;
    }

    /** The mask of input {@code i} (Keras's {@code mask}; 1 = keep, 0 = masked), or null. */
    public Tensor mask(int i) {
        return masks == null || i >= masks.size() ? null : masks.get(i);
    }

    /** True when at least one input has a mask. */
    public boolean hasMasks() {
        if (masks != null) {
            for (Tensor m : masks) {
                if (m != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The input masks (possibly empty; entries may be null). */
    public List<Tensor> masks() {
        return masks == null ? List.of() : masks;
    }
}
