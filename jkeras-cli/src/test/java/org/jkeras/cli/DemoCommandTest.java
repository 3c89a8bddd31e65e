package org.jkeras.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jkeras.data.FashionMnist;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DemoCommandTest {
    /**
     * The embedded subset is the head of the official Fashion-MNIST files: the SHA-256 of the raw uint8 bytes of the
     * first 10,000 training and 2,000 test images and labels, computed with Python (gzip + numpy) from the official
     * files (Debian's dataset-fashion-mnist, identical to Keras's download), match what jkeras reads here.
     */
    @Test
    void embeddedSubsetIsTheHeadOfTheOfficialFiles() throws NoSuchAlgorithmException {
        FashionMnist.Dataset small = FashionMnist.loadFromClasspath(FashionMnist.EMBEDDED_SUBSET);
        assertArrayEquals(new int[] {10000, 28, 28}, small.xTrain().shape());
        assertArrayEquals(new int[] {2000, 28, 28}, small.xTest().shape());
        assertEquals("2929ae1c7b89e0ee6587bbe4911fd5f0a5dafe21ae6ed9b737173cbfe20c12c9", sha256OfBytes(small.xTrain()));
        assertEquals("1022e4632874e71bb84d924c475e6a3428a2deeb8c5a0f612a015c97e4fce7f0", sha256OfBytes(small.yTrain()));
        assertEquals("09bbac78738f0229a68f7ca74e62665d7fb34f45ea7a3509ab5c4a202c1370de", sha256OfBytes(small.xTest()));
        assertEquals("a86243d2b2400909bc0a82f5fd5c9df83bf827852a1543e3dc70af890035a9d4", sha256OfBytes(small.yTest()));
    }

    /** The tensor's values (0..255) as the uint8 bytes of the IDX file, hashed. */
    private static String sha256OfBytes(Tensor t) throws NoSuchAlgorithmException {
        float[] v = t.toArray();
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            assertTrue(v[i] >= 0 && v[i] <= 255 && v[i] == Math.rint(v[i]), "not a uint8 value: " + v[i]);
            b[i] = (byte) (int) v[i];
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void demoTrainsEvaluatesAndPredicts() {
        CliRun r = CliRun.of("demo", "--subset", "--epochs", "1", "--verbose", "2");
        String out = r.out();
        assertEquals(0, r.code(), r.all());
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
        assertTrue(out.contains("predictions match"), out);
        assertEquals("", r.err());
    }
}
