package org.jkeras.ops;

import java.util.Arrays;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.tensor.Shapes;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.Workspace;

/**
 * Differentiable image ops, Keras's {@code keras.ops.image}: {@code resizeBilinear} is
 * {@code ops.image.resize(x, size, interpolation="bilinear")} without antialiasing, as TensorFlow's
 * {@code tf.image.resize} computes it: half-pixel centres ({@code in = (out + 0.5) · in_size / out_size - 0.5}),
 * the two nearest source pixels per axis clamped to the edge, {@code top + (bottom - top) · ylerp} after
 * {@code tl + (tr - tl) · xlerp}.
 *
 * <pre>{@code
 * Tensor up = ImageOps.resizeBilinear(x, 1, 8, 8);   // NHWC [n, 4, 4, c] -> [n, 8, 8, c]
 * Tensor upChannelsFirst = ImageOps.resizeBilinear(xNchw, 2, 8, 8);
 * }</pre>
 */
public final class ImageOps {
    private ImageOps() {}

    /**
     * Resizes the two consecutive spatial axes {@code heightAxis} and {@code heightAxis + 1} to
     * {@code (outHeight, outWidth)} by bilinear interpolation; every other axis passes through.
     */
    public static Tensor resizeBilinear(Tensor x, int heightAxis, int outHeight, int outWidth) {
        int[] s = x.shape();
        if (heightAxis < 0 || heightAxis + 1 >= s.length) {
            throw new IllegalArgumentException("resizeBilinear: height axis " + heightAxis + " and width axis "
                    + (heightAxis + 1) + " must be axes of shape " + Arrays.toString(s) + ".");
        }
        if (outHeight <= 0 || outWidth <= 0) {
            throw new IllegalArgumentException("resizeBilinear: the output size must be positive; received ("
                    + outHeight + ", " + outWidth + ").");
        }
        int outer = 1, inner = 1;
        for (int i = 0; i < heightAxis; i++) outer *= s[i];
        for (int i = heightAxis + 2; i < s.length; i++) inner *= s[i];
        int h = s[heightAxis], w = s[heightAxis + 1];
        Axis ys = new Axis(h, outHeight), xs = new Axis(w, outWidth);
        int[] os = s.clone();
        os[heightAxis] = outHeight;
        os[heightAxis + 1] = outWidth;
        float[] d = x.buffer();
        int off = x.offset();
        float[] out = Workspace.floats(Shapes.size(os));
        int plane = h * w * inner;
        for (int o = 0, q = 0; o < outer; o++) {
            int base = off + o * plane;
            for (int oy = 0; oy < outHeight; oy++) {
                int r0 = base + ys.lo[oy] * w * inner, r1 = base + ys.hi[oy] * w * inner;
                float yl = ys.lerp[oy];
                for (int ox = 0; ox < outWidth; ox++) {
                    int c0 = xs.lo[ox] * inner, c1 = xs.hi[ox] * inner;
                    float xl = xs.lerp[ox];
                    for (int i = 0; i < inner; i++, q++) {
                        float tl = d[r0 + c0 + i], tr = d[r0 + c1 + i], bl = d[r1 + c0 + i], br = d[r1 + c1 + i];
                        float top = tl + (tr - tl) * xl;
                        float bottom = bl + (br - bl) * xl;
                        out[q] = top + (bottom - top) * yl;
                    }
                }
            }
        }
        Tensor y = Tensor.of(out, os);
        final int fOuter = outer, fInner = inner;
        GradientTape.record("resize_bilinear", y, new Tensor[] {x}, (g, grads) -> {
            float[] gd = g.buffer();
            float[] gx = Workspace.floats(Shapes.size(s));
            Arrays.fill(gx, 0f);
            for (int o = 0, q = g.offset(); o < fOuter; o++) {
                int base = o * plane;
                for (int oy = 0; oy < outHeight; oy++) {
                    int r0 = base + ys.lo[oy] * w * fInner, r1 = base + ys.hi[oy] * w * fInner;
                    float yl = ys.lerp[oy];
                    for (int ox = 0; ox < outWidth; ox++) {
                        int c0 = xs.lo[ox] * fInner, c1 = xs.hi[ox] * fInner;
                        float xl = xs.lerp[ox];
                        float wtl = (1 - yl) * (1 - xl), wtr = (1 - yl) * xl, wbl = yl * (1 - xl), wbr = yl * xl;
                        for (int i = 0; i < fInner; i++, q++) {
                            float v = gd[q];
                            gx[r0 + c0 + i] += v * wtl;
                            gx[r0 + c1 + i] += v * wtr;
                            gx[r1 + c0 + i] += v * wbl;
                            gx[r1 + c1 + i] += v * wbr;
                        }
                    }
                }
            }
            grads.add(0, Tensor.of(gx, s));
        });
        return y;
    }

    /** The source pixels and weight of each output position along one axis (half-pixel centres, edge clamped). */
    private static final class Axis {
        final int[] lo;
        final int[] hi;
        final float[] lerp;

        Axis(int in, int out) {
            lo = new int[out];
            hi = new int[out];
            lerp = new float[out];
            float scale = (float) in / out;
            for (int i = 0; i < out; i++) {
                float src = (i + 0.5f) * scale - 0.5f;
                float f = (float) Math.floor(src);
                lo[i] = Math.max((int) f, 0);
                hi[i] = Math.min((int) Math.ceil(src), in - 1);
                lerp[i] = src - f;
            }
        }
    }
}
