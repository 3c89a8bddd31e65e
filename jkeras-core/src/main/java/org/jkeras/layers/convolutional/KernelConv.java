package org.jkeras.layers.convolutional;

import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.constraints.Constraint;
import org.jkeras.constraints.Constraints;
import org.jkeras.initializers.Initializer;
import org.jkeras.initializers.Initializers;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.regularizers.Regularizers;

/**
 * What {@link Conv} and {@link ConvTranspose} share: Keras's {@code filters} and one {@code kernel} weight with its
 * {@code kernel_initializer} (default {@code glorot_uniform}), {@code kernel_regularizer} and
 * {@code kernel_constraint}. Each subclass gives the kernel's shape and the operation.
 *
 * <pre>{@code
 * new Conv2D(8, 3).kernelInitializer("he_normal").kernelRegularizer("l2");
 * }</pre>
 *
 * @param <T> the concrete layer
 */
abstract class KernelConv<T extends KernelConv<T>> extends BaseConv<T> {
    protected final int filters;
    final WeightArgs kernelArgs = new WeightArgs("kernel", "glorot_uniform");
    protected Variable kernel;

    KernelConv(int rank, int filters, int[] kernelSize, String activation) {
        super(rank, kernelSize, activation);
        this.filters = ConvArgs.positive(className(), "filters", filters);
    }

    public T kernelInitializer(String name) {
        return kernelInitializer(Initializers.get(name));
    }

    /** Keras's {@code kernel_initializer} (default {@code glorot_uniform}). */
    public T kernelInitializer(Initializer initializer) {
        requireUnbuilt("kernel_initializer");
        kernelArgs.initializer = initializer;
        return self();
    }

    public T kernelRegularizer(String name) {
        return kernelRegularizer(Regularizers.get(name));
    }

    /** Keras's {@code kernel_regularizer} (default none). */
    public T kernelRegularizer(Regularizer regularizer) {
        requireUnbuilt("kernel_regularizer");
        kernelArgs.regularizer = regularizer;
        return self();
    }

    public T kernelConstraint(String name) {
        return kernelConstraint(Constraints.get(name));
    }

    /** Keras's {@code kernel_constraint} (default none). */
    public T kernelConstraint(Constraint constraint) {
        requireUnbuilt("kernel_constraint");
        kernelArgs.constraint = constraint;
        return self();
    }

    /** The config's first keys, in Keras's order: the layer's own, {@code filters}, then the window's. */
    final Map<String, Object> filtersAndWindowConfig() {
        Map<String, Object> c = baseConfig();
        c.put("filters", filters);
        putWindow(c);
        return c;
    }

    public int filters() {
        return filters;
    }

    /**
     * The kernel variable (null before build): {@code (kernel_size..., in / groups, filters)} for {@link Conv},
     * {@code (kernel_size..., filters, in_channels)} for {@link ConvTranspose}.
     */
    public Variable kernel() {
        return kernel;
    }
}
