package org.jkeras.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NpyTest {
    @TempDir
    Path tmp;

    /** Builds .npy bytes by hand, as numpy would, so reading is tested independently of our writer. */
    static byte[] npy(int major, String descr, boolean fortran, String shapeTuple, byte[] data) {
        return npyRaw(major, "'" + descr + "'", fortran, shapeTuple, data);
    }

    /** Like {@link #npy} with the descr value written verbatim (for structured dtypes). */
    static byte[] npyRaw(int major, String descrLiteral, boolean fortran, String shapeTuple, byte[] data) {
        String dict = "{'descr': " + descrLiteral + ", 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + shapeTuple + ", }";
        int prefix = 6 + 2 + (major == 1 ? 2 : 4);
        int pad = (64 - (prefix + dict.length() + 1) % 64) % 64;
        byte[] text = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(prefix + text.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) text.length);
        } else {
            b.putInt(text.length);
        }
        return b.put(text).put(data).array();
    }

    static byte[] bytes(ByteOrder order, int size, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * size).order(order);
        for (long v : values) {
            switch (size) {
                case 1 -> b.put((byte) v);
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        return b.array();
    }

    static Tensor readBytes(byte[] b) throws IOException {
        return Npy.read(new ByteArrayInputStream(b), "test.npy");
    }

    // ------------------------------------------------------------------ round trips

    @Test
    void writeThenReadRoundTripsShapesAndValues() throws IOException {
        for (int[] shape : new int[][] {{}, {5}, {2, 3}, {2, 3, 4}, {0, 3}, {1, 1, 1, 1}}) {
            Tensor t = Tensor.randomNormal(7, 0, 1, shape);
            Path f = tmp.resolve("t.npy");
            Npy.write(f, t);
            Tensor back = Npy.read(f);
            assertArrayEquals(shape, back.shape());
            assertArrayEquals(t.toArray(), back.toArray());
        }
    }

    @Test
    void writesAViewWithItsOffset() throws IOException {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Tensor view = t.slice(1, 3);
        Path f = tmp.resolve("v.npy");
        Npy.write(f, view);
        assertArrayEquals(new float[] {3, 4, 5, 6}, Npy.read(f).toArray());
    }

    @Test
    void headerMatchesNumpyLayout() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, Tensor.zeros(2, 3));
        byte[] b = out.toByteArray();
        int headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLen) % 64, "data starts on a 64-byte boundary, like numpy");
        String text = new String(b, 10, headerLen, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"), text);
        assertTrue(text.endsWith("\n"));
        assertEquals(10 + headerLen + 24, b.length);

        out.reset();
        Npy.write(out, Tensor.zeros(7));
        assertTrue(new String(out.toByteArray(), StandardCharsets.ISO_8859_1).contains("'shape': (7,), }"));
    }

    @Test
    void overwritesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        Path f = tmp.resolve("a.npy");
        Files.writeString(f, "old content");
        Npy.write(f, Tensor.vector(1, 2));
        assertArrayEquals(new float[] {1, 2}, Npy.read(f).toArray());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(f), s.toList());
        }
    }

    // ------------------------------------------------------------------ dtypes and versions

    static Stream<Arguments> dtypes() {
        ByteOrder le = ByteOrder.LITTLE_ENDIAN, be = ByteOrder.BIG_ENDIAN;
        ByteBuffer f8 = ByteBuffer.allocate(24).order(le).putDouble(1.5).putDouble(-2.25).putDouble(1e10);
        ByteBuffer f8be = ByteBuffer.allocate(24).order(be).putDouble(1.5).putDouble(-2.25).putDouble(1e10);
        ByteBuffer f4be = ByteBuffer.allocate(12).order(be).putFloat(1.5f).putFloat(-2.25f).putFloat(3f);
        return Stream.of(
                Arguments.of("<f8", f8.array(), new float[] {1.5f, -2.25f, 1e10f}),
                Arguments.of(">f8", f8be.array(), new float[] {1.5f, -2.25f, 1e10f}),
                Arguments.of(">f4", f4be.array(), new float[] {1.5f, -2.25f, 3f}),
                Arguments.of("|i1", bytes(le, 1, -128, 0, 127), new float[] {-128, 0, 127}),
                Arguments.of("|u1", bytes(le, 1, 255, 0, 7), new float[] {255, 0, 7}),
                Arguments.of("<i2", bytes(le, 2, -300, 1, 32767), new float[] {-300, 1, 32767}),
                Arguments.of(">i2", bytes(be, 2, -300, 1, 32767), new float[] {-300, 1, 32767}),
                Arguments.of("<u2", bytes(le, 2, 65535, 1, 2), new float[] {65535, 1, 2}),
                Arguments.of("<i4", bytes(le, 4, -5, 70000, 2), new float[] {-5, 70000, 2}),
                Arguments.of(">i4", bytes(be, 4, -5, 70000, 2), new float[] {-5, 70000, 2}),
                Arguments.of("<u4", bytes(le, 4, 4294967295L, 0, 1), new float[] {4294967295f, 0, 1}),
                Arguments.of("<i8", bytes(le, 8, -9, 1L << 40, 3), new float[] {-9, 1L << 40, 3}),
                Arguments.of(">i8", bytes(be, 8, -9, 1L << 40, 3), new float[] {-9, 1L << 40, 3}),
                Arguments.of("|b1", bytes(le, 1, 1, 0, 1), new float[] {1, 0, 1}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dtypes")
    void readsEveryDtypeAsFloat32(String descr, byte[] data, float[] expected) throws IOException {
        Tensor t = readBytes(npy(1, descr, false, "(3,)", data));
        assertArrayEquals(new int[] {3}, t.shape());
        assertArrayEquals(expected, t.toArray());
        // The dtype-preserving path agrees.
        NpyArray a = Npy.readArray(new ByteArrayInputStream(npy(1, descr, false, "(3,)", data)), "t");
        assertArrayEquals(expected, a.toTensor().toArray());
    }

    @Test
    void readsVersions2And3() throws IOException {
        byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2).array();
        assertArrayEquals(new float[] {1, 2}, readBytes(npy(2, "<f4", false, "(1, 2)", data)).toArray());
        assertArrayEquals(new float[] {1, 2}, readBytes(npy(3, "<f4", false, "(2,)", data)).toArray());
    }

    @Test
    void readsScalarsAndOneDimensionalFortranArrays() throws IOException {
        byte[] one = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(4.5f).array();
        Tensor s = readBytes(npy(1, "<f4", false, "()", one));
        assertArrayEquals(new int[0], s.shape());
        assertEquals(4.5f, s.item());
        // A 1-d array is laid out identically in Fortran and C order.
        assertArrayEquals(new float[] {4.5f}, readBytes(npy(1, "<f4", true, "(1,)", one)).toArray());
    }

    @Test
    void npyArrayKeepsInt64Exact() throws IOException {
        long big = (1L << 40) + 1; // not representable in float32
        NpyArray a = Npy.readArray(new ByteArrayInputStream(
                npy(1, "<i8", false, "(2,)", bytes(ByteOrder.LITTLE_ENDIAN, 8, big, -3))), "labels.npy");
        assertEquals("<i8", a.dtype());
        assertEquals('i', a.kind());
        assertEquals(8, a.itemSize());
        assertArrayEquals(new long[] {big, -3}, a.toLongArray());
        assertArrayEquals(new double[] {big, -3}, a.toDoubleArray());
        ArithmeticException e = assertThrows(ArithmeticException.class, a::toIntArray);
        assertTrue(e.getMessage().contains(Long.toString(big)), e.getMessage());

        NpyArray u = Npy.readArray(new ByteArrayInputStream(
                npy(1, "|u1", false, "(2,)", new byte[] {(byte) 200, 3})), "u.npy");
        assertArrayEquals(new int[] {200, 3}, u.toIntArray());

        NpyArray f = Npy.readArray(new ByteArrayInputStream(npy(1, "<f4", false, "(0,)", new byte[0])), "f.npy");
        IllegalStateException fe = assertThrows(IllegalStateException.class, f::toLongArray);
        assertTrue(fe.getMessage().contains("<f4"), fe.getMessage());
    }

    // ------------------------------------------------------------------ errors

    @Test
    void badMagicSaysWhatWasFoundAndExpected() {
        IOException e = assertThrows(IOException.class,
                () -> readBytes("hello world, not numpy".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(e.getMessage().contains("not a .npy file"), e.getMessage());
        assertTrue(e.getMessage().contains("68 65 6c 6c 6f"), e.getMessage());
        assertTrue(e.getMessage().contains("93 4e 55 4d 50 59"), e.getMessage());

        IOException empty = assertThrows(IOException.class, () -> readBytes(new byte[0]));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    }

    @Test
    void npzPassedToReadGetsAHint() throws IOException {
        Path f = tmp.resolve("d.npz");
        Npy.writeNpz(f, Map.of("x", Tensor.zeros(2)));
        IOException e = assertThrows(IOException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().contains("readNpz"), e.getMessage());
    }

    @Test
    void truncatedDataSaysHowMuchWasExpected() {
        byte[] full = npy(1, "<f4", false, "(2, 3)", new byte[24]);
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 5);
        IOException e = assertThrows(IOException.class, () -> readBytes(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("24 data bytes")
                && e.getMessage().contains("only 19"), e.getMessage());
    }

    @Test
    void truncatedHeaderIsReported() {
        byte[] full = npy(1, "<f4", false, "(2,)", new byte[8]);
        IOException e = assertThrows(IOException.class, () -> readBytes(java.util.Arrays.copyOf(full, 30)));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("header"), e.getMessage());
        IOException e2 = assertThrows(IOException.class, () -> readBytes(java.util.Arrays.copyOf(full, 7)));
        assertTrue(e2.getMessage().contains("truncated"), e2.getMessage());
    }

    @Test
    void trailingBytesAreAShapeSizeMismatch() {
        byte[] b = npy(1, "<f4", false, "(2,)", new byte[12]);
        IOException e = assertThrows(IOException.class, () -> readBytes(b));
        assertTrue(e.getMessage().contains("shape/size mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("8 data bytes") && e.getMessage().contains("4 more bytes"),
                e.getMessage());
    }

    @Test
    void unsupportedDtypeNamesItAndTheSupportedOnes() {
        for (String d : new String[] {"<c8", "<f2", "<U5", "|O", "<M8[ns]"}) {
            IOException e = assertThrows(IOException.class, () -> readBytes(npy(1, d, false, "(1,)", new byte[16])));
            assertTrue(e.getMessage().contains("'" + d + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("Supported"), e.getMessage());
        }
        byte[] structured = npyRaw(1, "[('a', '<f4'), ('b', '<i4')]", false, "(1,)", new byte[8]);
        IOException e = assertThrows(IOException.class, () -> readBytes(structured));
        assertTrue(e.getMessage().contains("structured"), e.getMessage());
    }

    @Test
    void fortranOrderIsRejectedWithAFix() {
        IOException e = assertThrows(IOException.class,
                () -> readBytes(npy(1, "<f4", true, "(2, 3)", new byte[24])));
        assertTrue(e.getMessage().contains("Fortran") && e.getMessage().contains("ascontiguousarray"),
                e.getMessage());
    }

    @Test
    void unknownVersionIsRejected() {
        byte[] b = npy(1, "<f4", false, "(1,)", new byte[4]);
        b[6] = 4;
        IOException e = assertThrows(IOException.class, () -> readBytes(b));
        assertTrue(e.getMessage().contains("version 4.0"), e.getMessage());
    }

    @Test
    void malformedHeaderShowsTheHeader() {
        byte[] b = npy(1, "<f4", false, "(1,)", new byte[4]);
        String s = new String(b, StandardCharsets.ISO_8859_1).replace("'shape'", "'shapx'");
        IOException e = assertThrows(IOException.class, () -> readBytes(s.getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(e.getMessage().contains("malformed") && e.getMessage().contains("'shapx'"), e.getMessage());
    }

    // ------------------------------------------------------------------ npz

    @Test
    void npzRoundTripKeepsOrderStoredAndCompressed() throws IOException {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("zeta", Tensor.randomUniform(1, -1, 1, 4, 3));
        m.put("alpha", Tensor.vector(1, 2, 3));
        m.put("mid", Tensor.scalar(9));
        for (boolean compressed : new boolean[] {false, true}) {
            Path f = tmp.resolve(compressed ? "c.npz" : "s.npz");
            if (compressed) {
                Npy.writeNpzCompressed(f, m);
            } else {
                Npy.writeNpz(f, m);
            }
            Map<String, Tensor> back = Npy.readNpz(f);
            assertEquals(List.of("zeta", "alpha", "mid"), new ArrayList<>(back.keySet()));
            for (String k : m.keySet()) {
                assertArrayEquals(m.get(k).shape(), back.get(k).shape());
                assertArrayEquals(m.get(k).toArray(), back.get(k).toArray());
            }
            try (ZipFile z = new ZipFile(f.toFile())) {
                ZipEntry e = z.getEntry("zeta.npy");
                assertEquals(compressed ? ZipEntry.DEFLATED : ZipEntry.STORED, e.getMethod());
            }
        }
    }

    @Test
    void npzReadsForeignArchivesAndSkipsNonNpyEntries() throws IOException {
        Path f = tmp.resolve("foreign.npz");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("hi".getBytes(StandardCharsets.US_ASCII));
            z.putNextEntry(new ZipEntry("labels.npy"));
            z.write(npy(1, "<i8", false, "(2,)", bytes(ByteOrder.LITTLE_ENDIAN, 8, 5, 6)));
            z.closeEntry();
        }
        Map<String, NpyArray> a = Npy.readNpzArrays(f);
        assertEquals(List.of("labels"), new ArrayList<>(a.keySet()));
        assertArrayEquals(new long[] {5, 6}, a.get("labels").toLongArray());
    }

    @Test
    void npzErrors() throws IOException {
        Path notZip = tmp.resolve("bad.npz");
        Files.writeString(notZip, "this is not a zip archive at all");
        IOException e = assertThrows(IOException.class, () -> Npy.readNpz(notZip));
        assertTrue(e.getMessage().contains("not a valid .npz") && e.getMessage().contains("np.savez"),
                e.getMessage());

        Path single = tmp.resolve("single.npz");
        Npy.write(single, Tensor.vector(1));
        IOException e2 = assertThrows(IOException.class, () -> Npy.readNpz(single));
        assertTrue(e2.getMessage().contains("Npy.read"), e2.getMessage());

        Path good = tmp.resolve("good.npz");
        Npy.writeNpz(good, Map.of("x", Tensor.zeros(1000)));
        byte[] all = Files.readAllBytes(good);
        Path cut = tmp.resolve("cut.npz");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        assertThrows(IOException.class, () -> Npy.readNpz(cut));

        assertThrows(IllegalArgumentException.class,
                () -> Npy.writeNpz(tmp.resolve("n.npz"), Map.of("a/b", Tensor.zeros(1))));
        assertThrows(IllegalArgumentException.class,
                () -> Npy.writeNpz(tmp.resolve("n.npz"), Map.of("", Tensor.zeros(1))));
    }

    // ------------------------------------------------------------------ Keras fixtures

    @Test
    void readsKerasScenarioData() throws IOException {
        Path f = TestData.fixture("keras3-scenarios/data.npz");
        Map<String, Tensor> d = Npy.readNpz(f);
        assertEquals(List.of("x", "y", "y_sparse", "sample_weight", "x_val", "y_val"), new ArrayList<>(d.keySet()));
        assertArrayEquals(new int[] {50, 4}, d.get("x").shape());
        assertArrayEquals(new int[] {50, 3}, d.get("y").shape());
        assertArrayEquals(new int[] {50}, d.get("y_sparse").shape());
        assertArrayEquals(new int[] {50}, d.get("sample_weight").shape());
        assertArrayEquals(new int[] {10, 4}, d.get("x_val").shape());
        assertArrayEquals(new int[] {10, 3}, d.get("y_val").shape());

        NpyArray ySparse = Npy.readNpzArrays(f).get("y_sparse");
        assertEquals("<i4", ySparse.dtype());
        int[] labels = ySparse.toIntArray();
        float[] onehot = d.get("y").toArray();
        for (int i = 0; i < labels.length; i++) {
            assertTrue(labels[i] >= 0 && labels[i] < 3);
            assertEquals(1f, onehot[i * 3 + labels[i]], "y is the one-hot form of y_sparse at row " + i);
        }
    }

    @Test
    void readsKerasInitialWeights() throws IOException {
        Map<String, Tensor> w = Npy.readNpz(TestData.fixture("keras3-scenarios/init_weights.npz"));
        assertEquals(List.of("arr_0", "arr_1", "arr_2", "arr_3"), new ArrayList<>(w.keySet()));
        assertArrayEquals(new int[] {4, 8}, w.get("arr_0").shape());
        assertArrayEquals(new int[] {8}, w.get("arr_1").shape());
        assertArrayEquals(new int[] {8, 3}, w.get("arr_2").shape());
        assertArrayEquals(new int[] {3}, w.get("arr_3").shape());
    }

    static Stream<Arguments> generatedArrays() {
        return Stream.of(
                Arguments.of("cnn/in_input.npy", new int[] {4, 28, 28, 1}, "<f4"),
                Arguments.of("cnn/out.npy", new int[] {4, 10}, "<f4"),
                Arguments.of("embedding/in_input.npy", new int[] {5, 12}, "<i4"),
                Arguments.of("embedding/out.npy", new int[] {5, 1}, "<f4"),
                Arguments.of("lstm/in_input.npy", new int[] {5, 10, 4}, "<f4"),
                Arguments.of("lstm/out.npy", new int[] {5, 2}, "<f4"),
                Arguments.of("mlp/in_input.npy", new int[] {6, 20}, "<f4"),
                Arguments.of("mlp/out.npy", new int[] {6, 3}, "<f4"),
                Arguments.of("multi_io/in_input_1.npy", new int[] {5, 3}, "<f4"),
                Arguments.of("multi_io/in_input_2.npy", new int[] {5, 5}, "<f4"),
                Arguments.of("multi_io/out_out_a.npy", new int[] {5, 1}, "<f4"),
                Arguments.of("multi_io/out_out_b.npy", new int[] {5, 4}, "<f4"),
                Arguments.of("seed_example/in_input.npy", new int[] {4, 784}, "<f4"),
                Arguments.of("seed_example/out.npy", new int[] {4, 2}, "<f4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedArrays")
    void readsKerasGeneratedArrays(String file, int[] shape, String dtype) throws IOException {
        Path f = TestData.fixture("keras3-generated/" + file);
        Tensor t = Npy.read(f);
        assertArrayEquals(shape, t.shape());
        NpyArray a = Npy.readArray(f);
        assertEquals(dtype, a.dtype());
        assertArrayEquals(t.toArray(), a.toTensor().toArray());
        for (float v : t.toArray()) {
            assertTrue(Float.isFinite(v));
        }
        // And what we write back reads identically.
        Path copy = tmp.resolve("copy.npy");
        Npy.write(copy, t);
        assertArrayEquals(t.toArray(), Npy.read(copy).toArray());
    }
}
