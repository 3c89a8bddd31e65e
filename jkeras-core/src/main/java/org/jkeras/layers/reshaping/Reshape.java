package org.jkeras.layers.reshaping;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.layers.Shapes;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Reshape}: reshapes each sample to {@code targetShape} (batch axis kept; one entry may be -1).
 *
 * <pre>{@code
 * Layer toImage = new Reshape(28, 28, 1);
 * }</pre>
 */
public class Reshape extends Layer {
    private final int[] targetShape;

    public Reshape(int... targetShape) {
        int unknown = 0;
        for (int d : targetShape) {
            if (d == -1) {
                unknown++;
            } else if (d <= 0) {
                throw new IllegalArgumentException("Reshape target_shape entries must be positive or -1; received: target_shape="
                        + Arrays.toString(targetShape) + ".");
            }
        }
        if (unknown > 1) {
            throw new IllegalArgumentException("Reshape target_shape may contain at most one -1; received: target_shape="
                    + Arrays.toString(targetShape) + ".");
        }
        this.targetShape = targetShape.clone();
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        return List.of(outputShape(inputShapes.get(0)));
    }

    private int[] outputShape(int[] inputShape) {
        int[] out = new int[targetShape.length + 1];
        out[0] = inputShape[0];
        System.arraycopy(targetShape, 0, out, 1, targetShape.length);
        long in = 1;
        boolean known = true;
        for (int i = 1; i < inputShape.length; i++) {
            known &= inputShape[i] > 0;
            in *= inputShape[i];
        }
        long prod = 1;
        int unknownAt = -1;
        for (int i = 0; i < targetShape.length; i++) {
            if (targetShape[i] == -1) {
                unknownAt = i + 1;
            } else {
                prod *= targetShape[i];
            }
        }
        if (known) {
            if (unknownAt >= 0) {
                if (in % prod != 0) {
                    throw new IllegalArgumentException("Cannot reshape input shape " + Shapes.describe(inputShape) + " to target_shape "
                            + Arrays.toString(targetShape) + ": " + in + " values per sample do not divide by " + prod + ".");
                }
                out[unknownAt] = (int) (in / prod);
            } else if (in != prod) {
                throw new IllegalArgumentException("Cannot reshape input shape " + Shapes.describe(inputShape) + " (" + in
                        + " values per sample) to target_shape " + Arrays.toString(targetShape) + " (" + prod + " values).");
            }
        }
        return out;
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor input = inputs.get(0);
        int[] s = new int[targetShape.length + 1];
        s[0] = input.dim(0);
        System.arraycopy(targetShape, 0, s, 1, targetShape.length);
        return List.of(Ops.reshape(input, s));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("target_shape", targetShape.clone());
        return c;
    }

    public static Reshape fromConfig(LayerConfig c) {
        return new Reshape(c.intList("target_shape"));
    }
}
