package org.jkeras.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.jkeras.data.FashionMnist;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
    private static Path sharedDataset() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("datasets/fashion-mnist");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/datasets/fashion-mnist not found beside the project");
    }

    @Test
    void embeddedSubsetIsTheHeadOfTheOfficialFiles() {
        FashionMnist.Dataset small = FashionMnist.loadFromClasspath(FashionMnist.EMBEDDED_SUBSET);
        FashionMnist.Dataset full = FashionMnist.loadFrom(sharedDataset());
        assertArrayEquals(new int[] {10000, 28, 28}, small.xTrain().shape());
        assertArrayEquals(new int[] {2000, 28, 28}, small.xTest().shape());
        assertHead(full.xTrain(), small.xTrain());
        assertHead(full.yTrain(), small.yTrain());
        assertHead(full.xTest(), small.xTest());
        assertHead(full.yTest(), small.yTest());
    }

    private static void assertHead(Tensor full, Tensor head) {
        assertArrayEquals(full.slice(0, head.dim(0)).toArray(), head.toArray());
    }

    @Test
    void demoTrainsEvaluatesAndPredicts() {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            code = Main.run("demo", "--subset", "--epochs", "1", "--verbose", "2");
        } finally {
            System.setOut(saved);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("Model: \"sequential"), out);
        java.util.regex.Matcher plot = java.util.regex.Pattern.compile("Saved the training curves \\(History\\.plot\\) to "
                + "(.+\\.png)\\.").matcher(out);
        assertTrue(plot.find(), out);
        try {
            java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(Paths.get(plot.group(1)).toFile());
            assertEquals(800, img.getWidth(), "one 800-pixel-wide panel per quantity");
            assertEquals(2 * 300, img.getHeight(), "accuracy and loss panels");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertTrue(out.matches("(?s).*71/71 - \\d+s - \\d+ms/step - accuracy: 0\\.\\d{4} - loss: \\d\\.\\d{4} - val_accuracy.*"), out);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("test accuracy (0\\.\\d{4})").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Double.parseDouble(m.group(1)) > 0.7, "one epoch on 9,000 images reaches > 70%: " + m.group(1));
        assertTrue(out.contains("image 0: predicted"), out);
    }

    @Test
    void badOptionsGiveAUsageError() {
        PrintStream savedErr = System.err;
        System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, Main.run("demo", "--epochs", "many"));
        } finally {
            System.setErr(savedErr);
        }
    }
}
