package org.jkeras.tensor;

/**
 * Max and average pooling on channels-last batches, over a {@link ConvGeometry} whose kernel is the pool size
 * (in = out channels, dilation 1). Padding never takes part: a max ignores padded positions (as TensorFlow pads
 * with −∞), and an average divides by the number of real input positions in the window, which is what Keras
 * computes for {@code padding="same"} (TensorFlow's average pool excludes the padding). The max backward routes
 * each output gradient to the first maximal input of its window (found again from the input, nothing stored). Loops run over
 * samples on the {@link ComputePool}; channels are the inner, contiguous loop.
 *
 * <pre>{@code
 * ConvGeometry g = ConvGeometry.of(xShape, new int[] {2, 2}, new int[] {2, 2}, "valid", new int[] {1, 1}, 1, channels);
 * PoolKernels.maxForward(g, x, 0, y);
 * }</pre>
 */
public final class PoolKernels {
    private PoolKernels() {}

    /** {@code y[rows, C]} = window maxima of {@code x}. */
    public static void maxForward(ConvGeometry g, float[] x, int xo, float[] y) {
        ComputePool.parallelFor(0, g.batch, 1, (from, to) -> {
            for (int n = from; n < to; n++) {
                forwardSample(g, x, xo, y, n, true);
            }
        });
    }

    /** {@code y[rows, C]} = window means of {@code x} over real (non-padding) positions. */
    public static void avgForward(ConvGeometry g, float[] x, int xo, float[] y) {
        ComputePool.parallelFor(0, g.batch, 1, (from, to) -> {
            for (int n = from; n < to; n++) {
                forwardSample(g, x, xo, y, n, false);
            }
        });
    }

    /** {@code dx} (overwritten) = each output gradient added to the first maximum of its window in {@code x}. */
    public static void maxBackward(ConvGeometry g, float[] x, int xo, float[] dy, int dyo, float[] dx) {
        ComputePool.parallelFor(0, g.batch, 1, (from, to) -> {
            int per = g.inSpatial() * g.inChannels;
            java.util.Arrays.fill(dx, from * per, to * per, 0f);
            float[] best = new float[g.inChannels];   // per chunk, not per element: the window's running maximum
            int[] where = new int[g.inChannels];      // and its input index, per channel
            for (int n = from; n < to; n++) {
                maxBackwardSample(g, x, xo, dy, dyo, dx, n, best, where);
            }
        });
    }

    /**
     * Channels innermost (contiguous): the first maximum of each window and channel gets the output gradient.
     * (A branch-free variant comparing with the forward's output measured slower on benchmark B.)
     */
    private static void maxBackwardSample(ConvGeometry g, float[] x, int xo, float[] dy, int dyo, float[] dx, int n,
                                          float[] best, int[] where) {
        final int ch = g.inChannels, inD = g.in[0], inH = g.in[1], inW = g.in[2];
        int row = n * g.outSpatial();
        for (int od = 0; od < g.out[0]; od++) {
            int d0 = od * g.stride[0] - g.padLo[0];
            int a0 = firstTap(od, g.stride[0], g.padLo[0]), a1 = endTap(od, g.stride[0], g.padLo[0], g.kernel[0], inD);
            for (int oh = 0; oh < g.out[1]; oh++) {
                int h0 = oh * g.stride[1] - g.padLo[1];
                int b0 = firstTap(oh, g.stride[1], g.padLo[1]), b1 = endTap(oh, g.stride[1], g.padLo[1], g.kernel[1], inH);
                for (int ow = 0; ow < g.out[2]; ow++, row++) {
                    int w0 = ow * g.stride[2] - g.padLo[2];
                    int c0 = firstTap(ow, g.stride[2], g.padLo[2]), c1 = endTap(ow, g.stride[2], g.padLo[2], g.kernel[2], inW);
                    boolean first = true;
                    for (int a = a0; a < a1; a++) {
                        for (int b = b0; b < b1; b++) {
                            int pos = (((n * inD + d0 + a) * inH + h0 + b) * inW + w0 + c0) * ch;
                            for (int c = c0; c < c1; c++, pos += ch) {
                                if (first) {
                                    System.arraycopy(x, xo + pos, best, 0, ch);
                                    for (int k = 0; k < ch; k++) {
                                        where[k] = pos + k;
                                    }
                                    first = false;
                                } else {
                                    for (int k = 0; k < ch; k++) {
                                        float v = x[xo + pos + k];
                                        if (v > best[k]) {
                                            best[k] = v;
                                            where[k] = pos + k;
                                        }
                                    }
                                }
                            }
                        }
                    }
                    int gy = dyo + row * ch;
                    for (int k = 0; k < ch; k++) {
                        dx[where[k]] += dy[gy + k];
                    }
                }
            }
        }
    }

