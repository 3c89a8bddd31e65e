package org.jkeras.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.jkeras.data.Batch;
import org.jkeras.data.BatchStream;
import org.jkeras.data.BatchStreams;
import org.jkeras.data.FashionMnist;
import org.jkeras.data.ImageFolderSequence;
import org.jkeras.data.Sequence;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Sequential;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.FitOptions;

/**
 * Data-pipeline benchmarks for {@code fitGenerator}, one {@code RESULT} line per figure.
 *
 * <ul>
 *   <li>{@code png}: a Sequence that decodes PNG files (an {@link ImageFolderSequence} over Fashion-MNIST images
 *       written as PNGs): loading throughput with workers 0, 1 and 2; then the time of a training epoch from
 *       preloaded arrays (compute only), of a loading pass (load only), and of {@code fitGenerator} from the
 *       Sequence, where loading overlaps compute — expected close to max(load, compute), not their sum.</li>
 *   <li>{@code large}: a Sequence over float32 files on disk larger than the heap (run with e.g. {@code -Xmx256m}):
 *       one epoch of training, its speed and the process's peak RSS.</li>
 * </ul>
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -jar jkeras-bench.jar data png --data DIR --images 12000
 * java -Xmx256m --add-modules jdk.incubator.vector -jar jkeras-bench.jar data large --samples 800000 --dir /tmp/big
 * }</pre>
 */
public final class DataBenchmark {
    private DataBenchmark() {}

