package org.jkeras.ops;

import java.util.Arrays;
import java.util.Locale;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.tensor.ImageKernels;
import org.jkeras.tensor.Shapes;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.Workspace;

/**
 * Keras 3's image ops ({@code keras.ops.image} and what the image preprocessing layers compute), on a batch
 * {@code [B, H, W, C]} (or {@code [B, C, H, W]} when not channels-last) or a single image of rank 3. Outputs keep
 * the input's rank and layout. {@link #rescale} and {@link #resizeBilinear} (any two consecutive spatial axes, as
 * {@code UpSampling2D(interpolation="bilinear")} uses it) are differentiable; the others transform input data.
 *
 * <pre>{@code
 * Tensor small = ImageOps.resize(images, 64, 64, "bilinear", true, false, 0f, true);   // crop_to_aspect_ratio
 * Tensor turned = ImageOps.affine(images, ImageOps.rotation(30f, 64, 64), "bilinear", "reflect", 0f, true);
 * }</pre>
 */
public final class ImageOps {
    private ImageOps() {}

    /** {@code [B, H, W, C]} of an image batch (rank 4) or one image (rank 3, B = 1), whatever the layout. */
    static int[] dims(Tensor x, boolean channelsLast, String who) {
        int[] s = x.shape();
        if (s.length != 3 && s.length != 4) {
            throw new IllegalArgumentException(who + ": expected the input image to be rank 3 (a single image) or 4 "
                    + "(a batch of images); received inputs.shape=" + Arrays.toString(s) + ".");
        }
        int o = s.length - 3, b = s.length == 4 ? s[0] : 1;
        return channelsLast ? new int[] {b, s[o], s[o + 1], s[o + 2]} : new int[] {b, s[o + 1], s[o + 2], s[o]};
    }

    /** The values of {@code x} from index 0: its own buffer when it starts there, else a copy. */
    private static float[] data(Tensor x) {
        return x.offset() == 0 ? x.buffer() : x.toArray();
    }

    private static Tensor image(float[] data, Tensor like, int b, int h, int w, int c, boolean channelsLast) {
        boolean batched = like.rank() == 4;
        int[] shape = channelsLast ? new int[] {b, h, w, c} : new int[] {b, c, h, w};
        return Tensor.of(data, batched ? shape : Arrays.copyOfRange(shape, 1, 4));
    }

    /** Keras's {@code Rescaling}: {@code x·scale + offset} (differentiable). */
    public static Tensor rescale(Tensor x, float scale, float offset) {
        Tensor y = Ops.scale(x, scale);
        return offset == 0f ? y : Ops.addScalar(y, offset);
    }

