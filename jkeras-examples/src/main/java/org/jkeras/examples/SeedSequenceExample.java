package org.jkeras.examples;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jkeras.callbacks.History;
import org.jkeras.data.Batch;
import org.jkeras.data.FashionMnist;
import org.jkeras.data.Sequence;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Sequential;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.FitOptions;

/**
 * The seed document's second program in Java: a {@code DataGenerator} that extends {@link Sequence} over an image
 * folder with one sub-folder per class ({@code cat} and {@code dog}), reads 28×28 grayscale images with ImageIO,
 * labels them one-hot from the folder name ({@code dog} = [0, 1], otherwise [1, 0]), reshuffles its index in
 * {@code onEpochEnd}, and trains {@code Dense(64, relu, input_dim=784) → Dense(2, softmax)} with
 * {@code fitGenerator(epochs, maxQueueSize=10, workers=1)}. The library's reusable version of this class is
 * {@link org.jkeras.data.ImageFolderSequence}.
 *
 * <pre>{@code
 * ./jkeras-examples/run.sh SeedSequenceExample --make-demo-folder /tmp/catdog   # PNGs from Fashion-MNIST
 * ./jkeras-examples/run.sh SeedSequenceExample /tmp/catdog 5                     # folder, epochs
 * }</pre>
 */
public final class SeedSequenceExample {
    private SeedSequenceExample() {}

    /** The seed's {@code DataGenerator(keras.utils.Sequence)}. */
    public static final class DataGenerator extends Sequence {
        private final List<Path> datas;
        private final int batchSize;
        private final boolean shuffle;
        private final List<Integer> indexes = new ArrayList<>();
        private final Random random = new Random(1);

        public DataGenerator(List<Path> datas, int batchSize, boolean shuffle) {
            this.datas = datas;
            this.batchSize = batchSize;
            this.shuffle = shuffle;
            for (int i = 0; i < datas.size(); i++) {
                indexes.add(i);
            }
        }

        /** Keras's {@code __len__}: batches per epoch. */
        @Override
        public int size() {
            return (int) Math.ceil(datas.size() / (double) batchSize);
        }

        /** Keras's {@code __getitem__}: batch {@code index} as (images [n, 784], one-hot labels [n, 2]). */
        @Override
        public Batch get(int index) {
            int from = index * batchSize, to = Math.min(datas.size(), from + batchSize);
            float[] images = new float[(to - from) * 784];
            float[] labels = new float[(to - from) * 2];
            for (int i = from; i < to; i++) {
                Path file = datas.get(indexes.get(i));
                readGray28(file, images, (i - from) * 784);
                String className = file.getParent().getFileName().toString();
                labels[(i - from) * 2 + (className.equals("dog") ? 1 : 0)] = 1f;
            }
            return Batch.of(Tensor.of(images, to - from, 784), Tensor.of(labels, to - from, 2));
        }

        /** Re-randomises the index after every epoch, as the seed does. */
        @Override
        public void onEpochEnd() {
            if (shuffle) {
                Collections.shuffle(indexes, random);
            }
        }

        private static void readGray28(Path file, float[] out, int offset) {
            try {
                BufferedImage img = ImageIO.read(file.toFile());
                if (img == null || img.getWidth() != 28 || img.getHeight() != 28) {
                    throw new IllegalArgumentException(file + " is not a 28x28 image ImageIO can read.");
                }
                Raster r = img.getRaster();
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        out[offset + y * 28 + x] = r.getSample(x, y, 0) / 255f;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read image " + file, e);
            }
        }
    }

    /** The seed's loop over the folder: every file of every sub-folder. */
    public static List<Path> listImages(Path folder) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> classes = Files.list(folder)) {
            for (Path dir : (Iterable<Path>) classes.filter(Files::isDirectory).sorted()::iterator) {
                try (Stream<Path> images = Files.list(dir)) {
                    images.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(folder + " has no images in sub-folders; expected e.g. cat/*.png and dog/*.png.");
        }
        return files;
    }

    /** Builds and trains the seed's network; returns the History. */
    public static History train(Path folder, int epochs, int batchSize) {
        DataGenerator trainingGenerator = new DataGenerator(listImages(folder), batchSize, true);
        Sequential model = new Sequential();
        model.add(new Dense(64, "relu").inputDim(784));
        model.add(new Dense(2, "softmax"));
        model.compile("sgd", "categorical_crossentropy", "accuracy");
        return model.fitGenerator(trainingGenerator, FitOptions.defaults().epochs(epochs).maxQueueSize(10).workers(1));
    }

    /** Writes {@code perClass} Fashion-MNIST images per class as PNGs: T-shirts as "cat", trousers as "dog". */
    public static void makeDemoFolder(FashionMnist.Dataset data, Path folder, int perClass) throws IOException {
        int[] written = new int[2];
        for (int i = 0; i < data.xTrain().dim(0) && (written[0] < perClass || written[1] < perClass); i++) {
            int label = (int) data.yTrain().get(i);
            if (label > 1 || written[label] >= perClass) {
                continue;
            }
            Path dir = folder.resolve(label == 0 ? "cat" : "dog");
            Files.createDirectories(dir);
            BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    img.getRaster().setSample(x, y, 0, (int) data.xTrain().get(i, y, x));
                }
            }
            ImageIO.write(img, "png", dir.resolve(String.format("%05d.png", i)).toFile());
            written[label]++;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("--make-demo-folder")) {
            makeDemoFolder(FashionMnist.loadData(), Paths.get(args[1]), 500);
            System.out.println("Wrote 500 'cat' and 500 'dog' images under " + args[1]);
            return;
        }
        if (args.length < 1) {
            System.err.println("usage: SeedSequenceExample FOLDER [epochs (default 50)] | --make-demo-folder FOLDER");
            System.exit(2);
        }
        History h = train(Paths.get(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 50, 1);
        System.out.println("History: " + h.history());
    }
}