    public static void main(String[] args) throws IOException {
        String mode = args.length > 0 ? args[0] : "";
        Path data = null, dir = null;
        int images = 12000, samples = 800_000;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--data": data = Paths.get(args[++i]); break;
                case "--dir": dir = Paths.get(args[++i]); break;
                case "--images": images = Integer.parseInt(args[++i]); break;
                case "--samples": samples = Integer.parseInt(args[++i]); break;
                default: usage();
            }
        }
        if (mode.equals("png")) {
            png(data, dir != null ? dir : Files.createTempDirectory("jkeras-png"), images);
        } else if (mode.equals("large")) {
            large(dir != null ? dir : Paths.get(System.getProperty("java.io.tmpdir"), "jkeras-large"), samples);
        } else {
            usage();
        }
    }

    private static void usage() {
        System.err.println("usage: data png [--data FASHION_MNIST_DIR] [--dir PNG_DIR] [--images N]\n"
                + "       data large [--dir DIR] [--samples N]   (run the JVM with a small -Xmx, e.g. -Xmx256m)");
        System.exit(2);
    }

    private static void result(String bench, String metric, double value) {
        System.out.printf(Locale.ROOT, "RESULT bench=%s metric=%s value=%.4f%n", bench, metric, value);
    }

    // ------------------------------------------------------------------ png

    private static void png(Path data, Path dir, int images) throws IOException {
        FashionMnist.Dataset ds = data != null ? FashionMnist.loadFrom(data) : FashionMnist.loadData();
        int n = Math.min(images, ds.xTrain().dim(0));
        if (!Files.isDirectory(dir.resolve("9"))) {
            for (int i = 0; i < n; i++) {
                Path cls = dir.resolve(Integer.toString((int) ds.yTrain().get(i)));
                Files.createDirectories(cls);
                BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        img.getRaster().setSample(x, y, 0, (int) ds.xTrain().get(i, y, x));
                    }
                }
                ImageIO.write(img, "png", cls.resolve(String.format("%06d.png", i)).toFile());
            }
        }
        ImageFolderSequence seq = ImageFolderSequence.builder(dir).batchSize(128).targetSize(28, 28).grayscale(true).flatten(true)
                .shuffle(false).build();
        int total = seq.sampleCount();
        System.out.printf(Locale.ROOT, "# %d PNG images in %s, %d batches of 128%n", total, dir, seq.size());
        for (int workers : new int[] {0, 1, 2}) {
            loadPass(seq, workers); // warm-up
            double s = loadPass(seq, workers);
            result("png", "load_images_per_s_workers" + workers, total / s);
        }
        // Compute only: the same model and batches from arrays held in memory.
        Tensor[] arrays = materialise(seq);
        Sequential model = model(784, 256);
        model.fit(arrays[0], arrays[1], FitOptions.defaults().epochs(1).batchSize(128).shuffle(false).verbose(0)); // warm-up
        long t0 = System.nanoTime();
        model.fit(arrays[0], arrays[1], FitOptions.defaults().epochs(1).batchSize(128).shuffle(false).verbose(0));
        double compute = (System.nanoTime() - t0) / 1e9;
        double load = loadPass(seq, 1);
        result("png", "compute_only_epoch_s", compute);
        result("png", "load_only_epoch_s_workers1", load);
        for (int workers : new int[] {1, 2}) {
            t0 = System.nanoTime();
            model.fitGenerator(seq, FitOptions.defaults().epochs(1).shuffle(false).verbose(0).workers(workers));
            double fit = (System.nanoTime() - t0) / 1e9;
            result("png", "fit_generator_epoch_s_workers" + workers, fit);
            result("png", "fit_over_max_load_compute_workers" + workers, fit / Math.max(load, compute));
        }
    }

    private static double loadPass(Sequence seq, int workers) {
        long t0 = System.nanoTime();
        try (BatchStream s = BatchStreams.forSequence(seq, workers, 10, false, 0L, false)) {
            s.startEpoch(0, -1);
            while (s.next() != null) {
                // consume
            }
            s.endEpoch();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static Tensor[] materialise(Sequence seq) {
        int rows = 0;
        Tensor[] xs = new Tensor[seq.size()], ys = new Tensor[seq.size()];
        for (int i = 0; i < seq.size(); i++) {
            Batch b = seq.get(i);
            xs[i] = b.inputs();
            ys[i] = b.targets();
            rows += xs[i].dim(0);
        }
        return new Tensor[] {org.jkeras.ops.Ops.concatenate(xs, 0), org.jkeras.ops.Ops.concatenate(ys, 0)};
    }

    private static Sequential model(int in, int hidden) {
        Seeds.setGlobalSeed(3);
        Sequential m = new Sequential(new Dense(hidden, "relu").inputDim(in), new Dense(10, "softmax"));
        m.compile("adam", "categorical_crossentropy", "accuracy");
        return m;
    }

    // ------------------------------------------------------------------ large

    /** Rows of a float32 matrix file, read batch by batch with positional reads (no memory mapping). */
    static final class FloatFileSequence extends Sequence {
        private final Path x, y;
        private final int rows, features, classes, batch;

        FloatFileSequence(Path x, Path y, int rows, int features, int classes, int batch) {
            this.x = x;
            this.y = y;
            this.rows = rows;
            this.features = features;
            this.classes = classes;
            this.batch = batch;
        }

        @Override
        public int size() {
            return (rows + batch - 1) / batch;
        }

        @Override
        public Batch get(int index) {
            int from = index * batch, n = Math.min(rows, from + batch) - from;
            return Batch.of(read(x, from, n, features), read(y, from, n, classes));
        }

        private static Tensor read(Path file, int from, int n, int width) {
            ByteBuffer buf = ByteBuffer.allocate(n * width * 4).order(ByteOrder.LITTLE_ENDIAN);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long pos = (long) from * width * 4;
                while (buf.hasRemaining()) {
                    if (ch.read(buf, pos + buf.position()) < 0) {
                        throw new IOException("unexpected end of " + file);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            buf.flip();
            float[] out = new float[n * width];
            buf.asFloatBuffer().get(out);
            return Tensor.of(out, n, width);
        }
    }

    private static void large(Path dir, int samples) throws IOException {
        int features = 784, classes = 10;
        Files.createDirectories(dir);
        Path x = dir.resolve("x.f32"), y = dir.resolve("y.f32");
        long bytes = (long) samples * features * 4;
        if (!Files.exists(x) || Files.size(x) != bytes) {
            writeSynthetic(x, y, samples, features, classes);
        }
        long heap = Runtime.getRuntime().maxMemory();
        System.out.printf(Locale.ROOT, "# %d samples, %.2f GB of float32 on disk, max heap %.0f MB%n", samples,
                bytes / 1e9, heap / 1e6);
        result("large", "dataset_over_max_heap", bytes / (double) heap);
        FloatFileSequence seq = new FloatFileSequence(x, y, samples, features, classes, 256);
        Sequential model = model(features, 32);
        long t0 = System.nanoTime();
        model.fitGenerator(seq, FitOptions.defaults().epochs(1).shuffle(true).verbose(2).workers(2).maxQueueSize(8));
        double s = (System.nanoTime() - t0) / 1e9;
        result("large", "train_samples_per_s", samples / s);
        result("large", "peak_rss_mb", peakRssKb() / 1024.0);
    }

    /** Class-separable synthetic data: one Gaussian blob per class, written in chunks with bounded memory. */
    private static void writeSynthetic(Path x, Path y, int samples, int features, int classes) throws IOException {
        SplittableRandom r = new SplittableRandom(5);
        int chunk = 4096;
        try (FileChannel cx = FileChannel.open(x, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
             FileChannel cy = FileChannel.open(y, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bx = ByteBuffer.allocate(chunk * features * 4).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer by = ByteBuffer.allocate(chunk * classes * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int start = 0; start < samples; start += chunk) {
                int n = Math.min(chunk, samples - start);
                bx.clear();
                by.clear();
                for (int i = 0; i < n; i++) {
                    int label = r.nextInt(classes);
                    for (int f = 0; f < features; f++) {
                        bx.putFloat((float) (r.nextDouble() + (f % classes == label ? 0.5 : 0.0)));
                    }
                    for (int c = 0; c < classes; c++) {
                        by.putFloat(c == label ? 1f : 0f);
                    }
                }
                bx.flip();
                by.flip();
                while (bx.hasRemaining()) {
                    cx.write(bx);
                }
                while (by.hasRemaining()) {
                    cy.write(by);
                }
            }
        }
    }

    private static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // not Linux: report 0
        }
        return 0;
    }
}
