package org.jkeras.layers.convolutional;

import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.constraints.Constraint;
import org.jkeras.constraints.Constraints;
import org.jkeras.initializers.Initializer;
import org.jkeras.initializers.Initializers;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ConvOps;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.regularizers.Regularizers;
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
public abstract class DepthwiseConv<T extends DepthwiseConv<T>> extends BaseConv<T> {
    protected int depthMultiplier = 1;
    final WeightArgs depthwiseArgs = new WeightArgs("depthwise", "glorot_uniform");
    protected Variable kernel;

    protected DepthwiseConv(int rank, int[] kernelSize, String activation) {
        super(rank, kernelSize, activation);
    }

    /** Keras's {@code depth_multiplier} (default 1). */
    public T depthMultiplier(int depthMultiplier) {
        requireUnbuilt("depth_multiplier");
        this.depthMultiplier = ConvArgs.positive(className(), "depth_multiplier", depthMultiplier);
        return self();
    }

    public T depthwiseInitializer(String name) {
        return depthwiseInitializer(Initializers.get(name));
    }

    /** Keras's {@code depthwise_initializer} (default {@code glorot_uniform}). */
    public T depthwiseInitializer(Initializer initializer) {
        requireUnbuilt("depthwise_initializer");
        depthwiseArgs.initializer = initializer;
        return self();
    }

    public T depthwiseRegularizer(String name) {
        return depthwiseRegularizer(Regularizers.get(name));
    }

    public T depthwiseRegularizer(Regularizer regularizer) {
        requireUnbuilt("depthwise_regularizer");
        depthwiseArgs.regularizer = regularizer;
        return self();
    }

    public T depthwiseConstraint(String name) {
        return depthwiseConstraint(Constraints.get(name));
    }

    public T depthwiseConstraint(Constraint constraint) {
        requireUnbuilt("depthwise_constraint");
        depthwiseArgs.constraint = constraint;
        return self();
    }

    public int depthMultiplier() {
        return depthMultiplier;
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
        kernel = addWeight("kernel", kernelShape(channels, depthMultiplier), depthwiseArgs.initializer, true, depthwiseArgs.regularizer, depthwiseArgs.constraint);
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
