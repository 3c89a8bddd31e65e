package org.jkeras.layers.convolutional;

import java.util.Arrays;
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
 * Keras's {@code BaseSeparableConv}: a depthwise convolution ({@code depthwise_kernel}
 * {@code (kernel_size..., in, depth_multiplier)}, with the layer's strides, padding and dilation) followed by a
 * pointwise one ({@code pointwise_kernel} {@code (1..., in·depth_multiplier, filters)}), then bias and activation.
 *
 * <pre>{@code
 * SeparableConv2D s = new SeparableConv2D(64, 3, "relu").depthMultiplier(2);
 * }</pre>
 *
 * @param <T> the concrete layer
 */
public abstract class SeparableConv<T extends SeparableConv<T>> extends DepthwiseKernelConv<T> {
    protected final int filters;
    final WeightArgs pointwiseArgs = new WeightArgs("pointwise", "glorot_uniform");
    protected Variable depthwiseKernel;
    protected Variable pointwiseKernel;

    protected SeparableConv(int rank, int filters, int[] kernelSize, String activation) {
        super(rank, kernelSize, activation);
        this.filters = ConvArgs.positive(className(), "filters", filters);
    }

    public T pointwiseInitializer(String name) {
        return pointwiseInitializer(Initializers.get(name));
    }

    public T pointwiseInitializer(Initializer initializer) {
        requireUnbuilt("pointwise_initializer");
        pointwiseArgs.initializer = initializer;
        return self();
    }

    public T pointwiseRegularizer(Regularizer regularizer) {
        requireUnbuilt("pointwise_regularizer");
        pointwiseArgs.regularizer = regularizer;
        return self();
    }

    public T pointwiseConstraint(Constraint constraint) {
        requireUnbuilt("pointwise_constraint");
        pointwiseArgs.constraint = constraint;
        return self();
    }

    public T pointwiseRegularizer(String name) {
        return pointwiseRegularizer(Regularizers.get(name));
    }

    public T pointwiseConstraint(String name) {
        return pointwiseConstraint(Constraints.get(name));
    }

    public int filters() {
        return filters;
    }

    public Variable depthwiseKernel() {
        return depthwiseKernel;
    }

    public Variable pointwiseKernel() {
        return pointwiseKernel;
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        int channels = inputChannels(in);
        computeOutputShape(inputShapes);
        int[] dk = kernelShape(channels, depthMultiplier);
        int[] pk = new int[rank + 2];
        Arrays.fill(pk, 1);
        pk[rank] = channels * depthMultiplier;
        pk[rank + 1] = filters;
        depthwiseKernel = addWeight("depthwise_kernel", dk, depthwiseArgs);
        pointwiseKernel = addWeight("pointwise_kernel", pk, pointwiseArgs);
        buildBias(in, filters);
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        int channels = inputChannels(in);
        return List.of(ConvArgs.shape(in[0], outputSpatial(in, channels, 1, 1), filters, channelsFirst()));
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor y = named(() -> ConvOps.separableConv(inputs.get(0), depthwiseKernel.value(), pointwiseKernel.value(),
                biasValue(), spec(1), fused(), fusedParam()));
        return finish(y);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = baseConfig();
        c.put("depth_multiplier", depthMultiplier);
        c.put("filters", filters);
        putWindow(c);
        putFormat(c);
        putActivationAndBias(c);
        putWeights(c, depthwiseArgs, pointwiseArgs);
        return c;
    }

    protected static <L extends SeparableConv<L>> L read(L layer, LayerConfig c) {
        readCommon(layer, c);
        layer.depthMultiplier(c.integer("depth_multiplier", 1));
        layer.depthwiseArgs.read(c, "glorot_uniform");
        layer.pointwiseArgs.read(c, "glorot_uniform");
        return layer;
    }
}
