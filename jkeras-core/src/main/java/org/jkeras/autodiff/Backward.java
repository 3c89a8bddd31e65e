package org.jkeras.autodiff;

import org.jkeras.tensor.Tensor;

/**
 * The backward rule of one recorded op: given the gradient of the op's output, add the gradients of its
 * inputs to {@code grads}, only for the inputs {@link Grads#wants wanted}.
 *
 * <pre>{@code
 * tape.record("neg", y, new Tensor[] {x}, (g, grads) -> grads.add(0, g.scale(-1f)));
 * }</pre>
 */
@FunctionalInterface
public interface Backward {
    void run(Tensor gradOutput, Grads grads);

    /** Where a backward rule delivers its input gradients. */
    interface Grads {
        /** True when input {@code i} needs a gradient (it is watched or depends on a watched tensor). */
        boolean wants(int i);

        /** Adds {@code g} (shaped like input {@code i}) to input {@code i}'s gradient. */
        void add(int i, Tensor g);
    }
}
