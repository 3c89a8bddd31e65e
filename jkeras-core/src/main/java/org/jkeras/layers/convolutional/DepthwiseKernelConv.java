package org.jkeras.layers.convolutional;

import org.jkeras.constraints.Constraint;
import org.jkeras.constraints.Constraints;
import org.jkeras.initializers.Initializer;
import org.jkeras.initializers.Initializers;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.regularizers.Regularizers;

/**
 * What {@link DepthwiseConv} and {@link SeparableConv} share: Keras's {@code depth_multiplier} (default 1) and the
 * depthwise kernel's {@code depthwise_initializer} (default {@code glorot_uniform}), {@code depthwise_regularizer} and
 * {@code depthwise_constraint}. Each subclass adds its weights and the operation.
 *
 * <pre>{@code
 * new DepthwiseConv2D(3).depthMultiplier(2).depthwiseInitializer("he_normal");
 * }</pre>
 *
 * @param <T> the concrete layer
 */
abstract class DepthwiseKernelConv<T extends DepthwiseKernelConv<T>> extends BaseConv<T> {
    protected int depthMultiplier = 1;
    final WeightArgs depthwiseArgs = new WeightArgs("depthwise", "glorot_uniform");

    DepthwiseKernelConv(int rank, int[] kernelSize, String activation) {
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
}
