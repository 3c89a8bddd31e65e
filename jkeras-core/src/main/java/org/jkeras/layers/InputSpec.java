package org.jkeras.layers;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keras's {@code InputSpec}: what a layer requires of one input, checked by the layer's call path
 * ({@link Layer#call}, {@link Layer#apply}) before the layer's own code runs, with an error that names the layer,
 * what was expected and what was given. A {@code -1} dimension (Keras's {@code None}) matches any size; the batch
 * axis is never checked.
 *
 * <pre>{@code
 * InputSpec images = InputSpec.ndim(4).axis(-1, 3);      // NHWC with 3 channels
 * InputSpec atLeast2 = InputSpec.minNdim(2);
 * images.check(new int[] {-1, 28, 28, 3}, 0, "conv2d");  // passes; a wrong rank throws
 * }</pre>
 */
public final class InputSpec {
    private final int ndim;
    private final int minNdim;
    private final int maxNdim;
    private final int[] shape;
    private final TreeMap<Integer, Integer> axes;

    private InputSpec(int ndim, int minNdim, int maxNdim, int[] shape, Map<Integer, Integer> axes) {
        this.ndim = ndim;
        this.minNdim = minNdim;
        this.maxNdim = maxNdim;
        this.shape = shape;
        this.axes = new TreeMap<>(axes);
    }

    /** No requirement (any rank). */
    public static InputSpec any() {
        return new InputSpec(-1, -1, -1, null, Map.of());
    }

    /** Exactly {@code ndim} axes, the batch axis included (Keras's {@code ndim=}). */
    public static InputSpec ndim(int ndim) {
        return new InputSpec(ndim, -1, -1, null, Map.of());
    }

    /** At least {@code minNdim} axes (Keras's {@code min_ndim=}). */
    public static InputSpec minNdim(int minNdim) {
        return new InputSpec(-1, minNdim, -1, null, Map.of());
    }

    /** This spec with at most {@code maxNdim} axes as well (Keras's {@code max_ndim=}). */
    public InputSpec maxNdim(int max) {
        return new InputSpec(ndim, minNdim, max, shape, axes);
    }

    /** A full shape (batch axis first, {@code -1} for any size); implies its rank (Keras's {@code shape=}). */
    public static InputSpec shape(int... shape) {
        return new InputSpec(shape.length, -1, -1, shape.clone(), Map.of());
    }

    /** This spec, also requiring axis {@code axis} (negative counts from the end) to be {@code size} (Keras's {@code axes=}). */
    public InputSpec axis(int axis, int size) {
        TreeMap<Integer, Integer> a = new TreeMap<>(axes);
        a.put(axis, size);
        return new InputSpec(ndim, minNdim, maxNdim, shape, a);
    }

    /** The required rank, or -1. */
    public int ndim() {
        return ndim;
    }

    /** The required minimum rank, or -1. */
    public int minNdim() {
        return minNdim;
    }

    /**
     * Checks input {@code index} of layer {@code layerName}.
     *
     * @throws IllegalArgumentException Keras's message: {@code Input 0 of layer "dense" is incompatible with the
     *     layer: expected ndim=4, found ndim=2. Full shape received: (None, 5)}, plus how to fix it
     */
    public void check(int[] given, int index, String layerName) {
        int rank = given.length;
        if (ndim >= 0 && rank != ndim) {
            throw incompatible(index, layerName, "expected ndim=" + ndim + ", found ndim=" + rank, given);
        }
        if (minNdim >= 0 && rank < minNdim) {
            throw incompatible(index, layerName, "expected min_ndim=" + minNdim + ", found ndim=" + rank, given);
        }
        if (maxNdim >= 0 && rank > maxNdim) {
            throw incompatible(index, layerName, "expected max_ndim=" + maxNdim + ", found ndim=" + rank, given);
        }
        for (Map.Entry<Integer, Integer> e : axes.entrySet()) {
            int ax = e.getKey() < 0 ? e.getKey() + rank : e.getKey();
            int want = e.getValue();
            if (ax < 0 || ax >= rank || (want >= 0 && given[ax] >= 0 && given[ax] != want)) {
                throw incompatible(index, layerName, "expected axis " + e.getKey() + " of input shape to have value "
                        + want + ", but received input with shape " + Shapes.describe(given), given);
            }
        }
        if (shape != null) {
            for (int i = 1; i < rank; i++) {
                if (shape[i] >= 0 && given[i] >= 0 && shape[i] != given[i]) {
                    throw incompatible(index, layerName, "expected shape=" + Shapes.describe(shape) + ", found shape="
                            + Shapes.describe(given), given);
                }
            }
        }
    }

    private static IllegalArgumentException incompatible(int index, String layerName, String why, int[] given) {
        return new IllegalArgumentException("Input " + index + " of layer \"" + layerName + "\" is incompatible with the "
                + "layer: " + why + ". Full shape received: " + Shapes.describe(given) + ". Pass an input of the "
                + "expected rank and size (a Reshape or Flatten layer before it can adapt the shape).");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("InputSpec(");
        if (shape != null) {
            sb.append("shape=").append(Arrays.toString(shape)).append(", ");
        } else if (ndim >= 0) {
            sb.append("ndim=").append(ndim).append(", ");
        }
        if (minNdim >= 0) {
            sb.append("min_ndim=").append(minNdim).append(", ");
        }
        if (maxNdim >= 0) {
            sb.append("max_ndim=").append(maxNdim).append(", ");
        }
        if (!axes.isEmpty()) {
            sb.append("axes=").append(axes).append(", ");
        }
        if (sb.charAt(sb.length() - 1) == ' ') {
            sb.setLength(sb.length() - 2);
        }
        return sb.append(')').toString();
    }
}
