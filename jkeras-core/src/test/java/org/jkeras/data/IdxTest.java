package org.jkeras.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path tmp;

    /** An IDX file by hand: 00 00 type rank, big-endian dims, then the values. */
    static byte[] idx(int type, int[] shape, byte[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * shape.length + values.length).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) shape.length);
        for (int d : shape) {
            b.putInt(d);
        }
        return b.put(values).array();
    }

    static byte[] gzip(byte[] b) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(b);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tensor read(byte[] b) throws IOException {
        return Idx.read(new ByteArrayInputStream(b), "test-idx");
    }

    @Test
    void readsUbyteImagesRawAndGzipped() throws IOException {
        byte[] px = new byte[2 * 3 * 4];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 11); // up to 253: covers values above 127, which must stay positive
        }
        byte[] raw = idx(0x08, new int[] {2, 3, 4}, px);
        for (byte[] b : new byte[][] {raw, gzip(raw)}) {
            Tensor t = read(b);
            assertArrayEquals(new int[] {2, 3, 4}, t.shape());
            for (int i = 0; i < px.length; i++) {
                assertEquals(px[i] & 0xFF, t.toArray()[i]);
            }
        }
        Path f = tmp.resolve("labels-idx1-ubyte"); // no .gz suffix, but gzipped: detection is by content
        Files.write(f, gzip(idx(0x08, new int[] {3}, new byte[] {9, 0, 5})));
        assertArrayEquals(new float[] {9, 0, 5}, Idx.read(f).toArray());
    }

    @Test
    void readsOtherTypes() throws IOException {
        assertArrayEquals(new float[] {-1, 127}, read(idx(0x09, new int[] {2}, new byte[] {-1, 127})).toArray());
        ByteBuffer s = ByteBuffer.allocate(4).putShort((short) -300).putShort((short) 5);
        assertArrayEquals(new float[] {-300, 5}, read(idx(0x0B, new int[] {2}, s.array())).toArray());
        ByteBuffer i = ByteBuffer.allocate(8).putInt(-70000).putInt(1);
        assertArrayEquals(new float[] {-70000, 1}, read(idx(0x0C, new int[] {2}, i.array())).toArray());
        ByteBuffer f = ByteBuffer.allocate(8).putFloat(1.5f).putFloat(-2f);
        assertArrayEquals(new float[] {1.5f, -2f}, read(idx(0x0D, new int[] {2}, f.array())).toArray());
        ByteBuffer d = ByteBuffer.allocate(16).putDouble(0.25).putDouble(3);
        assertArrayEquals(new float[] {0.25f, 3}, read(idx(0x0E, new int[] {1, 2}, d.array())).toArray());
    }

    @Test
    void badMagicSaysWhatWasFoundAndExpected() {
        IOException e = assertThrows(IOException.class,
                () -> read("<html><body>404</body></html>".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage().contains("not an IDX file") && e.getMessage().contains("3c 68 74 6d"),
                e.getMessage());
        assertTrue(e.getMessage().contains("00 00 08 03") && e.getMessage().contains("HTML"), e.getMessage());

        IOException badType = assertThrows(IOException.class, () -> read(idx(0x07, new int[] {1}, new byte[1])));
        assertTrue(badType.getMessage().contains("00 00 07 01"), badType.getMessage());

        IOException empty = assertThrows(IOException.class, () -> read(new byte[0]));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    }

    @Test
    void truncatedDataSaysHowMuchWasExpected() {
        byte[] full = idx(0x08, new int[] {10, 28, 28}, new byte[10 * 28 * 28]);
        byte[] cut = Arrays.copyOf(full, full.length - 100);
        for (byte[] b : new byte[][] {cut, gzip(cut)}) {
            IOException e = assertThrows(IOException.class, () -> read(b));
            assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("7840 data bytes")
                    && e.getMessage().contains("only 7740"), e.getMessage());
        }
        IOException header = assertThrows(IOException.class, () -> read(Arrays.copyOf(full, 9)));
        assertTrue(header.getMessage().contains("truncated") && header.getMessage().contains("header"),
                header.getMessage());
    }

    @Test
    void truncatedGzipStreamIsReported() {
        byte[] gz = gzip(idx(0x08, new int[] {100, 28, 28}, new byte[100 * 28 * 28]));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        IOException e = assertThrows(IOException.class, () -> read(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void readsTheFashionMnistTestLabelsOfTheEmbeddedSubset() throws IOException {
        // The subset holds the first 2,000 of the official 10,000 test labels, unchanged.
        Tensor y = Idx.read(TestData.dataset("fashion-mnist/t10k-labels-idx1-ubyte.gz"));
        assertArrayEquals(new int[] {2000}, y.shape());
        // The official file's first ten labels (Ankle boot, Pullover, Trouser, ...), as in Keras's tutorial.
        assertArrayEquals(new float[] {9, 2, 1, 1, 6, 1, 4, 6, 5, 7}, Arrays.copyOf(y.toArray(), 10));
        int[] counts = new int[10];
        for (float v : y.toArray()) {
            counts[(int) v]++;
        }
        // Class counts of the official file's first 2,000 labels (numpy.bincount on the official t10k file).
        assertArrayEquals(new int[] {200, 203, 214, 190, 219, 195, 197, 200, 194, 188}, counts);
    }
}
