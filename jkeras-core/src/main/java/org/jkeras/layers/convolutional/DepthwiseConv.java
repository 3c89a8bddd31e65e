package org.jkeras.layers.convolutional;

import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ConvOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code BaseDepthwiseConv}: every input channel convolved with its own {@code depth_multiplier} filters;
 * kernel {@code (kernel_size..., in_channels, depth_multiplier)} (saved as {@code kernel}), output channels
 * {@code in · multiplier}, ordered {@code c·multiplier + m}.
 *
 * <pre>{@code
 * DepthwiseConv2D d = new DepthwiseConv2D(3).depthMultiplier(2).padding("same");
 * }</pre>
 *
 * @param <T> the concrete layer
 */
public abstract class DepthwiseConv<T extends DepthwiseConv<T>> extends DepthwiseKernelConv<T> {
    protected Variable kernel;

    protected DepthwiseConv(int rank, int[] kernelSize, String activation) {
        super(rank, kernelSize, activation);
    }

    /** The depthwise kernel, {@code (kernel_size..., in_channels, depth_multiplier)} (null before build). */
    public Variable kernel() {
        return kernel;
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        int channels = inputChannels(in);
        computeOutputShape(inputShapes);
        kernel = addWeight("kernel", kernelShape(channels, depthMultiplier), depthwiseArgs);
        buildBias(in, channels * depthMultiplier);
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        int channels = inputChannels(in);
        return List.of(ConvArgs.shape(in[0], outputSpatial(in, channels, 1, 1), channels * depthMultiplier,
                channelsFirst()));
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor y = named(() -> ConvOps.depthwiseConv(inputs.get(0), kernel.value(), biasValue(), spec(1), fused(),
                fusedParam()));
        return finish(y);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = baseConfig();
        c.put("depth_multiplier", depthMultiplier);
        putWindow(c);
        putFormat(c);
        putActivationAndBias(c);
        putWeights(c, depthwiseArgs);
        return c;
    }

    protected static <L extends DepthwiseConv<L>> L read(L layer, LayerConfig c) {
        readCommon(layer, c);
        layer.depthMultiplier(c.integer("depth_multiplier", 1));
        layer.depthwiseArgs.read(c, "glorot_uniform");
        return layer;
    }
}