    /** {@code dx} (overwritten) = each output gradient shared equally by the real positions of its window. */
    public static void avgBackward(ConvGeometry g, float[] dy, int dyo, float[] dx) {
        ComputePool.parallelFor(0, g.batch, 1, (from, to) -> {
            int per = g.inSpatial() * g.inChannels;
            java.util.Arrays.fill(dx, from * per, to * per, 0f);
            for (int n = from; n < to; n++) {
                avgBackwardSample(g, dy, dyo, dx, n);
            }
        });
    }

    /** Index range {@code [lo, hi)} of window taps that land inside the input along one axis. */
    private static int firstTap(int o, int s, int p) {
        return Math.max(0, p - o * s);
    }

    private static int endTap(int o, int s, int p, int k, int in) {
        return Math.min(k, in + p - o * s);
    }

    private static void forwardSample(ConvGeometry g, float[] x, int xo, float[] y, int n, boolean max) {
        final int ch = g.inChannels, inD = g.in[0], inH = g.in[1], inW = g.in[2];
        int row = n * g.outSpatial();
        for (int od = 0; od < g.out[0]; od++) {
            int d0 = od * g.stride[0] - g.padLo[0];
            int a0 = firstTap(od, g.stride[0], g.padLo[0]), a1 = endTap(od, g.stride[0], g.padLo[0], g.kernel[0], inD);
            for (int oh = 0; oh < g.out[1]; oh++) {
                int h0 = oh * g.stride[1] - g.padLo[1];
                int b0 = firstTap(oh, g.stride[1], g.padLo[1]), b1 = endTap(oh, g.stride[1], g.padLo[1], g.kernel[1], inH);
                for (int ow = 0; ow < g.out[2]; ow++, row++) {
                    int w0 = ow * g.stride[2] - g.padLo[2];
                    int c0 = firstTap(ow, g.stride[2], g.padLo[2]), c1 = endTap(ow, g.stride[2], g.padLo[2], g.kernel[2], inW);
                    int dst = row * ch;
                    java.util.Arrays.fill(y, dst, dst + ch, max ? Float.NEGATIVE_INFINITY : 0f);
                    for (int a = a0; a < a1; a++) {
                        for (int b = b0; b < b1; b++) {
                            int src = xo + (((n * inD + d0 + a) * inH + h0 + b) * inW + w0 + c0) * ch;
                            for (int c = c0; c < c1; c++, src += ch) {
                                if (max) {
                                    for (int k = 0; k < ch; k++) {
                                        y[dst + k] = Math.max(y[dst + k], x[src + k]);
                                    }
                                } else {
                                    for (int k = 0; k < ch; k++) {
                                        y[dst + k] += x[src + k];
                                    }
                                }
                            }
                        }
                    }
                    if (!max) {
                        float inv = 1f / ((a1 - a0) * (b1 - b0) * (c1 - c0));
                        for (int k = 0; k < ch; k++) {
                            y[dst + k] *= inv;
                        }
                    }
                }
            }
        }
    }

    private static void avgBackwardSample(ConvGeometry g, float[] dy, int dyo, float[] dx, int n) {
        final int ch = g.inChannels, inD = g.in[0], inH = g.in[1], inW = g.in[2];
        int row = n * g.outSpatial();
        for (int od = 0; od < g.out[0]; od++) {
            int d0 = od * g.stride[0] - g.padLo[0];
            int a0 = firstTap(od, g.stride[0], g.padLo[0]), a1 = endTap(od, g.stride[0], g.padLo[0], g.kernel[0], inD);
            for (int oh = 0; oh < g.out[1]; oh++) {
                int h0 = oh * g.stride[1] - g.padLo[1];
                int b0 = firstTap(oh, g.stride[1], g.padLo[1]), b1 = endTap(oh, g.stride[1], g.padLo[1], g.kernel[1], inH);
                for (int ow = 0; ow < g.out[2]; ow++, row++) {
                    int w0 = ow * g.stride[2] - g.padLo[2];
                    int c0 = firstTap(ow, g.stride[2], g.padLo[2]), c1 = endTap(ow, g.stride[2], g.padLo[2], g.kernel[2], inW);
                    int gy = dyo + row * ch;
                    float inv = 1f / ((a1 - a0) * (b1 - b0) * (c1 - c0));
                    for (int a = a0; a < a1; a++) {
                        for (int b = b0; b < b1; b++) {
                            int pos = (((n * inD + d0 + a) * inH + h0 + b) * inW + w0 + c0) * ch;
                            for (int c = c0; c < c1; c++, pos += ch) {
                                for (int k = 0; k < ch; k++) {
                                    dx[pos + k] += dy[gy + k] * inv;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
