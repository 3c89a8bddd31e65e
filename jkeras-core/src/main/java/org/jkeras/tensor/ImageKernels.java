package org.jkeras.tensor;

/**
 * Image kernels on primitive arrays, for batches of images in either layout: {@code channelsLast}
 * ({@code [B, H, W, C]}) or channels-first ({@code [B, C, H, W]}); outputs keep the input's layout. Sampling
 * follows Keras 3's TensorFlow backend: resizing with half-pixel centres ({@code tf.image.resize}), affine
 * transforms mapping each output pixel {@code (x, y)} to the input point
 * {@code ((a0·x + a1·y + a2) / k, (b0·x + b1·y + b2) / k)}, {@code k = c0·x + c1·y + 1}, with the fill modes
 * of {@code ImageProjectiveTransformV3}.
 *
 * <pre>{@code
 * float[] out = new float[1 * 4 * 4 * 3];
 * ImageKernels.resize(img, 1, 2, 2, 3, true, 0, 0, 2, 2, out, 4, 4, ImageKernels.BILINEAR);
 * }</pre>
 */
public final class ImageKernels {
    /** Interpolations. */
    public static final int NEAREST = 0, BILINEAR = 1, BICUBIC = 2;
    /** Fill modes of the affine transform. */
    public static final int CONSTANT = 0, REFLECT = 1, WRAP = 2, FILL_NEAREST = 3;

    private ImageKernels() {}

    /** Strides {@code {batch, row, column, channel}} of an image batch. */
    public static int[] strides(int h, int w, int c, boolean channelsLast) {
        return channelsLast ? new int[] {h * w * c, w * c, c, 1} : new int[] {h * w * c, w, 1, h * w};
    }

    /**
     * Resizes the window {@code [y0, y0 + wh) × [x0, x0 + ww)} of each image to {@code outH × outW}
     * (half-pixel centres: bilinear samples {@code (o + 0.5)·scale − 0.5}, nearest takes
     * {@code floor((o + 0.5)·scale)}, both clamped to the window).
     */
    public static void resize(float[] src, int b, int h, int w, int c, boolean channelsLast, int y0, int x0, int wh,
            int ww, float[] dst, int outH, int outW, int interpolation) {
        if (interpolation == BICUBIC) {
            resizeBicubic(src, b, h, w, c, channelsLast, y0, x0, wh, ww, dst, outH, outW);
            return;
        }
        int[] s = strides(h, w, c, channelsLast), d = strides(outH, outW, c, channelsLast);
        float sy = (float) wh / outH, sx = (float) ww / outW;
        int[] xlo = new int[outW], xhi = new int[outW];
        float[] xl = new float[outW];
        for (int ox = 0; ox < outW; ox++) {
            axisWeights(ox, sx, ww, interpolation, xlo, xhi, xl);
        }
        int[] ylo = new int[outH], yhi = new int[outH];
        float[] yl = new float[outH];
        for (int oy = 0; oy < outH; oy++) {
            axisWeights(oy, sy, wh, interpolation, ylo, yhi, yl);
        }
        for (int n = 0; n < b; n++) {
            for (int oy = 0; oy < outH; oy++) {
                int r0 = n * s[0] + (y0 + ylo[oy]) * s[1], r1 = n * s[0] + (y0 + yhi[oy]) * s[1];
                float ly = yl[oy];
                for (int ox = 0; ox < outW; ox++) {
                    int c0 = (x0 + xlo[ox]) * s[2], c1 = (x0 + xhi[ox]) * s[2];
                    float lx = xl[ox];
                    int o = n * d[0] + oy * d[1] + ox * d[2];
                    for (int ch = 0; ch < c; ch++) {
                        int k = ch * s[3];
                        float top = src[r0 + c0 + k] + (src[r0 + c1 + k] - src[r0 + c0 + k]) * lx;
                        float bottom = src[r1 + c0 + k] + (src[r1 + c1 + k] - src[r1 + c0 + k]) * lx;
                        dst[o + ch * d[3]] = top + (bottom - top) * ly;
                    }
                }
            }
        }
    }

