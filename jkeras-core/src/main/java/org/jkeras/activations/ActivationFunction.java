package org.jkeras.activations;

import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.UnaryOp;

/**
 * A Keras activation function resolved by name: an elementwise {@link UnaryOp} with its parameter, or
 * softmax over the last axis. Layers that can fuse an elementwise activation into their own kernel (Dense)
 * read {@link #elementwise()}.
 *
 * <pre>{@code
 * ActivationFunction relu = Activations.get("relu");
 * Tensor y = relu.apply(x);
 * }</pre>
 */
public final class ActivationFunction {
    private final String name;
    private final UnaryOp op;
    private final float param;

    ActivationFunction(String name, UnaryOp op, float param) {
        this.name = name;
        this.op = op;
        this.param = param;
    }

    /** The Keras name, as written in configs. */
    public String name() {
        return name;
    }

    /** The elementwise op, or null for softmax (which is not elementwise). */
    public UnaryOp elementwise() {
        return op;
    }

    /** The op's parameter (alpha of elu, negative slope of leaky_relu). */
    public float param() {
        return param;
    }

    /** True for the identity. */
    public boolean isLinear() {
        return op == UnaryOp.LINEAR;
    }

    /** Applies the activation (differentiable). */
    public Tensor apply(Tensor x) {
        if (op == null) {
            return Ops.softmax(x, -1);
        }
        return op == UnaryOp.LINEAR ? x : Ops.unary(op, x, param);
    }

    @Override
    public String toString() {
        return name;
    }
}
