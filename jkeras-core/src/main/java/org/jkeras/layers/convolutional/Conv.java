package org.jkeras.layers.convolutional;

import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ConvOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code BaseConv}: {@code activation(conv(inputs, kernel) + bias)} with {@code filters} output channels and
 * a kernel of shape {@code (kernel_size..., in_channels / groups, filters)}. {@link Conv1D}, {@link Conv2D} and
 * {@link Conv3D} fix the number of spatial axes.
 *
 * <pre>{@code
 * Conv2D c = new Conv2D(64, 3, "relu").groups(2).kernelInitializer("he_normal");
 * }</pre>
 *
 * @param <T> the concrete layer
 */
public abstract class Conv<T extends Conv<T>> extends KernelConv<T> {
    protected int groups = 1;

    protected Conv(int rank, int filters, int[] kernelSize, String activation) {
        super(rank, filters, kernelSize, activation);
    }

    /** Keras's {@code groups} (default 1): must divide {@code filters} and the input channels. */
    public T groups(int groups) {
        requireUnbuilt("groups");
        if (groups <= 0 || filters % groups != 0) {
            throw new IllegalArgumentException(className() + ": the number of filters must be evenly divisible by the number"
                    + " of groups (a positive integer). Received: groups=" + groups + ", filters=" + filters + ".");
        }
        this.groups = groups;
        return self();
    }

    public int groups() {
        return groups;
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        int channels = inputChannels(in);
        if (channels % groups != 0) {
            throw new IllegalArgumentException(className() + " layer '" + name() + "': the number of input channels must be"
                    + " evenly divisible by the number of groups. Received groups=" + groups + ", but the input has "
                    + channels + " channels (full input shape is " + org.jkeras.layers.Shapes.describe(in) + ").");
        }
        computeOutputShape(inputShapes);
        kernel = addWeight("kernel", kernelShape(channels / groups, filters), kernelArgs);
        buildBias(in, filters);
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        int channels = inputChannels(in);
        int g = channels % groups == 0 ? groups : 1;
        return List.of(ConvArgs.shape(in[0], outputSpatial(in, channels, g, filters), filters, channelsFirst()));
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor y = named(() -> ConvOps.conv(inputs.get(0), kernel.value(), biasValue(), spec(groups), fused(), fusedParam()));
        return finish(y);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = filtersAndWindowConfig();
        putFormat(c);
        c.put("groups", groups);
        putActivationAndBias(c);
        putWeights(c, kernelArgs);
        return c;
    }

    /** Reads {@link #getConfig()}'s keys into a layer made from {@code filters} and {@code kernel_size}. */
    protected static <L extends Conv<L>> L read(L layer, LayerConfig c) {
        c.requireNull("lora_rank");
        readCommon(layer, c);
        layer.groups(c.integer("groups", 1));
        layer.kernelArgs.read(c, "glorot_uniform");
        return layer;
    }
}
