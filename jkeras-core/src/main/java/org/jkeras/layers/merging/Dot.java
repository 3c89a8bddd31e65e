package org.jkeras.layers.merging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Dot(axes, normalize=False)}: the dot product of two samples-wise inputs along the given axes
 * (Keras's {@code batch_dot}). Two inputs of shape {@code (None, n)} give {@code (None, 1)}; {@code (None, m, n)}
 * and {@code (None, n, k)} with {@code axes=(2, 1)} give {@code (None, m, k)}. With {@code normalize}, each input is
 * first L2-normalised along its dot axis, so the result is the cosine proximity. Inputs of rank 2 or 3.
 *
 * <pre>{@code
 * KerasTensor a = Input.of(16), b = Input.of(16);
 * KerasTensor cosine = new Dot(1, true).apply(a, b);      // (None, 1)
 * KerasTensor att = new Dot(2, 2).apply(Input.of(5, 8), Input.of(7, 8));  // (None, 5, 7)
 * }</pre>
 */
public class Dot extends Merge {
    private final int axisA;
    private final int axisB;
    private final boolean normalize;

    /** The same axis of both inputs, not normalized. */
    public Dot(int axes) {
        this(axes, axes, false);
    }

    /** The same axis of both inputs; {@code normalize} for the cosine similarity. */
    public Dot(int axes, boolean normalize) {
        this(axes, axes, normalize);
    }

    /** Axis {@code axisA} of the first input with axis {@code axisB} of the second. */
    public Dot(int axisA, int axisB) {
        this(axisA, axisB, false);
    }

    public Dot(int axisA, int axisB, boolean normalize) {
        super(2, 2);
        this.axisA = axisA;
        this.axisB = axisB;
        this.normalize = normalize;
    }

    private static int norm(int axis, int rank) {
        return axis < 0 ? axis + rank : axis;
    }

    @Override
    protected int[] mergeShape(List<int[]> shapes) {
        int[] a = shapes.get(0), b = shapes.get(1);
        if (a.length < 2 || a.length > 3 || b.length != a.length) {
            throw incompatible(shapes, "Dot supports two inputs of rank 2 or of rank 3 (batch axis included)");
        }
        int ia = norm(axisA, a.length), ib = norm(axisB, b.length);
        if (ia <= 0 || ia >= a.length || ib <= 0 || ib >= b.length) {
            throw incompatible(shapes, "axes=(" + axisA + ", " + axisB + ") must name non-batch axes");
        }
        if (a[ia] >= 0 && b[ib] >= 0 && a[ia] != b[ib]) {
            throw incompatible(shapes, "dimension incompatibility: " + a[ia] + " (axis " + ia + " of input 0) != "
                    + b[ib] + " (axis " + ib + " of input 1)");
        }
        if (a.length == 2) {
            return new int[] {-1, 1};
        }
        return new int[] {-1, a[3 - ia], b[3 - ib]};
    }

    @Override
    protected Tensor merge(List<Tensor> inputs) {
        Tensor a = inputs.get(0), b = inputs.get(1);
        int ia = norm(axisA, a.rank()), ib = norm(axisB, b.rank());
        if (normalize) {
            a = l2Normalize(a, ia);
            b = l2Normalize(b, ib);
        }
        if (a.rank() == 2) {
            return Ops.sum(Ops.multiply(a, b), new int[] {1}, true);
        }
        // (b, m, n)·(b, n, k): bring the dot axis of a last and that of b first, as a batched matrix product
        return Ops.matmul(a, b, ia == 1, ib == 2);
    }

    /** {@code x / sqrt(max(Σx², 1e-12))} along {@code axis}, as Keras's {@code l2_normalize}. */
    static Tensor l2Normalize(Tensor x, int axis) {
        Tensor ss = Ops.sum(Ops.square(x), new int[] {axis}, true);
        return Ops.divide(x, Ops.sqrt(Ops.maximum(ss, Tensor.scalar(1e-12f))));
    }

    /** No output mask (jkeras does not combine masks along the dot axis yet). */
    @Override
    public List<Tensor> computeMask(List<Tensor> inputs, List<Tensor> masks) {
        return null;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("axes", axisA == axisB ? (Object) axisA : List.of(axisA, axisB));
        c.put("normalize", normalize);
        return c;
    }

    /** Reads {@code axes} as one integer or a list of two, and {@code normalize}. */
    public static Dot fromConfig(LayerConfig c) {
        Object axes = c.get("axes");
        boolean normalize = c.bool("normalize", false);
        if (axes instanceof Number) {
            return new Dot(((Number) axes).intValue(), normalize);
        }
        if (axes instanceof List && ((List<?>) axes).size() == 2) {
            int[] a = c.intList("axes");
            return new Dot(a[0], a[1], normalize);
        }
        throw new IllegalArgumentException("Dot axes " + axes + " in " + c.where()
                + " should be an integer or a list of two integers.");
    }
}
