package org.jkeras.tensor;

/**
 * Broadcasting binary kernels on primitive arrays. The op is chosen once per contiguous run, never per
 * element, and runs of equal or scalar-broadcast operands are plain loops that the JIT vectorises.
 *
 * <pre>{@code
 * Tensor z = Elementwise.binary(x, bias, Elementwise.ADD);   // x [32, 10] + bias [10]
 * }</pre>
 */
public final class Elementwise {
    public static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, MAX = 4, MIN = 5;

    private Elementwise() {}

    /** {@code a op b} with numpy broadcasting, into a new tensor. */
    public static Tensor binary(Tensor a, Tensor b, int op) {
        int[] as = a.shape(), bs = b.shape();
        int[] os = java.util.Arrays.equals(as, bs) ? as : Shapes.broadcast(as, bs);
        Tensor out = Workspace.tensor(os);
        binaryInto(a, b, out, op);
        return out;
    }

    /** {@code out = a op b}; {@code out} must have the broadcast shape and may alias {@code a}. */
    public static void binaryInto(Tensor a, Tensor b, Tensor out, int op) {
        int[] os = out.shape();
        int n = out.size();
        float[] ad = a.buffer(), bd = b.buffer(), od = out.buffer();
        int ao = a.offset(), bo = b.offset(), oo = out.offset();
        if (a.size() == n && b.size() == n) {
            if (n >= 2 * UnaryKernels.PARALLEL_GRAIN) {
                ComputePool.parallelFor(0, n, UnaryKernels.PARALLEL_GRAIN,
                        (from, to) -> run(op, ad, ao + from, 1, bd, bo + from, 1, od, oo + from, to - from));
            } else {
                run(op, ad, ao, 1, bd, bo, 1, od, oo, n);
            }
            return;
        }
        if (b.size() == 1 && a.size() == n) {
            run(op, ad, ao, 1, bd, bo, 0, od, oo, n);
            return;
        }
        if (a.size() == 1 && b.size() == n) {
            run(op, ad, ao, 0, bd, bo, 1, od, oo, n);
            return;
        }
        // General case: iterate over the output with the innermost axis as a contiguous (or repeated) run.
        int rank = os.length;
        int[] sa = Shapes.broadcastStrides(a.shape(), os), sb = Shapes.broadcastStrides(b.shape(), os);
        int inner = rank == 0 ? 1 : os[rank - 1];
        int innerA = rank == 0 ? 0 : sa[rank - 1], innerB = rank == 0 ? 0 : sb[rank - 1];
        int outer = inner == 0 ? 0 : n / inner;
        int[] idx = new int[Math.max(0, rank - 1)];
        int pa = ao, pb = bo;
        for (int r = 0; r < outer; r++) {
            run(op, ad, pa, innerA, bd, pb, innerB, od, oo + r * inner, inner);
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                pa += sa[d];
                pb += sb[d];
                if (idx[d] < os[d]) {
                    break;
                }
                pa -= sa[d] * os[d];
                pb -= sb[d] * os[d];
                idx[d] = 0;
            }
        }
    }

    private static void run(int op, float[] a, int ai, int as, float[] b, int bi, int bs, float[] o, int oi, int n) {
        switch (op) {
            case ADD:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) o[oi + i] = a[ai + i] + b[bi + i];
                } else if (as == 1) {
                    float v = b[bi];
                    for (int i = 0; i < n; i++) o[oi + i] = a[ai + i] + v;
                } else if (bs == 1) {
                    float v = a[ai];
                    for (int i = 0; i < n; i++) o[oi + i] = v + b[bi + i];
                } else {
                    float v = a[ai] + b[bi];
                    for (int i = 0; i < n; i++) o[oi + i] = v;
                }
                break;
            case SUB:
                for (int i = 0; i < n; i++) o[oi + i] = a[ai + i * as] - b[bi + i * bs];
                break;
            case MUL:
                if (as == 1 && bs == 1) {
                    for (int i = 0; i < n; i++) o[oi + i] = a[ai + i] * b[bi + i];
                } else {
                    for (int i = 0; i < n; i++) o[oi + i] = a[ai + i * as] * b[bi + i * bs];
                }
                break;
            case DIV:
                for (int i = 0; i < n; i++) o[oi + i] = a[ai + i * as] / b[bi + i * bs];
                break;
            case MAX:
                for (int i = 0; i < n; i++) o[oi + i] = Math.max(a[ai + i * as], b[bi + i * bs]);
                break;
            case MIN:
                for (int i = 0; i < n; i++) o[oi + i] = Math.min(a[ai + i * as], b[bi + i * bs]);
                break;
            default:
                throw new IllegalArgumentException("Unknown elementwise op code " + op + ".");
        }
    }

    /**
     * Sums {@code grad} (shaped like a broadcast result) back down to {@code shape}: the adjoint of
     * broadcasting, used by the backward rules of broadcasting ops.
     */
    public static Tensor reduceToShape(Tensor grad, int[] shape) {
        int[] gs = grad.shape();
        if (java.util.Arrays.equals(gs, shape)) {
            return grad;
        }
        int lead = gs.length - shape.length;
        int count = 0;
        int[] axes = new int[gs.length];
        for (int i = 0; i < gs.length; i++) {
            if (i < lead || (shape[i - lead] == 1 && gs[i] != 1)) {
                axes[count++] = i;
            }
        }
        Tensor summed = Reductions.sum(grad, java.util.Arrays.copyOf(axes, count), true);
        return summed.reshape(shape);
    }
}
