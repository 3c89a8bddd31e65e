package org.jkeras.layers.pooling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.layers.convolutional.ConvArgs;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code BaseGlobalPooling}: the max or mean over every spatial axis, giving {@code [batch, channels]}, or
 * with {@code keepdims} the input's rank with spatial axes of size 1. Tied maxima share the gradient equally.
 *
 * <pre>{@code
 * GlobalAveragePooling2D gap = new GlobalAveragePooling2D();        // [n, h, w, c] -> [n, c]
 * GlobalMaxPooling1D gmp = new GlobalMaxPooling1D().keepdims(true); // [n, t, c] -> [n, 1, c]
 * }</pre>
 *
 * @param <T> the concrete layer
 */
public abstract class GlobalPooling<T extends GlobalPooling<T>> extends Layer {
    private final boolean max;
    protected final int rank;
    protected String dataFormat = "channels_last";
    protected boolean keepdims;

    protected GlobalPooling(boolean max, int rank) {
        this.max = max;
        this.rank = rank;
        setInputSpec(InputSpec.ndim(rank + 2));
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** Keras's {@code data_format}: {@code "channels_last"} (default) or {@code "channels_first"}. */
    public T dataFormat(String dataFormat) {
        this.dataFormat = ConvArgs.dataFormat(className(), dataFormat);
        return self();
    }

    /** Keras's {@code keepdims} (default false). */
    public T keepdims(boolean keepdims) {
        this.keepdims = keepdims;
        return self();
    }

    public String dataFormat() {
        return dataFormat;
    }

    public boolean keepdims() {
        return keepdims;
    }

    private int[] spatialAxes() {
        int[] axes = new int[rank];
        int first = dataFormat.equals("channels_first") ? 2 : 1;
        for (int a = 0; a < rank; a++) {
            axes[a] = first + a;
        }
        return axes;
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        Pooling.requireRank(className(), name(), in, rank);
        boolean cf = dataFormat.equals("channels_first");
        int channels = in[ConvArgs.channelAxis(cf, rank)];
        if (!keepdims) {
            return List.of(new int[] {in[0], channels});
        }
        int[] ones = new int[rank];
        java.util.Arrays.fill(ones, 1);
        return List.of(ConvArgs.shape(in[0], ones, channels, cf));
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        return List.of(max ? Ops.max(x, spatialAxes(), keepdims) : Ops.mean(x, spatialAxes(), keepdims));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("data_format", dataFormat);
        c.put("keepdims", keepdims);
        return c;
    }

    protected static <L extends GlobalPooling<L>> L read(L layer, LayerConfig c) {
        layer.dataFormat(c.string("data_format", null));
        layer.keepdims(c.bool("keepdims", false));
        return layer;
    }
}
