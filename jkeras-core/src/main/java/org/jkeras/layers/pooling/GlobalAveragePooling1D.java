package org.jkeras.layers.pooling;

import java.util.List;
import org.jkeras.layers.CallContext;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code GlobalAveragePooling1D} (see {@link GlobalPooling}): the average over the 1 spatial axes.
 *
 * <pre>{@code
 * GlobalAveragePooling1D g = new GlobalAveragePooling1D().keepdims(true);
 * }</pre>
 */
public class GlobalAveragePooling1D extends GlobalPooling<GlobalAveragePooling1D> {
    public GlobalAveragePooling1D() {
        super(false, 1);
    }

    /**
     * With a {@code [batch, steps]} mask: the mean over the unmasked steps only, {@code sum(x · mask) / sum(mask)}
     * (Keras's masked mean; all steps masked gives NaN as in Keras).
     */
    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor mask = ctx.mask(0);
        if (mask == null) {
            return super.call(inputs, ctx);
        }
        Tensor x = inputs.get(0);
        boolean last = !"channels_first".equals(dataFormat);
        int b = x.dim(0), steps = last ? x.dim(1) : x.dim(2);
        if (mask.size() != b * steps || mask.dim(0) != b) {
            throw new IllegalArgumentException("GlobalAveragePooling1D '" + name() + "': the mask must have shape [batch, "
                    + "steps] = [" + b + ", " + steps + "]; received " + java.util.Arrays.toString(mask.shape()) + ".");
        }
        Tensor m = last ? mask.reshape(b, steps, 1) : mask.reshape(b, 1, steps);
        int axis = last ? 1 : 2;
        Tensor num = Ops.sum(Ops.multiply(x, m), new int[] {axis}, keepdims);
        Tensor den = Ops.sum(m, new int[] {axis}, keepdims);
        return List.of(Ops.divide(num, den));
    }

    /** Keras's {@code from_config}. */
    public static GlobalAveragePooling1D fromConfig(LayerConfig c) {
        return read(new GlobalAveragePooling1D(), c);
    }
}