    /** Keras's resizing interpolation name as a kernel constant ({@code "bilinear"}, {@code "nearest"}, {@code "bicubic"}). */
    public static int interpolation(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "bilinear": return ImageKernels.BILINEAR;
            case "nearest": return ImageKernels.NEAREST;
            case "bicubic": return ImageKernels.BICUBIC;
            default:
                throw new IllegalArgumentException("Invalid value for argument `interpolation`. Expected one of "
                        + "{'bilinear', 'nearest', 'bicubic'} (jkeras does not implement 'lanczos3', 'lanczos5' or "
                        + "'area' yet). Received: interpolation=" + name);
        }
    }

    /** Keras's affine-transform fill mode name as a kernel constant. */
    public static int fillMode(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "constant": return ImageKernels.CONSTANT;
            case "reflect": return ImageKernels.REFLECT;
            case "wrap": return ImageKernels.WRAP;
            case "nearest": return ImageKernels.FILL_NEAREST;
            default:
                throw new IllegalArgumentException("Invalid value for argument `fill_mode`. Expected one of "
                        + "{'constant', 'reflect', 'wrap', 'nearest'}. Received: fill_mode=" + name);
        }
    }

    /**
     * Keras's {@code ops.image.resize}: to {@code height × width}, first cropping the largest centred window of
     * the target aspect ratio ({@code cropToAspectRatio}) or padding with {@code fillValue} to it
     * ({@code padToAspectRatio}); at most one of the two.
     */
    public static Tensor resize(Tensor x, int height, int width, String interpolation, boolean cropToAspectRatio,
            boolean padToAspectRatio, float fillValue, boolean channelsLast) {
        int mode = interpolation(interpolation);
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Resizing: height and width must be positive; received height="
                    + height + ", width=" + width + ".");
        }
        if (cropToAspectRatio && padToAspectRatio) {
            throw new IllegalArgumentException("Only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be "
                    + "True; set the other to false.");
        }
        int[] d = dims(x, channelsLast, "Resizing");
        int b = d[0], h = d[1], w = d[2], c = d[3];
        float[] src = data(x);
        int y0 = 0, x0 = 0, wh = h, ww = w;
        if (cropToAspectRatio) {
            int[] box = aspectCrop(h, w, height, width);
            y0 = box[0];
            x0 = box[1];
            wh = box[2];
            ww = box[3];
        } else if (padToAspectRatio) {
            int padH = Math.max(h, (int) ((float) (w * height) / width));
            int padW = Math.max(w, (int) ((float) (h * width) / height));
            int top = (int) ((float) (padH - h) / 2), left = (int) ((float) (padW - w) / 2);
            // Keras pads the same amount on both sides
            int ph = h + 2 * top, pw = w + 2 * left;
            float[] padded = new float[b * ph * pw * c];
            ImageKernels.pad(src, b, h, w, c, channelsLast, top, left, padded, ph, pw, fillValue);
            src = padded;
            h = ph;
            w = pw;
            wh = ph;
            ww = pw;
        }
        float[] out = Workspace.floats(b * height * width * c);
        ImageKernels.resize(src, b, h, w, c, channelsLast, y0, x0, wh, ww, out, height, width, mode);
        return image(out, x, b, height, width, c, channelsLast);
    }

    /** The centred window {@code {y0, x0, h, w}} of {@code targetH:targetW} aspect ratio (Keras's crop rule). */
    static int[] aspectCrop(int h, int w, int targetH, int targetW) {
        int cropH = Math.max(Math.min(h, (int) ((float) (w * targetH) / targetW)), 1);
        int cropW = Math.max(Math.min(w, (int) ((float) (h * targetW) / targetH)), 1);
        return new int[] {(int) ((float) (h - cropH) / 2), (int) ((float) (w - cropW) / 2), cropH, cropW};
    }

    /** The window {@code [y0, y0 + height) × [x0, x0 + width)} of each image. */
    public static Tensor crop(Tensor x, int y0, int x0, int height, int width, boolean channelsLast) {
        int[] d = dims(x, channelsLast, "Crop");
        if (y0 < 0 || x0 < 0 || y0 + height > d[1] || x0 + width > d[2]) {
            throw new IllegalArgumentException("Crop: window (" + y0 + ", " + x0 + ") of size " + height + "x" + width
                    + " does not fit in images of size " + d[1] + "x" + d[2] + ".");
        }
        float[] out = Workspace.floats(d[0] * height * width * d[3]);
        ImageKernels.crop(data(x), d[0], d[1], d[2], d[3], channelsLast, y0, x0, out, height, width);
        return image(out, x, d[0], height, width, d[3], channelsLast);
    }

    /**
     * Keras's {@code CenterCrop}: the centred {@code height × width} window ({@code (H − height) // 2} above); an
     * image smaller than the target in either side is instead cropped to the target's aspect ratio and resized
     * (bilinear), as Keras's {@code smart_resize}.
     */
    public static Tensor centerCrop(Tensor x, int height, int width, boolean channelsLast) {
        int[] d = dims(x, channelsLast, "CenterCrop");
        int hd = d[1] - height, wd = d[2] - width;
        if (hd >= 0 && wd >= 0) {
            return crop(x, hd / 2, wd / 2, height, width, channelsLast);
        }
        return resize(x, height, width, "bilinear", true, false, 0f, channelsLast);
    }

    /** Mirrors image {@code n} left-right where {@code horizontal[n]}, top-bottom where {@code vertical[n]}. */
    public static Tensor flip(Tensor x, boolean[] horizontal, boolean[] vertical, boolean channelsLast) {
        int[] d = dims(x, channelsLast, "RandomFlip");
        float[] out = Workspace.floats(x.size());
        ImageKernels.flip(data(x), d[0], d[1], d[2], d[3], channelsLast, horizontal, vertical, out);
        return Tensor.of(out, x.shape());
    }

    /**
     * Keras's {@code ops.image.affine_transform}: {@code transforms} holds 8 values per image (or 8 for all),
     * mapping output to input points.
     */
    public static Tensor affine(Tensor x, float[] transforms, String interpolation, String fillMode, float fillValue,
            boolean channelsLast) {
        int mode = interpolation(interpolation), fill = fillMode(fillMode);
        if (mode == ImageKernels.BICUBIC) {
            throw new IllegalArgumentException("Invalid value for argument `interpolation` of the affine transform. "
                    + "Expected one of {'bilinear', 'nearest'}. Received: interpolation=" + interpolation);
        }
        int[] d = dims(x, channelsLast, "affine_transform");
        float[] t = transforms;
        if (t.length == 8 && d[0] > 1) {
            t = new float[8 * d[0]];
            for (int n = 0; n < d[0]; n++) System.arraycopy(transforms, 0, t, 8 * n, 8);
        } else if (t.length != 8 * d[0]) {
            throw new IllegalArgumentException("affine_transform: expected 8 transform values per image (8 or "
                    + 8 * d[0] + " values for " + d[0] + " images); received " + t.length + ".");
        }
        float[] out = Workspace.floats(x.size());
        ImageKernels.affine(data(x), d[0], d[1], d[2], d[3], channelsLast, t, mode, fill, fillValue, out);
        return Tensor.of(out, x.shape());
    }

    /**
     * The transform of a rotation by {@code degrees} about the image centre {@code ((W − 1)/2, (H − 1)/2)}, as
     * Keras's {@code RandomRotation} builds it (positive degrees turn the image counter-clockwise).
     */
    public static float[] rotation(double degrees, int height, int width) {
        double a = Math.toRadians(degrees), cos = Math.cos(a), sin = Math.sin(a);
        double cx = 0.5 * (width - 1), cy = 0.5 * (height - 1);
        double a0 = cos, a1 = -sin, b0 = sin, b1 = cos;
        return new float[] {(float) a0, (float) a1, (float) (cx - cx * a0 - cy * a1), (float) b0, (float) b1,
            (float) (cy - cx * b0 - cy * b1), 0f, 0f};
    }

    /** Keras's {@code RandomZoom} transform: input = zoom·output about the centre (zoom > 1 shows more). */
    public static float[] zoom(double widthZoom, double heightZoom, int height, int width) {
        return new float[] {(float) widthZoom, 0f, (float) ((width - 1.0) / 2.0 * (1.0 - widthZoom)), 0f,
            (float) heightZoom, (float) ((height - 1.0) / 2.0 * (1.0 - heightZoom)), 0f, 0f};
    }

    /** Keras's {@code RandomTranslation} transform: the image moves {@code dx} pixels right, {@code dy} down. */
    public static float[] translation(double dx, double dy) {
        return new float[] {1f, 0f, (float) -dx, 0f, 1f, (float) -dy, 0f, 0f};
    }

    /**
     * Keras's contrast adjustment: per image {@code n} and channel, {@code (x − mean)·factor[n] + mean} (mean over
     * height and width), clipped to {@code [lo, hi]}.
     */
    public static Tensor contrast(Tensor x, float[] factor, float lo, float hi, boolean channelsLast) {
        int[] d = dims(x, channelsLast, "RandomContrast");
        float[] out = Workspace.floats(x.size());
        ImageKernels.contrast(data(x), d[0], d[1], d[2], d[3], channelsLast, factor, lo, hi, out);
        return Tensor.of(out, x.shape());
    }

    /** Keras's brightness shift: {@code clip(x + delta[n], lo, hi)} for every value of image {@code n}. */
    public static Tensor brightness(Tensor x, float[] delta, float lo, float hi) {
        int b = x.rank() == 4 ? x.dim(0) : 1;
        if (x.rank() != 3 && x.rank() != 4) {
            dims(x, true, "RandomBrightness");
        }
        float[] out = Workspace.floats(x.size());
        ImageKernels.addClip(data(x), b, x.size() / b, delta, lo, hi, out);
        return Tensor.of(out, x.shape());
    }

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
