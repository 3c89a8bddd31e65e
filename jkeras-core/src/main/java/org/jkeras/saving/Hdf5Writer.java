package org.jkeras.saving;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.jkeras.tensor.Tensor;

/**
 * Writes the HDF5 subset Keras files use, byte for byte per the HDF5 specification: superblock version 2,
 * version 2 object headers with compact link and attribute storage, contiguous float32/int32 datasets (scalars
 * included), scalar variable-length UTF-8 string attributes in one global heap collection (as h5py writes
 * Python strings), fixed-length string-array attributes (as Keras 2 writes {@code layer_names}) and empty
 * float64 arrays (as h5py writes an empty {@code weight_names}). Replaces jHDF 0.13.0's writer, which produced
 * unreadable files for some group layouts; jHDF still reads.
 *
 * <p>Files of any size are streamed: a layout pass places every object (64-bit addresses and lengths) without
 * touching the weights, so the superblock is known first and the file is then produced front to back, weights
 * converted to bytes a megabyte at a time straight from the tensors' arrays; no whole-file buffer exists.
 *
 * <pre>{@code
 * Hdf5Writer w = new Hdf5Writer(tree);      // layout only
 * long bytes = w.size();
 * try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(path))) {
 *     w.writeTo(os);
 * }
 * }</pre>
 */
final class Hdf5Writer {
    private static final long UNDEF = -1L;
    private static final int CHUNK = 1 << 20;
    private final Hdf5.Tree root;
    private final List<byte[]> heapObjects = new ArrayList<>();
    private long heapAddress;
    private long rootAddress;
    private long size;
    private Out out;

    /**
     * A numeric dataset: float32 values (a tensor, referenced rather than copied, so it must not change while the
     * file is written) or int32 when {@code ints} is set; shape {@code []} is a scalar.
     */
    static final class Data {
        final int[] shape;
        final Tensor floats;
        final int[] ints;

        Data(int[] shape, Tensor floats, int[] ints) {
            this.shape = shape.clone();
            this.floats = floats;
            this.ints = ints;
        }

        long count() {
            long n = 1;
            for (int s : shape) {
                n *= s;
            }
            return n;
        }
    }

    /**
     * Lays out the file for {@code root} without producing any dataset bytes: afterwards {@link #size()} is known,
     * and {@link #writeTo} and {@link #crc32} stream the file front to back with 64-bit offsets throughout.
     */
    Hdf5Writer(Hdf5.Tree root) {
        this.root = root;
        collectStrings(root);
        try {
            run(new Out(null, null, false));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // nothing is written in the layout pass
        }
    }

    /** The file's length in bytes. */
    long size() {
        return size;
    }

    /** Streams the whole file to {@code os} (not closed). */
    void writeTo(OutputStream os) throws IOException {
        run(new Out(os, null, true));
    }

    /** The CRC-32 of the whole file, computed by producing its bytes without storing them. */
    long crc32() throws IOException {
        CRC32 crc = new CRC32();
        run(new Out(null, crc, true));
        return crc.getValue();
    }

    private void run(Out o) throws IOException {
        out = o;
        boolean layout = !o.data;
        ByteBuffer sb = buf(48);
        sb.put(Hdf5.MAGIC).put((byte) 2).put((byte) 8).put((byte) 8).put((byte) 0);
        sb.putLong(0).putLong(UNDEF).putLong(size).putLong(rootAddress);
        sb.putInt(lookup3(sb.array(), 0, 44));
        out.write(sb.array(), 0, 48); // the layout pass writes placeholders; later passes the real superblock
        writeHeap();
        long r = writeGroup(root);
        if (layout) {
            rootAddress = r;
            size = out.pos;
        } else if (r != rootAddress || out.pos != size) {
            throw new IllegalStateException("HDF5 layout changed between passes (root " + r + " vs " + rootAddress
                    + ", size " + out.pos + " vs " + size + "); the model changed while it was being saved.");
        }
    }

