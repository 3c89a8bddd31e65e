package org.jkeras.tensor;

/**
 * Convolution on channels-last {@code float[]} batches by im2col and the packed {@link Gemm}: the input is
 * unfolded into a matrix of {@link ConvGeometry#rows() rows} (one per output position) × {@link ConvGeometry#cols()
 * cols} (taps × channels, each group's block contiguous), so that one product per group with the Keras kernel
 * {@code (taps..., in/groups, out)} viewed as a {@code [taps·in/groups, out]} matrix gives the output. The
 * backward is two more products: {@code dW = colᵀ·dY} and {@code dcol = dY·Wᵀ}, folded back onto the input
 * (col2im). Unfolding and folding are split by sample over the {@link ComputePool}; a 1×1, stride-1,
 * unpadded convolution skips the unfolding (the input already is the matrix). A direct Vector API
 * kernel (no unfolding, accumulating each output position's window in registers) was measured against this on
 * benchmark B's shapes and lost (see BENCHMARKS.md), so it is not kept. Callers supply every buffer
 * (from {@link Workspace}), so nothing is allocated here.
 *
 * <pre>{@code
 * ConvGeometry g = ConvGeometry.of(xShape, new int[] {3, 3}, new int[] {1, 1}, "same", new int[] {1, 1}, 1, 32);
 * float[] col = ConvKernels.keepsCol(g) ? Workspace.floats(g.rows() * g.cols()) : null;
 * float[] y = Workspace.floats(g.rows() * g.outChannels);
 * ConvKernels.forward(g, x, 0, kernel, 0, col, y);
 * }</pre>
 */
public final class ConvKernels {
    private ConvKernels() {}

