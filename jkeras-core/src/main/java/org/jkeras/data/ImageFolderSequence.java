package org.jkeras.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jkeras.tensor.Tensor;

/**
 * A {@link Sequence} over an image folder with one sub-folder per class, like Keras's
 * {@code image_dataset_from_directory} with {@code label_mode="categorical"}: class indices are the sorted
 * sub-folder names, images ({@code .bmp .gif .jpeg .jpg .png}) are decoded with {@code ImageIO}, resized
 * (bilinear) to the target size when they differ, scaled to [0, 1], and labelled one-hot.
 *
 * <pre>{@code
 * // data/train/cat/*.png, data/train/dog/*.png
 * ImageFolderSequence train = ImageFolderSequence.builder(Path.of("data/train"))
 *         .batchSize(32).targetSize(28, 28).grayscale(true).flatten(true).shuffle(true).seed(42).build();
 * train.classNames();                 // [cat, dog]
 * Batch b = train.get(0);             // inputs [32, 784], targets [32, 2]
 * try (BatchStream s = BatchStreams.forSequence(train, 2, 10, false, 0, false)) { ... }
 * }</pre>
 *
 * <p>Inputs are {@code [n, height, width, channels]} (channels 1 for grayscale, 3 for RGB; alpha is dropped), or
 * {@code [n, height * width * channels]} with {@code flatten(true)}, for a {@code Dense} first layer. Grayscale
 * from colour images uses PIL's {@code convert("L")} weights, as Keras does. With {@code shuffle} the sample
 * order is a seeded permutation, redrawn in {@link #onEpochEnd()} (the seed program's {@code DataGenerator}).
 * The class is {@link Serializable}, so it works with {@code useMultiprocessing = true}.
 */