    /** Where the bytes go: an output stream and/or a CRC, or nowhere (layout pass); tracks the 64-bit position. */
    private static final class Out {
        final OutputStream os;
        final CRC32 crc;
        final boolean data;
        long pos;

        Out(OutputStream os, CRC32 crc, boolean data) {
            this.os = os;
            this.crc = crc;
            this.data = data;
        }

        void write(byte[] b, int off, int len) throws IOException {
            if (os != null) {
                os.write(b, off, len);
            }
            if (crc != null) {
                crc.update(b, off, len);
            }
            pos += len;
        }
    }

    // ------------------------------------------------------------------ global heap for vlen strings

    /** Heap object index of each scalar string attribute, per group. */
    private final Map<Hdf5.Tree, Map<String, Integer>> heapIndex = new java.util.IdentityHashMap<>();

    private void collectStrings(Hdf5.Tree t) {
        for (Map.Entry<String, Object> a : t.attrs.entrySet()) {
            if (a.getValue() instanceof String) {
                heapObjects.add(((String) a.getValue()).getBytes(StandardCharsets.UTF_8));
                heapIndex.computeIfAbsent(t, k -> new java.util.HashMap<>()).put(a.getKey(), heapObjects.size());
            }
        }
        for (Object c : t.children.values()) {
            if (c instanceof Hdf5.Tree) {
                collectStrings((Hdf5.Tree) c);
            }
        }
    }

    private void writeHeap() throws IOException {
        if (heapObjects.isEmpty()) {
            return;
        }
        long used = 16;
        for (byte[] o : heapObjects) {
            used += 16 + align8(o.length);
        }
        long size = Math.max(4096, used + 16);
        ByteBuffer b = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GCOL".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put(new byte[3]).putLong(size);
        int index = 1;
        for (byte[] o : heapObjects) {
            b.putShort((short) index++).putShort((short) 1).putInt(0).putLong(o.length);
            b.put(o).put(new byte[(int) (align8(o.length) - o.length)]);
        }
        long free = size - used;
        if (free >= 16) {
            b.putShort((short) 0).putShort((short) 0).putInt(0).putLong(free);
        }
        heapAddress = out.pos;
        out.write(b.array(), 0, b.capacity());
    }

    private static long align8(long n) {
        return (n + 7) & ~7L;
    }

    // ------------------------------------------------------------------ objects

    private long writeGroup(Hdf5.Tree t) throws IOException {
        List<String> names = new ArrayList<>();
        List<Long> addresses = new ArrayList<>();
        for (Map.Entry<String, Object> c : t.children.entrySet()) {
            names.add(c.getKey());
            Object v = c.getValue();
            addresses.add(v instanceof Hdf5.Tree ? writeGroup((Hdf5.Tree) v) : writeDataset((Data) v));
        }
        Messages m = new Messages();
        ByteBuffer linkInfo = buf(18).put((byte) 0).put((byte) 0).putLong(UNDEF).putLong(UNDEF);
        m.add(0x02, linkInfo.array(), 0);
        m.add(0x0A, new byte[] {0, 0}, 0);
        for (int i = 0; i < names.size(); i++) {
            byte[] name = names.get(i).getBytes(StandardCharsets.UTF_8);
            boolean wide = name.length > 255;
            ByteBuffer link = buf(2 + (wide ? 2 : 1) + name.length + 8 + 1);
            link.put((byte) 1).put((byte) ((wide ? 1 : 0) | 0x10));
            link.put((byte) 1); // charset UTF-8
            if (wide) {
                link.putShort((short) name.length);
            } else {
                link.put((byte) name.length);
            }
            link.put(name).putLong(addresses.get(i));
            m.add(0x06, link.array(), 0);
        }
        addAttributes(m, t);
        return writeHeader(m);
    }

