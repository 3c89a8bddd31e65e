package org.jkeras.tensor;

/**
 * The elementwise functions that have a kernel in {@link UnaryKernels}: activations and basic math.
 * Constants follow Keras 3 (selu's alpha and scale, hard_sigmoid = relu6(x + 3) / 6, gelu exact).
 *
 * <pre>{@code
 * Tensor y = UnaryKernels.forward(UnaryOp.RELU, x, 0f);
 * }</pre>
 */
public enum UnaryOp {
    LINEAR, RELU, SIGMOID, TANH, ELU, SELU, SOFTPLUS, SOFTSIGN, GELU, SILU, LEAKY_RELU, HARD_SIGMOID,
    EXPONENTIAL, RELU6, MISH,
    NEG, EXP, LOG, SQRT, SQUARE, ABS;

    /** True when the derivative can be computed from the output alone (so the input need not be kept). */
    public boolean derivativeFromOutput() {
        return this == SIGMOID || this == TANH || this == EXP || this == EXPONENTIAL || this == LINEAR
                || this == NEG || this == SQRT;
    }
}