public class ImageFolderSequence extends Sequence implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final List<String> EXTENSIONS = List.of(".bmp", ".gif", ".jpeg", ".jpg", ".png");

    private final String root;
    private final String[] classNames;
    private final String[] files;
    private final int[] labels;
    private final int batchSize;
    private final int height;
    private final int width;
    private final boolean grayscale;
    private final boolean flatten;
    private final boolean shuffle;
    private final long seed;
    private final int[] order;
    private int epochsEnded;

    /** Options with Keras's defaults: batch size 32, 256x256, RGB, shuffled with seed 0, not flattened. */
    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** The builder of an {@link ImageFolderSequence}; see the class example. */
    public static final class Builder {
        private final Path root;
        private int batchSize = 32;
        private int height = 256;
        private int width = 256;
        private boolean grayscale;
        private boolean flatten;
        private boolean shuffle = true;
        private long seed;

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root is null; pass the folder holding one sub-folder per class");
        }

        /** Samples per batch (the last batch may be smaller); default 32. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1; received batchSize=" + batchSize + ".");
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Height and width every image is resized to; default 256 x 256 (Keras's {@code image_size}). */
        public Builder targetSize(int height, int width) {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("targetSize must be positive; received targetSize=(" + height
                        + ", " + width + ").");
            }
            this.height = height;
            this.width = width;
            return this;
        }

        /** One channel (true) or three RGB channels (false, the default; Keras {@code color_mode}). */
        public Builder grayscale(boolean grayscale) {
            this.grayscale = grayscale;
            return this;
        }

        /** Inputs as {@code [n, h * w * c]} instead of {@code [n, h, w, c]}; default false. */
        public Builder flatten(boolean flatten) {
            this.flatten = flatten;
            return this;
        }

        /** Shuffle the samples (seeded), and reshuffle after every epoch; default true. */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Seed of the shuffles; default 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Lists the folder (files are decoded later, in {@code get}). */
        public ImageFolderSequence build() {
            return new ImageFolderSequence(this);
        }
    }

    /** Reads the folder's layout with the given options (see {@link Builder}). */
    protected ImageFolderSequence(Builder b) {
        if (!Files.isDirectory(b.root)) {
            throw new IllegalArgumentException("Image folder " + b.root.toAbsolutePath() + " does not exist or is not "
                    + "a directory; pass a folder holding one sub-folder per class (e.g. train/cat, train/dog).");
        }
        List<String> classes = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(b.root)) {
            dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(classes::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + b.root, e);
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("Image folder " + b.root.toAbsolutePath() + " has no sub-folders; "
                    + "expected one sub-folder per class, each holding that class's images.");
        }
        List<String> fileList = new ArrayList<>();
        List<Integer> labelList = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            List<String> names = new ArrayList<>();
            try (Stream<Path> fs = Files.list(b.root.resolve(classes.get(c)))) {
                fs.filter(Files::isRegularFile).filter(ImageFolderSequence::isImage)
                        .map(p -> p.toAbsolutePath().toString()).forEach(names::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list " + b.root.resolve(classes.get(c)), e);
            }
            Collections.sort(names);
            for (String n : names) {
                fileList.add(n);
                labelList.add(c);
            }
        }
        if (fileList.isEmpty()) {
            throw new IllegalArgumentException("Image folder " + b.root.toAbsolutePath() + " has class folders "
                    + classes + " but no images in them; expected files ending in " + EXTENSIONS + ".");
        }
        this.root = b.root.toAbsolutePath().toString();
        this.classNames = classes.toArray(new String[0]);
        this.files = fileList.toArray(new String[0]);
        this.labels = labelList.stream().mapToInt(Integer::intValue).toArray();
        this.batchSize = b.batchSize;
        this.height = b.height;
        this.width = b.width;
        this.grayscale = b.grayscale;
        this.flatten = b.flatten;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.order = new int[files.length];
        reorder();
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    /** The class names in index order (sorted sub-folder names). */
    public List<String> classNames() {
        return List.of(classNames);
    }

    /** Number of images found. */
    public int sampleCount() {
        return files.length;
    }

    /** The image files in the current sample order (absolute paths). */
    public List<String> files() {
        List<String> out = new ArrayList<>(files.length);
        for (int i : order) {
            out.add(files[i]);
        }
        return out;
    }

    @Override
    public int size() {
        return (files.length + batchSize - 1) / batchSize;
    }

    @Override
    public Batch get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("Batch index " + index + " is outside 0.." + (size() - 1) + " ("
                    + files.length + " images in batches of " + batchSize + ").");
        }
        int from = index * batchSize, to = Math.min(files.length, from + batchSize);
        int n = to - from, channels = grayscale ? 1 : 3, per = height * width * channels;
        float[] x = new float[n * per];
        float[] y = new float[n * classNames.length];
        for (int r = 0; r < n; r++) {
            int sample = order[from + r];
            decode(files[sample], x, r * per);
            y[r * classNames.length + labels[sample]] = 1f;
        }
        Tensor inputs = flatten ? Tensor.of(x, n, per) : Tensor.of(x, n, height, width, channels);
        return Batch.of(inputs, Tensor.of(y, n, classNames.length));
    }

    /** Redraws the sample order when shuffling (a new seeded permutation per epoch). */
    @Override
    public void onEpochEnd() {
        if (shuffle) {
            epochsEnded++;
            reorder();
        }
    }

    private void reorder() {
        if (shuffle) {
            System.arraycopy(SequenceStream.permutation(files.length, seed, epochsEnded, 0), 0, order, 0, order.length);
        } else {
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
        }
    }

    /** Decodes {@code file} into {@code out[offset ..]} as height x width x channels floats in [0, 1]. */
    private void decode(String file, float[] out, int offset) {
        BufferedImage img;
        try {
            img = ImageIO.read(new File(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read image " + file + ": " + e.getMessage(), e);
        }
        if (img == null) {
            throw new UncheckedIOException(new IOException("Cannot decode image " + file + ": ImageIO has no reader "
                    + "for it. Use PNG, JPEG, BMP or GIF files, or remove the file from " + root + "."));
        }
        int w = img.getWidth(), h = img.getHeight(), c = grayscale ? 1 : 3;
        float[] src = pixels(img, c);
        if (w == width && h == height) {
            for (int i = 0; i < src.length; i++) {
                out[offset + i] = src[i] / 255f;
            }
            return;
        }
        // bilinear resize with half-pixel centres (TF / Keras "bilinear")
        float sy = (float) h / height, sx = (float) w / width;
        for (int oy = 0; oy < height; oy++) {
            float fy = Math.max(0f, (oy + 0.5f) * sy - 0.5f);
            int y0 = Math.min((int) fy, h - 1), y1 = Math.min(y0 + 1, h - 1);
            float dy = fy - y0;
            for (int ox = 0; ox < width; ox++) {
                float fx = Math.max(0f, (ox + 0.5f) * sx - 0.5f);
                int x0 = Math.min((int) fx, w - 1), x1 = Math.min(x0 + 1, w - 1);
                float dx = fx - x0;
                for (int k = 0; k < c; k++) {
                    float a = src[(y0 * w + x0) * c + k], b = src[(y0 * w + x1) * c + k];
                    float d = src[(y1 * w + x0) * c + k], e = src[(y1 * w + x1) * c + k];
                    float top = a + (b - a) * dx, bottom = d + (e - d) * dx;
                    out[offset + (oy * width + ox) * c + k] = (top + (bottom - top) * dy) / 255f;
                }
            }
        }
    }

    /** The image's pixels as 0..255 floats, h x w x c; gray images read from the raster (no colour conversion). */
    private static float[] pixels(BufferedImage img, int c) {
        int w = img.getWidth(), h = img.getHeight();
        float[] px = new float[w * h * c];
        Raster raster = img.getRaster();
        boolean grayRaster = img.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                && raster.getNumBands() <= 2 && img.getColorModel().getComponentSize(0) <= 16;
        if (grayRaster) {
            float scale = 255f / ((1 << img.getColorModel().getComponentSize(0)) - 1);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = raster.getSample(x, y, 0) * scale;
                    for (int k = 0; k < c; k++) {
                        px[(y * w + x) * c + k] = v;
                    }
                }
            }
            return px;
        }
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int rgb = row[x], r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
                int i = (y * w + x) * c;
                if (c == 1) {
                    px[i] = (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16; // PIL convert("L")
                } else {
                    px[i] = r;
                    px[i + 1] = g;
                    px[i + 2] = b;
                }
            }
        }
        return px;
    }

    @Override
    public String toString() {
        return "ImageFolderSequence(" + root + ", " + files.length + " images, classes " + Arrays.toString(classNames)
                + ", batchSize " + batchSize + ", " + height + "x" + width + (grayscale ? " gray" : " RGB") + ")";
    }
}