    private long writeDataset(Data d) throws IOException {
        long n = d.count();
        long dataAddress = n == 0 ? UNDEF : out.pos;
        if (!out.data) {
            out.pos += n * 4; // layout pass: only the length matters
        } else if (d.ints != null) {
            ByteBuffer b = buf(d.ints.length * 4);
            for (int v : d.ints) {
                b.putInt(v);
            }
            out.write(b.array(), 0, b.capacity());
        } else {
            writeFloats(d.floats.buffer(), d.floats.offset(), n);
        }
        Messages m = new Messages();
        m.add(0x01, dataspace(d.shape), 0);
        m.add(0x03, d.ints != null ? int32Type() : float32Type(), 1);
        m.add(0x05, new byte[] {3, 0x0A}, 1);
        ByteBuffer layout = buf(18).put((byte) 3).put((byte) 1).putLong(dataAddress).putLong(n * 4);
        m.add(0x08, layout.array(), 0);
        return writeHeader(m);
    }

    /** Little-endian float32 bytes of {@code data[from, from + n)}, converted a chunk at a time. */
    private void writeFloats(float[] data, int from, long n) throws IOException {
        if (chunk == null) {
            chunk = buf(CHUNK);
        }
        java.nio.FloatBuffer floats = chunk.asFloatBuffer();
        for (long done = 0; done < n; ) {
            int k = (int) Math.min(CHUNK / 4, n - done);
            floats.clear();
            floats.put(data, (int) (from + done), k);
            out.write(chunk.array(), 0, k * 4);
            done += k;
        }
    }

    private ByteBuffer chunk;

    private void addAttributes(Messages m, Hdf5.Tree t) {
        for (Map.Entry<String, Object> a : t.attrs.entrySet()) {
            Object v = a.getValue();
            byte[] type;
            byte[] space;
            byte[] value;
            if (v instanceof String) {
                type = vlenStringType();
                space = dataspace(new int[0]);
                byte[] s = ((String) v).getBytes(StandardCharsets.UTF_8);
                value = buf(16).putInt(s.length).putLong(heapAddress).putInt(heapIndex.get(t).get(a.getKey())).array();
            } else if (v instanceof String[] && ((String[]) v).length > 0) {
                String[] arr = (String[]) v;
                byte[][] enc = new byte[arr.length][];
                int width = 1;
                for (int i = 0; i < arr.length; i++) {
                    enc[i] = arr[i].getBytes(StandardCharsets.UTF_8);
                    width = Math.max(width, enc[i].length);
                }
                type = fixedStringType(width);
                space = dataspace(new int[] {arr.length});
                ByteBuffer b = buf(width * arr.length);
                for (byte[] e : enc) {
                    b.put(e).put(new byte[width - e.length]);
                }
                value = b.array();
            } else if (v instanceof String[]) {
                type = float64Type(); // h5py's np.array([]) for an empty name list
                space = dataspace(new int[] {0});
                value = new byte[0];
            } else {
                throw new IllegalArgumentException("Unsupported HDF5 attribute value " + v + " for '" + a.getKey() + "'.");
            }
            byte[] name = (a.getKey() + "\0").getBytes(StandardCharsets.UTF_8);
            ByteBuffer msg = buf(9 + name.length + type.length + space.length + value.length);
            msg.put((byte) 3).put((byte) 0).putShort((short) name.length).putShort((short) type.length)
                    .putShort((short) space.length).put((byte) 1).put(name).put(type).put(space).put(value);
            if (msg.capacity() > 65535) {
                throw new IllegalArgumentException("HDF5 attribute '" + a.getKey() + "' is " + msg.capacity()
                        + " bytes; attributes are limited to 64 KiB (split long name lists into name0, name1, ...).");
            }
            m.add(0x0C, msg.array(), 0);
        }
    }

    /** Object header v2: "OHDR", version 2, flags (4-byte chunk size), messages, checksum. */
    private long writeHeader(Messages m) throws IOException {
        byte[] body = m.bytes.toByteArray();
        ByteBuffer h = buf(4 + 1 + 1 + 4 + body.length + 4);
        h.put("OHDR".getBytes(StandardCharsets.US_ASCII)).put((byte) 2).put((byte) 2).putInt(body.length).put(body);
        h.putInt(lookup3(h.array(), 0, h.capacity() - 4));
        long address = out.pos;
        out.write(h.array(), 0, h.capacity());
        return address;
    }

