package org.jkeras.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.jkeras.tensor.Tensor;

/**
 * Reads and writes NumPy's {@code .npy} and {@code .npz} files, the array format of {@code np.save},
 * {@code np.savez} and {@code np.savez_compressed}.
 *
 * <p>Reading accepts format versions 1.0, 2.0 and 3.0, C order, and the dtypes {@code f4 f8 i1 u1 i2 u2
 * i4 u4 i8 u8 b1} in either byte order; {@link #read} converts to a float32 {@link Tensor} (as
 * {@code a.astype("float32")} would), {@link #readArray} keeps the original dtype in an {@link NpyArray}
 * (for exact integer labels). Writing produces little-endian float32 ({@code <f4}), version 1.0, which
 * every numpy reads; files are written to a temporary name in the same directory and renamed, so a
 * crash never leaves a half-written file under the real name.
 *
 * <pre>{@code
 * Tensor x = Npy.read(Path.of("x_train.npy"));                  // np.load("x_train.npy")
 * Map<String, Tensor> d = Npy.readNpz(Path.of("data.npz"));     // names in archive order, no ".npy"
 * int[] y = Npy.readNpzArrays(Path.of("data.npz")).get("y_sparse").toIntArray();
 * Npy.write(Path.of("pred.npy"), model.predict(x));             // np.save
 * Npy.writeNpz(Path.of("out.npz"), Map.of("x", x));             // np.savez
 * }</pre>
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Conversion chunk: a multiple of every item size, small enough to stay in cache. */
    private static final int CHUNK = 1 << 16;

    private Npy() {
    }

    // ------------------------------------------------------------------ reading .npy

    /** Reads a {@code .npy} file as a float32 tensor. */
    public static Tensor read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads one {@code .npy} array from a stream as a float32 tensor; {@code sourceName} names the
     * stream in error messages. The stream must end where the array ends.
     */
    public static Tensor read(InputStream in, String sourceName) throws IOException {
        Header h = readHeader(in, sourceName);
        int n = h.size;
        float[] out = new float[n];
        // Convert chunk by chunk so a large file never needs its raw bytes and its floats in memory at once.
        byte[] buf = new byte[CHUNK];
        int perChunk = CHUNK / h.dtype.size;
        for (int done = 0; done < n; ) {
            int count = Math.min(perChunk, n - done);
            int bytes = count * h.dtype.size;
            int got = in.readNBytes(buf, 0, bytes);
            if (got < bytes) {
                throw truncated(h, sourceName, (long) done * h.dtype.size + got);
            }
            convert(buf, 0, count, h.dtype, out, done);
            done += count;
        }
        checkNoTrailingData(in, h, sourceName);
        return Tensor.of(out, h.shape);
    }

    /** Reads a {@code .npy} file keeping its dtype (use for integer labels that must stay exact). */
    public static NpyArray readArray(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), CHUNK)) {
            return readArray(in, file.toString());
        }
    }

    /** Reads one {@code .npy} array from a stream keeping its dtype; {@code sourceName} is for messages. */
    public static NpyArray readArray(InputStream in, String sourceName) throws IOException {
        Header h = readHeader(in, sourceName);
        long bytes = (long) h.size * h.dtype.size;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IOException(sourceName + ": the array holds " + bytes + " bytes, more than one Java array "
                    + "can hold (2 GiB); read it with Npy.read (float32) or split it into several files.");
        }
        byte[] data = in.readNBytes((int) bytes);
        if (data.length < bytes) {
            throw truncated(h, sourceName, data.length);
        }
        checkNoTrailingData(in, h, sourceName);
        return new NpyArray(h.dtype.descr, h.shape, data);
    }

    // ------------------------------------------------------------------ reading .npz

    /**
     * Reads every array of a {@code .npz} archive (stored or deflated) as float32 tensors, in archive
     * order, keyed by entry name without the {@code .npy} suffix (as {@code np.load(f).files} lists them).
     * Entries that are not {@code .npy} files are skipped.
     */
    public static Map<String, Tensor> readNpz(Path file) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        forEachNpzEntry(file, (name, in, source) -> out.put(name, read(in, source)));
        return Collections.unmodifiableMap(out);
    }

    /** Like {@link #readNpz} but keeps each array's dtype. */
    public static Map<String, NpyArray> readNpzArrays(Path file) throws IOException {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        forEachNpzEntry(file, (name, in, source) -> out.put(name, readArray(in, source)));
        return Collections.unmodifiableMap(out);
    }

    private interface EntryReader {
        void read(String name, InputStream in, String source) throws IOException;
    }

    private static void forEachNpzEntry(Path file, EntryReader reader) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            String hint = startsWithNpyMagic(file)
                    ? " It is a single .npy file; read it with Npy.read."
                    : " Expected a zip archive written by np.savez or np.savez_compressed; the file may be truncated.";
            throw new IOException(file + " is not a valid .npz archive (" + e.getMessage() + ")." + hint, e);
        }
        try (zip) {
            // ZipFile lists entries in central-directory order, which is the order np.savez wrote them.
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory() || !e.getName().endsWith(".npy")) {
                    continue;
                }
                String name = e.getName().substring(0, e.getName().length() - 4);
                String source = file + "[" + e.getName() + "]";
                try (InputStream in = new BufferedInputStream(zip.getInputStream(e), CHUNK)) {
                    reader.read(name, in, source);
                } catch (ZipException | java.io.EOFException ex) {
                    throw new IOException(source + ": the archive entry is corrupt or truncated (" + ex.getMessage()
                            + "). Re-create the .npz file.", ex);
                }
            }
        }
    }

    private static boolean startsWithNpyMagic(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(6), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes {@code tensor} as a little-endian float32 {@code .npy} file (format 1.0), atomically: the data
     * goes to a temporary file in the same directory that is then renamed over {@code file}. Unlike
     * {@code np.save}, no {@code .npy} suffix is appended.
     */
    public static void write(Path file, Tensor tensor) throws IOException {
        requireTensor("tensor", tensor);
        writeAtomically(file, out -> write(out, tensor));
    }

    /** Writes {@code tensor} as {@code .npy} bytes to a stream (not closed). */
    public static void write(OutputStream out, Tensor tensor) throws IOException {
        requireTensor("tensor", tensor);
        out.write(headerBytes(tensor.shape()));
        float[] data = tensor.buffer();
        int offset = tensor.offset();
        int n = tensor.size();
        ByteBuffer bb = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        int perChunk = CHUNK / 4;
        for (int done = 0; done < n; ) {
            int count = Math.min(perChunk, n - done);
            bb.clear();
            bb.asFloatBuffer().put(data, offset + done, count);
            out.write(bb.array(), 0, count * 4);
            done += count;
        }
    }

    /**
     * Writes the tensors as an uncompressed {@code .npz} archive (like {@code np.savez(file, **arrays)}), in
     * the map's iteration order, atomically. Use a {@link LinkedHashMap} to control the order.
     */
    public static void writeNpz(Path file, Map<String, Tensor> arrays) throws IOException {
        writeNpz(file, arrays, false);
    }

    /** Like {@link #writeNpz} but deflates each entry (like {@code np.savez_compressed}). */
    public static void writeNpzCompressed(Path file, Map<String, Tensor> arrays) throws IOException {
        writeNpz(file, arrays, true);
    }

    private static void writeNpz(Path file, Map<String, Tensor> arrays, boolean compressed) throws IOException {
        if (arrays == null) {
            throw new IllegalArgumentException("arrays is null; pass a Map from array name to Tensor.");
        }
        for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isEmpty() || name.contains("/") || name.contains("\\")) {
                throw new IllegalArgumentException("Received array name " + (name == null ? "null" : "'" + name + "'")
                        + "; a .npz entry name must be non-empty and contain no '/' or '\\'.");
            }
            requireTensor("arrays['" + name + "']", e.getValue());
        }
        writeAtomically(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                if (compressed) {
                    entry.setMethod(ZipEntry.DEFLATED);
                    zip.putNextEntry(entry);
                    write(zip, e.getValue());
                } else {
                    // A STORED entry needs its size and CRC before the data, so serialise it first.
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream(e.getValue().size() * 4 + 128);
                    write(bytes, e.getValue());
                    byte[] b = bytes.toByteArray();
                    CRC32 crc = new CRC32();
                    crc.update(b);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(b.length);
                    entry.setCompressedSize(b.length);
                    entry.setCrc(crc.getValue());
                    zip.putNextEntry(entry);
                    zip.write(b);
                }
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    private static void requireTensor(String what, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(what + " is null; pass a Tensor to write.");
        }
    }

    /** Writes the body of a file. */
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code file} atomically (see {@link AtomicFiles}). */
    static void writeAtomically(Path file, Writer writer) throws IOException {
        AtomicFiles.replace(file, tmp -> {
            try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), CHUNK)) {
                writer.write(os);
            }
        });
    }

    static byte[] headerBytes(int[] shape) {
        StringBuilder tuple = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            tuple.append(shape[i]).append(i == 0 && shape.length == 1 ? "," : (i < shape.length - 1 ? ", " : ""));
        }
        tuple.append(')');
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + tuple + ", }";
        // numpy pads the header with spaces so the data starts on a 64-byte boundary, ending in '\n'.
        boolean v2 = dict.length() + 11 + 64 > 0xFFFF;
        int prefix = MAGIC.length + 2 + (v2 ? 4 : 2);
        int pad = (64 - (prefix + dict.length() + 1) % 64) % 64;
        byte[] text = (dict + " ".repeat(pad) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(prefix + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) (v2 ? 2 : 1)).put((byte) 0);
        if (v2) {
            b.putInt(text.length);
        } else {
            b.putShort((short) text.length);
        }
        b.put(text);
        return b.array();
    }

    // ------------------------------------------------------------------ header and dtypes

    /** A parsed dtype: kind ('f', 'i', 'u', 'b'), item size and byte order. */
    static final class Dtype {
        final String descr;
        final char kind;
        final int size;
        final ByteOrder order;

        private Dtype(String descr, char kind, int size, ByteOrder order) {
            this.descr = descr;
            this.kind = kind;
            this.size = size;
            this.order = order;
        }

        static Dtype parse(String descr, String source) throws IllegalArgumentException {
            String d = descr.trim();
            char bo = d.isEmpty() ? '?' : d.charAt(0);
            String body = (bo == '<' || bo == '>' || bo == '|' || bo == '=') ? d.substring(1) : d;
            boolean supported = body.matches("f[48]|[iu][1248]|b1");
            if (!supported) {
                throw new IllegalArgumentException(source + " has dtype '" + descr + "', which jkeras cannot read. "
                        + "Supported: float32/float64 (f4, f8), int8/16/32/64 (i1..i8), uint8/16/32/64 (u1..u8) "
                        + "and bool (b1), little- or big-endian. Convert it in numpy first, e.g. "
                        + "np.save(path, a.astype('float32')).");
            }
            char kind = body.charAt(0);
            int size = body.charAt(1) - '0';
            ByteOrder order = bo == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            String norm = (size == 1 ? "|" : (bo == '>' ? ">" : "<")) + body;
            return new Dtype(norm, kind, size, order);
        }
    }

    private static final class Header {
        final Dtype dtype;
        final int[] shape;
        final int size;
        final String text;

        Header(Dtype dtype, int[] shape, int size, String text) {
            this.dtype = dtype;
            this.shape = shape;
            this.size = size;
            this.text = text;
        }
    }

    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*(['\"])([^'\"]*)\\1");
    private static final Pattern DESCR_ANY = Pattern.compile("['\"]descr['\"]\\s*:\\s*([^,}]*)");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private static Header readHeader(InputStream in, String source) throws IOException {
        byte[] pre = in.readNBytes(8);
        if (pre.length < 8 || !Arrays.equals(Arrays.copyOf(pre, 6), MAGIC)) {
            if (pre.length >= 6 && Arrays.equals(Arrays.copyOf(pre, 6), MAGIC)) {
                throw new IOException(source + " is truncated: it ends inside the .npy header.");
            }
            String hint = pre.length >= 2 && pre[0] == 'P' && pre[1] == 'K'
                    ? " It looks like a zip archive: read .npz files with Npy.readNpz."
                    : "";
            throw new IOException(source + " is not a .npy file: it starts with bytes " + LeadingBytes.hex(pre)
                    + ", expected the magic string \\x93NUMPY (93 4e 55 4d 50 59)." + hint);
        }
        int major = pre[6] & 0xFF;
        int minor = pre[7] & 0xFF;
        int headerLen;
        if (major == 1) {
            byte[] l = readFully(in, 2, source, "header length");
            headerLen = (l[0] & 0xFF) | (l[1] & 0xFF) << 8;
        } else if (major == 2 || major == 3) {
            byte[] l = readFully(in, 4, source, "header length");
            headerLen = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (headerLen < 0 || headerLen > (1 << 24)) {
                throw new IOException(source + ": header length " + (headerLen & 0xFFFFFFFFL)
                        + " is not plausible; the file is corrupt.");
            }
        } else {
            throw new IOException(source + " uses .npy format version " + major + "." + minor
                    + "; jkeras reads versions 1.0, 2.0 and 3.0.");
        }
        byte[] hb = readFully(in, headerLen, source, "header");
        // Version 3.0 only differs by allowing UTF-8 in the header (structured field names).
        String text = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).trim();

        Matcher dm = DESCR.matcher(text);
        if (!dm.find()) {
            Matcher any = DESCR_ANY.matcher(text);
            if (any.find()) {
                throw new IOException(source + " has dtype " + any.group(1).trim() + ", a structured (record) dtype; "
                        + "jkeras reads plain numeric arrays only. Save each field as its own array.");
            }
            throw malformed(source, text, "'descr'");
        }
        Dtype dtype;
        try {
            dtype = Dtype.parse(dm.group(2), source);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        Matcher fm = FORTRAN.matcher(text);
        if (!fm.find()) {
            throw malformed(source, text, "'fortran_order'");
        }
        Matcher sm = SHAPE.matcher(text);
        if (!sm.find()) {
            throw malformed(source, text, "'shape'");
        }
        int[] shape = parseShape(sm.group(1), source, text);
        long size = 1;
        for (int d : shape) {
            size *= d;
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(source + " has shape " + Arrays.toString(shape)
                        + ", more elements than one Java array can hold (2^31 - 1).");
            }
        }
        // A 0-d or 1-d array has the same byte layout in C and Fortran order, so only reject real 2-d+ cases.
        if (fm.group(1).equals("True") && shape.length > 1) {
            throw new IOException(source + " stores its array in Fortran (column-major) order; jkeras reads "
                    + "C (row-major) order only. Re-save it with np.save(path, np.ascontiguousarray(a)).");
        }
        return new Header(dtype, shape, (int) size, text);
    }

    private static int[] parseShape(String tuple, String source, String text) throws IOException {
        String[] parts = tuple.split(",");
        int[] shape = new int[parts.length];
        int n = 0;
        for (String p : parts) {
            String s = p.trim();
            if (s.endsWith("L")) {
                s = s.substring(0, s.length() - 1); // Python 2 wrote longs as 60000L
            }
            if (s.isEmpty()) {
                continue;
            }
            long v;
            try {
                v = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw malformed(source, text, "an integer shape");
            }
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IOException(source + " has shape (" + tuple + "); every dimension must be between 0 and "
                        + Integer.MAX_VALUE + ".");
            }
            shape[n++] = (int) v;
        }
        return Arrays.copyOf(shape, n);
    }

    private static IOException malformed(String source, String text, String what) {
        return new IOException(source + " has a malformed .npy header: expected " + what + " in a dict like "
                + "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }, found: " + text);
    }

    private static byte[] readFully(InputStream in, int n, String source, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new IOException(source + " is truncated: it ends inside the .npy " + what + " (needed " + n
                    + " bytes, found " + b.length + ").");
        }
        return b;
    }

    private static IOException truncated(Header h, String source, long found) {
        long expected = (long) h.size * h.dtype.size;
        return new IOException(source + " is truncated: its header promises shape " + Arrays.toString(h.shape)
                + " of " + h.dtype.descr + " = " + expected + " data bytes, but only " + found
                + " were found. The file was cut short; re-create it.");
    }

    private static void checkNoTrailingData(InputStream in, Header h, String source) throws IOException {
        // Extra bytes mean header and data disagree (wrong shape written, or two files concatenated).
        byte[] extra = in.readNBytes(CHUNK);
        if (extra.length > 0) {
            long more = extra.length;
            while (true) {
                long skipped = in.readNBytes(CHUNK).length;
                if (skipped == 0) {
                    break;
                }
                more += skipped;
            }
            throw new IOException(source + ": shape/size mismatch: the header says shape " + Arrays.toString(h.shape)
                    + " of " + h.dtype.descr + " = " + (long) h.size * h.dtype.size + " data bytes, but the file holds "
                    + more + " more bytes after them. The header does not describe the data; re-create the file.");
        }
    }

    // ------------------------------------------------------------------ conversion

    /** Converts {@code count} elements of dtype {@code dt} starting at byte {@code srcOff} to floats. */
    static void convert(byte[] src, int srcOff, int count, Dtype dt, float[] dst, int dstOff) {
        ByteBuffer b = ByteBuffer.wrap(src, srcOff, count * dt.size).slice().order(dt.order);
        switch (dt.kind) {
            case 'f':
                if (dt.size == 4) {
                    b.asFloatBuffer().get(dst, dstOff, count);
                } else {
                    for (int i = 0; i < count; i++) {
                        dst[dstOff + i] = (float) b.getDouble(i * 8);
                    }
                }
                return;
            case 'b':
            case 'u':
                switch (dt.size) {
                    case 1:
                        for (int i = 0; i < count; i++) {
                            dst[dstOff + i] = src[srcOff + i] & 0xFF;
                        }
                        return;
                    case 2:
                        for (int i = 0; i < count; i++) {
                            dst[dstOff + i] = b.getShort(i * 2) & 0xFFFF;
                        }
                        return;
                    case 4:
                        for (int i = 0; i < count; i++) {
                            dst[dstOff + i] = b.getInt(i * 4) & 0xFFFFFFFFL;
                        }
                        return;
                    default:
                        for (int i = 0; i < count; i++) {
                            long v = b.getLong(i * 8);
                            dst[dstOff + i] = v >= 0 ? v : (float) ((double) (v >>> 1) * 2.0);
                        }
                        return;
                }
            default: // 'i'
                switch (dt.size) {
                    case 1:
                        for (int i = 0; i < count; i++) {
                            dst[dstOff + i] = src[srcOff + i];
                        }
                        return;
                    case 2:
                        for (int i = 0; i < count; i++) {
                            dst[dstOff + i] = b.getShort(i * 2);
                        }
                        return;
                    case 4:
                        for (int i = 0; i < count; i++) {
                            dst[dstOff + i] = b.getInt(i * 4);
                        }
                        return;
                    default:
                        for (int i = 0; i < count; i++) {
                            dst[dstOff + i] = b.getLong(i * 8);
                        }
                }
        }
    }
}