    /** False when the input itself is the im2col matrix (1×1 kernel, unit strides, no padding, one group). */
    public static boolean needsCol(ConvGeometry g) {
        if (g.groups != 1) {
            return true;
        }
        for (int a = 0; a < 3; a++) {
            if (g.kernel[a] != 1 || g.stride[a] != 1 || g.padLo[a] != 0 || g.out[a] != g.in[a]) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code y[rows, outChannels] = conv(x, w)}. With a {@code col} buffer ({@code rows·cols} floats) the input is
     * unfolded into it (kept for {@link #kernelGrad}) and multiplied; with null the input itself is the matrix
     * ({@link #needsCol} false).
     */
    public static void forward(ConvGeometry g, float[] x, int xo, float[] w, int wo, float[] col, float[] y) {
        if (col != null) {
            im2col(g, x, xo, col);
            product(g, col, 0, w, wo, y);
        } else {
            product(g, x, xo, w, wo, y);
        }
    }

    /**
     * The kernel gradient ({@code dw} shaped like the kernel): {@code colᵀ·dy} with the unfolded input the forward
     * kept, or with {@code col} null the input as the matrix (1×1 convolutions).
     */
    public static void kernelGrad(ConvGeometry g, float[] x, int xo, float[] col, float[] dy, int dyo, float[] dw) {
        if (col != null) {
            kernelGrad(g, col, 0, dy, dyo, dw);
        } else {
            kernelGrad(g, x, xo, dy, dyo, dw);
        }
    }

    /** {@code y[rows, outChannels] = a·W} per group, {@code a} being an unfolded input ({@code rows × cols}). */
    public static void product(ConvGeometry g, float[] a, int ao, float[] w, int wo, float[] y) {
        int m = g.rows(), k = g.cols(), groups = g.groups, kg = k / groups, cout = g.outChannels, opg = cout / groups;
        for (int gi = 0; gi < groups; gi++) {
            Gemm.sgemm(false, false, m, opg, kg, a, ao + gi * kg, k, w, wo + gi * opg, cout, y, gi * opg, cout, false);
        }
    }

    /** {@code dw = colᵀ·dy} per group ({@code dw} shaped like the kernel); {@code col} as {@link #forward} left it. */
    public static void kernelGrad(ConvGeometry g, float[] col, int colOff, float[] dy, int dyo, float[] dw) {
        int m = g.rows(), k = g.cols(), groups = g.groups, kg = k / groups, cout = g.outChannels, opg = cout / groups;
        for (int gi = 0; gi < groups; gi++) {
            Gemm.sgemm(true, false, kg, opg, m, col, colOff + gi * kg, k, dy, dyo + gi * opg, cout,
                    dw, gi * opg, cout, false);
        }
    }

    /**
     * {@code dx = col2im(dy·Wᵀ)}: the input gradient ({@code dx} is overwritten). {@code dcol} is scratch of
     * {@code rows·cols} floats, or null when {@link #needsCol} is false (then {@code dx} is written directly).
     */
    public static void inputGrad(ConvGeometry g, float[] dy, int dyo, float[] w, int wo, float[] dcol, float[] dx) {
        int m = g.rows(), k = g.cols(), groups = g.groups, kg = k / groups, cout = g.outChannels, opg = cout / groups;
        float[] c = dcol != null ? dcol : dx;
        for (int gi = 0; gi < groups; gi++) {
            Gemm.sgemm(false, true, m, kg, opg, dy, dyo + gi * opg, cout, w, wo + gi * opg, cout, c, gi * kg, k, false);
        }
        if (dcol != null) {
            col2im(g, dcol, dx);
        }
    }

    /** {@code db[c] = Σ dy[r, c]} over all rows. */
    public static void biasGrad(float[] dy, int dyo, int rows, int channels, float[] db) {
        java.util.Arrays.fill(db, 0, channels, 0f);
        for (int r = 0; r < rows; r++) {
            int base = dyo + r * channels;
            for (int c = 0; c < channels; c++) {
                db[c] += dy[base + c];
            }
        }
    }

    /** Unfolds {@code x} into {@code col} (see the class comment for the layout), zero where the window is padding. */
    public static void im2col(ConvGeometry g, float[] x, int xo, float[] col) {
        ComputePool.parallelFor(0, g.batch, 1, (from, to) -> {
            for (int n = from; n < to; n++) {
                unfold(g, x, xo, col, n, false);
            }
        });
    }

    /** The adjoint of {@link #im2col}: {@code dx} is overwritten with the sum of every column entry at its source. */
    public static void col2im(ConvGeometry g, float[] col, float[] dx) {
        ComputePool.parallelFor(0, g.batch, 1, (from, to) -> {
            int per = g.inSpatial() * g.inChannels;
            java.util.Arrays.fill(dx, from * per, to * per, 0f);
            for (int n = from; n < to; n++) {
                unfold(g, dx, 0, col, n, true);
            }
        });
    }

    /**
     * One sample: copies input to columns, or (fold) adds columns back to the input. Loops run per output row and
     * kernel tap over the range of output columns whose input lies inside (computed once), so the innermost loop
     * is a plain strided copy without bounds tests; the columns that fall on padding are zero-filled.
     */
    private static void unfold(ConvGeometry g, float[] x, int xo, float[] col, int n, boolean fold) {
        final int cin = g.inChannels, groups = g.groups, cg = cin / groups, taps = g.taps(), k = g.cols();
        final int inD = g.in[0], inH = g.in[1], inW = g.in[2], outW = g.out[2];
        final int sw = g.stride[2];
        for (int od = 0; od < g.out[0]; od++) {
            for (int oh = 0; oh < g.out[1]; oh++) {
                int rowBase = ((n * g.out[0] + od) * g.out[1] + oh) * outW;
                int t = 0;
                for (int a = 0; a < g.kernel[0]; a++) {
                    int id = od * g.stride[0] - g.padLo[0] + a * g.dilation[0];
                    for (int b = 0; b < g.kernel[1]; b++) {
                        int ih = oh * g.stride[1] - g.padLo[1] + b * g.dilation[1];
                        boolean inside = id >= 0 && id < inD && ih >= 0 && ih < inH;
                        for (int c = 0; c < g.kernel[2]; c++, t++) {
                            int off = c * g.dilation[2] - g.padLo[2];        // iw = ow·sw + off
                            int lo = outW, hi = outW;
                            if (inside) {
                                lo = Math.min(outW, Math.max(0, -Math.floorDiv(off, sw)));
                                hi = Math.max(lo, Math.min(outW, Math.floorDiv(inW - 1 - off, sw) + 1));
                            }
                            int srcRow = xo + ((n * inD + id) * inH + ih) * inW * cin;
                            for (int gi = 0; gi < groups; gi++) {
                                int dstT = gi * taps * cg + t * cg;
                                if (!fold) {
                                    for (int ow = 0; ow < lo; ow++) {
                                        int d = (rowBase + ow) * k + dstT;
                                        java.util.Arrays.fill(col, d, d + cg, 0f);
                                    }
                                    for (int ow = hi; ow < outW; ow++) {
                                        int d = (rowBase + ow) * k + dstT;
                                        java.util.Arrays.fill(col, d, d + cg, 0f);
                                    }
                                }
                                if (lo >= hi) {
                                    continue;
                                }
                                int src = srcRow + (lo * sw + off) * cin + gi * cg, dst = (rowBase + lo) * k + dstT;
                                int srcStep = sw * cin;
                                if (cg == 1) {
                                    if (fold) {
                                        for (int ow = lo; ow < hi; ow++, src += srcStep, dst += k) {
                                            x[src] += col[dst];
                                        }
                                    } else {
                                        for (int ow = lo; ow < hi; ow++, src += srcStep, dst += k) {
                                            col[dst] = x[src];
                                        }
                                    }
                                } else if (fold) {
                                    for (int ow = lo; ow < hi; ow++, src += srcStep, dst += k) {
                                        for (int ch = 0; ch < cg; ch++) {
                                            x[src + ch] += col[dst + ch];
                                        }
                                    }
                                } else {
                                    for (int ow = lo; ow < hi; ow++, src += srcStep, dst += k) {
                                        System.arraycopy(x, src, col, dst, cg);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