    /** Keys's cubic kernel with a = -0.5 (TensorFlow's half-pixel bicubic), tabulated in 1/1024 steps as TF does. */
    private static final int TABLE = 1 << 10;
    private static final float[] CUBIC = cubicTable(-0.5);

    private static float[] cubicTable(double a) {
        float[] t = new float[(TABLE + 1) * 2];
        for (int i = 0; i <= TABLE; i++) {
            float x = i * 1.0f / TABLE;
            t[i * 2] = (float) (((a + 2) * x - (a + 3)) * x * x + 1);
            x += 1.0f;
            t[i * 2 + 1] = (float) (((a * x - 5 * a) * x + 8 * a) * x - 4 * a);
        }
        return t;
    }

    /**
     * The 4 taps and weights of output position {@code o} along an axis of {@code size}: taps outside the axis get
     * weight 0 and the others are renormalized (TensorFlow's {@code resize_bicubic} with half-pixel centres).
     */
    private static void cubicWeights(int o, float scale, int size, int[] idx, float[] wt, int at) {
        float in = (o + 0.5f) * scale - 0.5f;
        int loc = (int) Math.floor(in);
        int off = (int) Math.rint((in - loc) * TABLE);
        float[] raw = {CUBIC[off * 2 + 1], CUBIC[off * 2], CUBIC[(TABLE - off) * 2], CUBIC[(TABLE - off) * 2 + 1]};
        float sum = 0;
        for (int k = 0; k < 4; k++) {
            int i = loc - 1 + k, bounded = Math.min(size - 1, Math.max(0, i));
            idx[at + k] = bounded;
            wt[at + k] = bounded == i ? raw[k] : 0f;
            sum += wt[at + k];
        }
        if (Math.abs(sum) >= 1000f * Float.MIN_NORMAL) {
            for (int k = 0; k < 4; k++) wt[at + k] /= sum;
        }
    }

    private static void resizeBicubic(float[] src, int b, int h, int w, int c, boolean channelsLast, int y0, int x0,
            int wh, int ww, float[] dst, int outH, int outW) {
        int[] s = strides(h, w, c, channelsLast), d = strides(outH, outW, c, channelsLast);
        int[] yi = new int[4 * outH], xi = new int[4 * outW];
        float[] yw = new float[4 * outH], xw = new float[4 * outW];
        for (int oy = 0; oy < outH; oy++) cubicWeights(oy, (float) wh / outH, wh, yi, yw, 4 * oy);
        for (int ox = 0; ox < outW; ox++) cubicWeights(ox, (float) ww / outW, ww, xi, xw, 4 * ox);
        for (int n = 0; n < b; n++)
            for (int oy = 0; oy < outH; oy++)
                for (int ox = 0; ox < outW; ox++)
                    for (int ch = 0; ch < c; ch++) {
                        float v = 0;
                        for (int ky = 0; ky < 4; ky++) {
                            int row = n * s[0] + (y0 + yi[4 * oy + ky]) * s[1] + ch * s[3];
                            float r = 0;
                            for (int kx = 0; kx < 4; kx++) r += src[row + (x0 + xi[4 * ox + kx]) * s[2]] * xw[4 * ox + kx];
                            v += r * yw[4 * oy + ky];
                        }
                        dst[n * d[0] + oy * d[1] + ox * d[2] + ch * d[3]] = v;
                    }
    }

    private static void axisWeights(int o, float scale, int size, int interpolation, int[] lo, int[] hi, float[] l) {
        if (interpolation == NEAREST) {
            int i = Math.min((int) Math.floor((o + 0.5f) * scale), size - 1);
            lo[o] = i;
            hi[o] = i;
            l[o] = 0f;
            return;
        }
        float in = (o + 0.5f) * scale - 0.5f;
        float f = (float) Math.floor(in);
        lo[o] = Math.max((int) f, 0);
        hi[o] = Math.min((int) Math.ceil(in), size - 1);
        l[o] = in - f;
    }