    private static final class Messages {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        void add(int type, byte[] data, int flags) {
            ByteBuffer h = buf(4).put((byte) type).putShort((short) data.length).put((byte) flags);
            bytes.write(h.array(), 0, 4);
            bytes.write(data, 0, data.length);
        }
    }

    // ------------------------------------------------------------------ datatypes and dataspaces

    private static byte[] dataspace(int[] shape) {
        ByteBuffer b = buf(4 + 8 * shape.length);
        b.put((byte) 2).put((byte) shape.length).put((byte) 0).put((byte) (shape.length == 0 ? 0 : 1));
        for (int s : shape) {
            b.putLong(s);
        }
        return b.array();
    }

    private static byte[] float32Type() {
        return buf(20).put((byte) 0x11).put((byte) 0x20).put((byte) 31).put((byte) 0).putInt(4)
                .putShort((short) 0).putShort((short) 32).put((byte) 23).put((byte) 8).put((byte) 0).put((byte) 23).putInt(127)
                .array();
    }

    private static byte[] float64Type() {
        return buf(20).put((byte) 0x11).put((byte) 0x20).put((byte) 63).put((byte) 0).putInt(8)
                .putShort((short) 0).putShort((short) 64).put((byte) 52).put((byte) 11).put((byte) 0).put((byte) 52).putInt(1023)
                .array();
    }

    private static byte[] int32Type() {
        return buf(12).put((byte) 0x10).put((byte) 0x08).put((byte) 0).put((byte) 0).putInt(4)
                .putShort((short) 0).putShort((short) 32).array();
    }

    /** Fixed-length string, null-padded, UTF-8. */
    private static byte[] fixedStringType(int width) {
        return buf(8).put((byte) 0x13).put((byte) 0x11).put((byte) 0).put((byte) 0).putInt(width).array();
    }

    /** Variable-length string (UTF-8, null-terminated) over unsigned bytes, as h5py writes str. */
    private static byte[] vlenStringType() {
        ByteBuffer b = buf(8 + 12);
        b.put((byte) 0x19).put((byte) 0x01).put((byte) 0x01).put((byte) 0).putInt(16);
        b.put((byte) 0x10).put((byte) 0).put((byte) 0).put((byte) 0).putInt(1).putShort((short) 0).putShort((short) 8);
        return b.array();
    }

    private static ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    // ------------------------------------------------------------------ Jenkins lookup3 (HDF5's metadata checksum)

    @SuppressWarnings("fallthrough")
    static int lookup3(byte[] k, int off, int length) {
        int a, b, c;
        a = b = c = 0xdeadbeef + length;
        int i = off;
        while (length > 12) {
            a += le(k, i);
            b += le(k, i + 4);
            c += le(k, i + 8);
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            length -= 12;
            i += 12;
        }
        switch (length) {
            case 12: c += (k[i + 11] & 0xff) << 24; // fall through
            case 11: c += (k[i + 10] & 0xff) << 16; // fall through
            case 10: c += (k[i + 9] & 0xff) << 8; // fall through
            case 9: c += k[i + 8] & 0xff; // fall through
            case 8: b += (k[i + 7] & 0xff) << 24; // fall through
            case 7: b += (k[i + 6] & 0xff) << 16; // fall through
            case 6: b += (k[i + 5] & 0xff) << 8; // fall through
            case 5: b += k[i + 4] & 0xff; // fall through
            case 4: a += (k[i + 3] & 0xff) << 24; // fall through
            case 3: a += (k[i + 2] & 0xff) << 16; // fall through
            case 2: a += (k[i + 1] & 0xff) << 8; // fall through
            case 1: a += k[i] & 0xff;
                break;
            default:
                return c;
        }
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }

    private static int le(byte[] k, int i) {
        return (k[i] & 0xff) | (k[i + 1] & 0xff) << 8 | (k[i + 2] & 0xff) << 16 | (k[i + 3] & 0xff) << 24;
    }
}
