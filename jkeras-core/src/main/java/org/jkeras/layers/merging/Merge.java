package org.jkeras.layers.merging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.tensor.Tensor;

/**
 * The base of Keras's merging layers ({@code keras.layers.merging}): a layer called on a list of inputs that
 * returns one output. Elementwise merges ({@link Add}, {@link Subtract}, {@link Multiply}, {@link Average},
 * {@link Maximum}, {@link Minimum}) need inputs of one rank whose dimensions are equal or 1 (broadcast);
 * {@link Concatenate} and {@link Dot} have their own rules. Merges have no weights.
 *
 * <pre>{@code
 * KerasTensor a = Input.of(4), b = Input.of(4);
 * KerasTensor sum = new Add().apply(a, b);                  // (None, 4)
 * Tensor y = new Add().callAll(List.of(x1, x2), false).get(0);
 * }</pre>
 */
public abstract class Merge extends Layer {
    private final int minInputs;
    private final int maxInputs;

    protected Merge(int minInputs, int maxInputs) {
        this.minInputs = minInputs;
        this.maxInputs = maxInputs;
    }

    /** The merged value of the inputs, with differentiable ops. */
    protected abstract Tensor merge(List<Tensor> inputs);

    /**
     * The inputs combined left to right, {@code op(op(x0, x1), x2)...}: the body of the elementwise merges
     * ({@link Add}, {@link Average}, {@link Multiply}, {@link Maximum}, {@link Minimum}).
     */
    static Tensor foldLeft(List<Tensor> inputs, BinaryOperator<Tensor> op) {
        Tensor out = inputs.get(0);
        for (int i = 1; i < inputs.size(); i++) {
            out = op.apply(out, inputs.get(i));
        }
        return out;
    }

    /** The merged shape; the default is the elementwise broadcast of the input shapes. */
    protected int[] mergeShape(List<int[]> shapes) {
        int[] out = shapes.get(0).clone();
        for (int k = 1; k < shapes.size(); k++) {
            int[] s = shapes.get(k);
            if (s.length != out.length) {
                throw incompatible(shapes, "all inputs must have the same rank");
            }
            for (int i = 1; i < s.length; i++) {
                int a = out[i], b = s[i];
                if (a == b || b == 1) {
                    continue;
                }
                if (a == 1 || a < 0) {
                    out[i] = b;
                } else if (b >= 0) {
                    throw incompatible(shapes, "dimension " + i + " is " + a + " in one input and " + b + " in another");
                }
            }
        }
        out[0] = -1;
        return out;
    }

    protected IllegalArgumentException incompatible(List<int[]> shapes, String why) {
        return new IllegalArgumentException("Layer '" + name() + "' (" + className() + ") cannot merge inputs of shapes "
                + describeShapes(shapes) + ": " + why + ".");
    }

    /**
     * Keras's {@code Merge.compute_mask}: the elementwise AND of the inputs' masks (those given), or null when no
     * input has one. Concatenate and Dot override it (no mask: the mask stops there).
     */
    @Override
    public List<Tensor> computeMask(List<Tensor> inputs, List<Tensor> masks) {
        Tensor and = null;
        if (masks != null) {
            for (Tensor m : masks) {
                if (m != null) {
                    float[] v = m.toArray();
                    for (int i = 0; i < v.length; i++) {
                        v[i] = v[i] > 0.5f ? 1f : 0f;
                    }
                    Tensor b = Tensor.of(v, m.shape());
                    and = and == null ? b : and.mul(b);
                }
            }
        }
        return and == null ? null : java.util.Collections.singletonList(and);
    }

    @Override
    protected int[] inputCount() {
        return new int[] {minInputs, maxInputs};
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        mergeShape(inputShapes);
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        return List.of(mergeShape(inputShapes));
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        List<int[]> shapes = new ArrayList<>();
        for (Tensor t : inputs) {
            shapes.add(t.shape());
        }
        mergeShape(shapes);
        return List.of(merge(inputs));
    }

    @Override
    public Map<String, Object> getConfig() {
        return super.getConfig();
    }
}