    /** Copies each image into the middle of a {@code outH × outW} canvas filled with {@code fill}. */
    public static void pad(float[] src, int b, int h, int w, int c, boolean channelsLast, int top, int left,
            float[] dst, int outH, int outW, float fill) {
        java.util.Arrays.fill(dst, 0, b * outH * outW * c, fill);
        int[] s = strides(h, w, c, channelsLast), d = strides(outH, outW, c, channelsLast);
        for (int n = 0; n < b; n++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    for (int ch = 0; ch < c; ch++) {
                        dst[n * d[0] + (y + top) * d[1] + (x + left) * d[2] + ch * d[3]] =
                                src[n * s[0] + y * s[1] + x * s[2] + ch * s[3]];
                    }
    }

    /** Copies the window {@code [y0, y0 + outH) × [x0, x0 + outW)} of each image. */
    public static void crop(float[] src, int b, int h, int w, int c, boolean channelsLast, int y0, int x0,
            float[] dst, int outH, int outW) {
        int[] s = strides(h, w, c, channelsLast), d = strides(outH, outW, c, channelsLast);
        for (int n = 0; n < b; n++)
            for (int y = 0; y < outH; y++)
                for (int x = 0; x < outW; x++)
                    for (int ch = 0; ch < c; ch++) {
                        dst[n * d[0] + y * d[1] + x * d[2] + ch * d[3]] =
                                src[n * s[0] + (y + y0) * s[1] + (x + x0) * s[2] + ch * s[3]];
                    }
    }

    /** Mirrors image {@code n} left-right where {@code horizontal[n]} and top-bottom where {@code vertical[n]}. */
    public static void flip(float[] src, int b, int h, int w, int c, boolean channelsLast, boolean[] horizontal,
            boolean[] vertical, float[] dst) {
        int[] s = strides(h, w, c, channelsLast);
        for (int n = 0; n < b; n++) {
            boolean fh = horizontal != null && horizontal[n], fv = vertical != null && vertical[n];
            for (int y = 0; y < h; y++) {
                int sy = fv ? h - 1 - y : y;
                for (int x = 0; x < w; x++) {
                    int sx = fh ? w - 1 - x : x;
                    for (int ch = 0; ch < c; ch++) {
                        dst[n * s[0] + y * s[1] + x * s[2] + ch * s[3]] =
                                src[n * s[0] + sy * s[1] + sx * s[2] + ch * s[3]];
                    }
                }
            }
        }
    }

    /**
     * Applies one 8-value transform per image ({@code transforms[8n .. 8n + 7]} = a0 a1 a2 b0 b1 b2 c0 c1), output
     * the same size as the input. Out-of-image points follow {@code fillMode}: constant ({@code fillValue}),
     * reflect (d c b a | a b c d | d c b a), wrap (a b c d | a b c d), nearest (a a | a b c d | d d).
     */
    public static void affine(float[] src, int b, int h, int w, int c, boolean channelsLast, float[] transforms,
            int interpolation, int fillMode, float fillValue, float[] dst) {
        int[] s = strides(h, w, c, channelsLast);
        for (int n = 0; n < b; n++) {
            int t = 8 * n;
            float a0 = transforms[t], a1 = transforms[t + 1], a2 = transforms[t + 2];
            float b0 = transforms[t + 3], b1 = transforms[t + 4], b2 = transforms[t + 5];
            float c0 = transforms[t + 6], c1 = transforms[t + 7];
            int base = n * s[0];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float k = c0 * x + c1 * y + 1f;
                    float inX = mapCoordinate((a0 * x + a1 * y + a2) / k, w, fillMode);
                    float inY = mapCoordinate((b0 * x + b1 * y + b2) / k, h, fillMode);
                    int o = base + y * s[1] + x * s[2];
                    for (int ch = 0; ch < c; ch++) {
                        dst[o + ch * s[3]] = interpolation == NEAREST
                                ? read(src, base, s, h, w, ch, roundHalfAway(inY), roundHalfAway(inX), fillValue)
                                : bilinear(src, base, s, h, w, ch, inY, inX, fillValue);
                    }
                }
            }
        }
    }

    /** C's {@code round}: halves away from zero. */
    private static int roundHalfAway(float v) {
        return v >= 0 ? (int) Math.floor(v + 0.5f) : -(int) Math.floor(-v + 0.5f);
    }

    private static float bilinear(float[] src, int base, int[] s, int h, int w, int ch, float y, float x, float fill) {
        float yf = (float) Math.floor(y), xf = (float) Math.floor(x);
        int y0 = (int) yf, x0 = (int) xf;
        float ly = y - yf, lx = x - xf;
        float top = (1 - lx) * read(src, base, s, h, w, ch, y0, x0, fill) + lx * read(src, base, s, h, w, ch, y0, x0 + 1, fill);
        float bot = (1 - lx) * read(src, base, s, h, w, ch, y0 + 1, x0, fill)
                + lx * read(src, base, s, h, w, ch, y0 + 1, x0 + 1, fill);
        return (1 - ly) * top + ly * bot;
    }

    private static float read(float[] src, int base, int[] s, int h, int w, int ch, int y, int x, float fill) {
        if (y < 0 || y >= h || x < 0 || x >= w) {
            return fill;
        }
        return src[base + y * s[1] + x * s[2] + ch * s[3]];
    }

    /** Maps an out-of-range input coordinate back into {@code [0, len − 1]} (constant mode leaves it). */
    static float mapCoordinate(float in, int len, int mode) {
        switch (mode) {
            case REFLECT: {
                if (in < 0) {
                    if (len <= 1) {
                        in = 0;
                    } else {
                        int sz2 = 2 * len;
                        if (in < sz2) in = sz2 * (int) (-in / sz2) + in;
                        in = in < -len ? in + sz2 : -in - 1;
                    }
                } else if (in > len - 1) {
                    if (len <= 1) {
                        in = 0;
                    } else {
                        int sz2 = 2 * len;
                        in -= sz2 * (int) (in / sz2);
                        if (in >= len) in = sz2 - in - 1;
                    }
                }
                return Math.min(Math.max(in, 0), len - 1);
            }
            case WRAP: {
                if (in < 0) {
                    if (len <= 1) {
                        in = 0;
                    } else {
                        int sz = len - 1;
                        in += len * ((int) (-in / sz) + 1);
                    }
                } else if (in > len - 1) {
                    if (len <= 1) {
                        in = 0;
                    } else {
                        int sz = len - 1;
                        in -= len * (int) (in / sz);
                    }
                }
                return Math.min(Math.max(in, 0), len - 1);
            }
            case FILL_NEAREST:
                return Math.min(Math.max(in, 0), len - 1);
            default:
                return in;
        }
    }

    /**
     * Keras's contrast adjustment: per image and channel, {@code (x − mean)·factor[n] + mean} with the mean over
     * height and width, clipped to {@code [lo, hi]}.
     */
    public static void contrast(float[] src, int b, int h, int w, int c, boolean channelsLast, float[] factor,
            float lo, float hi, float[] dst) {
        int[] s = strides(h, w, c, channelsLast);
        for (int n = 0; n < b; n++)
            for (int ch = 0; ch < c; ch++) {
                double sum = 0;
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++) sum += src[n * s[0] + y * s[1] + x * s[2] + ch * s[3]];
                float m = (float) (sum / ((double) h * w)), f = factor[n];
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++) {
                        int i = n * s[0] + y * s[1] + x * s[2] + ch * s[3];
                        dst[i] = Math.min(Math.max((src[i] - m) * f + m, lo), hi);
                    }
            }
    }

    /** {@code clip(x + delta[n], lo, hi)} for every value of image {@code n} (Keras's brightness shift). */
    public static void addClip(float[] src, int b, int perImage, float[] delta, float lo, float hi, float[] dst) {
        for (int n = 0; n < b; n++) {
            float dv = delta[n];
            int o = n * perImage;
            for (int i = 0; i < perImage; i++) {
                dst[o + i] = Math.min(Math.max(src[o + i] + dv, lo), hi);
            }
        }
    }
}
