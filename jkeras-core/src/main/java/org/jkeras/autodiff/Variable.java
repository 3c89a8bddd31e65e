package org.jkeras.autodiff;

import java.util.Arrays;
import org.jkeras.tensor.Tensor;

/**
 * A named, mutable tensor that holds state: a layer's weights, an optimizer's slots. Its value tensor keeps
 * its identity for the variable's life — {@link #assign} copies into it — so a {@link GradientTape} that
 * watches it and kernels that hold its buffer always see the current value.
 *
 * <pre>{@code
 * Variable w = new Variable("kernel", Tensor.zeros(784, 32), true);
 * w.assign(Tensor.ones(784, 32));
 * }</pre>
 */
public final class Variable {
    private final String name;
    private final Tensor value;
    private boolean trainable;

    public Variable(String name, Tensor initial, boolean trainable) {
        this.name = name;
        this.value = initial.ownsBuffer() ? initial : initial.copy();
        this.trainable = trainable;
    }

    public String name() {
        return name;
    }

    /** The live value (shared, not a copy). */
    public Tensor value() {
        return value;
    }

    public int[] shape() {
        return value.shape();
    }

    public boolean trainable() {
        return trainable;
    }

    public void setTrainable(boolean trainable) {
        this.trainable = trainable;
    }

    /** Copies {@code v} into this variable; the shapes must be equal. */
    public void assign(Tensor v) {
        if (!Arrays.equals(v.shape(), value.shape())) {
            throw new IllegalArgumentException("Cannot assign a value of shape " + Arrays.toString(v.shape())
                    + " to variable '" + name + "' of shape " + Arrays.toString(value.shape()) + ".");
        }
        System.arraycopy(v.buffer(), v.offset(), value.buffer(), value.offset(), value.size());
    }

    /** Copies {@code v} into this variable from a flat array in row-major order. */
    public void assign(float[] v) {
        if (v.length != value.size()) {
            throw new IllegalArgumentException("Cannot assign " + v.length + " values to variable '" + name
                    + "' of shape " + Arrays.toString(value.shape()) + " (" + value.size() + " values).");
        }
        System.arraycopy(v, 0, value.buffer(), value.offset(), v.length);
    }

    @Override
    public String toString() {
        return "Variable(" + name + ", shape=" + Arrays.toString(value.shape()) + ", trainable=" + trainable + ")";
    }
}
