package org.jkeras.layers.pooling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.layers.convolutional.ConvArgs;
import org.jkeras.ops.ConvOps;
import org.jkeras.tensor.ConvGeometry;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code BasePooling}: max or average over windows of {@code pool_size}, moved by {@code strides}
 * (default: the pool size), {@code padding} {@code valid} or {@code same}. An average with {@code same} padding
 * divides by the real (non-padding) positions of each window, as Keras does.
 *
 * <pre>{@code
 * MaxPooling2D p = new MaxPooling2D(2);                           // 2×2, stride 2
 * AveragePooling1D a = new AveragePooling1D(3).strides(1).padding("same");
 * }</pre>
 *
 * @param <T> the concrete layer
 */
public abstract class Pooling<T extends Pooling<T>> extends Layer {
    private final boolean max;
    protected final int rank;
    protected int[] poolSize;
    protected int[] strides;
    protected String padding = "valid";
    protected String dataFormat = "channels_last";

    protected Pooling(boolean max, int rank, int[] poolSize) {
        this.max = max;
        this.rank = rank;
        this.poolSize = ConvArgs.tuple(className(), "pool_size", poolSize, rank);
        this.strides = this.poolSize.clone();
        setInputSpec(InputSpec.ndim(rank + 2));
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** Keras's {@code strides} (default None: the pool size); null restores the default. */
    public T strides(int... strides) {
        requireUnbuilt("strides");
        this.strides = strides == null ? poolSize.clone() : ConvArgs.tuple(className(), "strides", strides, rank);
        return self();
    }

    /** Keras's {@code padding}: {@code "valid"} (default) or {@code "same"}. */
    public T padding(String padding) {
        requireUnbuilt("padding");
        this.padding = ConvArgs.padding(className(), padding, false);
        return self();
    }

    /** Keras's {@code data_format}: {@code "channels_last"} (default) or {@code "channels_first"}. */
    public T dataFormat(String dataFormat) {
        requireUnbuilt("data_format");
        this.dataFormat = ConvArgs.dataFormat(className(), dataFormat);
        return self();
    }

    public int[] poolSize() {
        return poolSize.clone();
    }

    public int[] strides() {
        return strides.clone();
    }

    public String padding() {
        return padding;
    }

    public String dataFormat() {
        return dataFormat;
    }

    /** Throws when {@code in} is not a {@code rank}-spatial-axes input {@code (batch, ..., channels)}. */
    static void requireRank(String className, String name, int[] in, int rank) {
        if (in.length != rank + 2) {
            throw new IllegalArgumentException(className + " layer '" + name + "' expects inputs of rank " + (rank + 2)
                    + "; Received: input shape " + org.jkeras.layers.Shapes.describe(in) + ".");
        }
    }

    private boolean channelsFirst() {
        return dataFormat.equals("channels_first");
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        requireRank(className(), name(), in, rank);
        boolean cf = channelsFirst();
        int channels = in[ConvArgs.channelAxis(cf, rank)];
        int[] sp = ConvArgs.spatial(in, cf);
        for (int a = 0; a < rank; a++) {
            if (padding.equals("valid") && sp[a] >= 0 && poolSize[a] > sp[a]) {
                throw new IllegalArgumentException(className() + " layer '" + name() + "': pool_size "
                        + java.util.Arrays.toString(poolSize) + " is larger than the input's spatial size "
                        + java.util.Arrays.toString(sp) + " (input shape " + org.jkeras.layers.Shapes.describe(in) + ") with padding=\"valid\";"
                        + " use a smaller pool_size or padding=\"same\".");
            }
        }
        int[] last = ConvArgs.shape(1, sp, Math.max(channels, 1), false);
        int[] ones = new int[rank];
        java.util.Arrays.fill(ones, 1);
        ConvGeometry g = ConvGeometry.of(last, poolSize, strides, padding, ones, 1, Math.max(channels, 1));
        return List.of(ConvArgs.shape(in[0], ConvArgs.spatial(g.outputShape(), false), channels, cf));
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        computeOutputShape(inputShapes);
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        computeOutputShape(List.of(x.shape()));
        return List.of(max ? ConvOps.maxPool(x, poolSize, strides, padding, channelsFirst())
                : ConvOps.averagePool(x, poolSize, strides, padding, channelsFirst()));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("pool_size", ConvArgs.list(poolSize));
        c.put("padding", padding);
        c.put("strides", ConvArgs.list(strides));
        c.put("data_format", dataFormat);
        return c;
    }

    /** Reads {@link #getConfig()}'s keys into a layer made from {@code pool_size}. */
    protected static <L extends Pooling<L>> L read(L layer, LayerConfig c) {
        layer.strides(c.has("strides") ? c.ints("strides", layer.rank, null) : null);
        layer.padding(c.string("padding", "valid"));
        layer.dataFormat(c.string("data_format", null));
        return layer;
    }

    /** The pool size of a config, Keras's default when absent. */
    protected static int[] poolSize(LayerConfig c, int rank) {
        return c.ints("pool_size", rank, new int[] {2});
    }
}
