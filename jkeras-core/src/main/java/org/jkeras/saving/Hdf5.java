package org.jkeras.saving;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jkeras.tensor.Tensor;

/**
 * The small HDF5 vocabulary Keras files use: reading on top of the pure-Java jHDF library (string attributes in
 * every encoding Keras wrote: scalar variable-length, fixed-length byte arrays, chunked {@code name0, name1, ...};
 * numeric datasets as {@link Tensor}), and writing through an in-memory {@link Tree} and {@link Hdf5Writer}.
 *
 * <pre>{@code
 * try (HdfFile h5 = new HdfFile(path)) {
 *     List<String> names = Hdf5.stringList(h5.getGroup("model_weights"), "layer_names");
 *     Tensor kernel = Hdf5.tensor((Dataset) h5.getByPath("model_weights/dense/dense/kernel:0"));
 * }
 * }</pre>
 */
public final class Hdf5 {
    /** The first 8 bytes of every HDF5 file. */
    static final byte[] MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    static {
        // jHDF logs through SLF4J; without a logging backend SLF4J prints a three-line warning on first use.
        // Silence only that warning, and only when the application has not chosen a verbosity itself.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    private Hdf5() {}

    /** A scalar string attribute (any encoding), or null when absent. */
    public static String string(Node node, String name) {
        Attribute a = node.getAttribute(name);
        if (a == null) {
            return null;
        }
        List<String> l = flatten(a.getData());
        return l.isEmpty() ? "" : l.get(0);
    }

    /**
     * A string-array attribute as Keras's {@code load_attributes_from_hdf5_group} reads it: the attribute itself,
     * or the chunks {@code name0, name1, ...} concatenated; an absent attribute is an empty list.
     */
    public static List<String> stringList(Node node, String name) {
        Attribute a = node.getAttribute(name);
        if (a != null) {
            return flatten(a.getData());
        }
        List<String> out = new ArrayList<>();
        for (int chunk = 0; node.getAttribute(name + chunk) != null; chunk++) {
            out.addAll(flatten(node.getAttribute(name + chunk).getData()));
        }
        return out;
    }

    private static List<String> flatten(Object data) {
        List<String> out = new ArrayList<>();
        if (data == null) {
            return out;
        }
        if (data instanceof String) {
            out.add(strip((String) data));
        } else if (data instanceof byte[]) {
            out.add(strip(new String((byte[]) data, StandardCharsets.UTF_8)));
        } else if (data.getClass().isArray() && !data.getClass().getComponentType().isPrimitive()) {
            for (int i = 0; i < Array.getLength(data); i++) {
                out.addAll(flatten(Array.get(data, i)));
            }
        } else if (!data.getClass().isArray()) {
            out.add(strip(String.valueOf(data)));
        }
        // a primitive array here is h5py's empty float64 array for an empty name list
        return out;
    }

    private static String strip(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\0') {
            end--;
        }
        return s.substring(0, end);
    }

    /** A numeric dataset of any rank and type as a float32 tensor (scalars have shape {@code []}). */
    public static Tensor tensor(Dataset ds) {
        int[] shape = ds.getDimensions();
        if (isContiguousFloat32(ds)) {
            float[] out = new float[elements(ds)];
            readContiguousFloat32(ds, out, 0);
            return Tensor.of(out, shape);
        }
        Object data = ds.getData();
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] out = new float[n];
        int[] pos = {0};
        fill(data, out, pos, ds.getPath());
        return Tensor.of(out, shape);
    }

    private static final int READ_CHUNK = 16 << 20;

    /**
     * Reads a numeric dataset straight into a variable of the same size (its shape already checked), without an
     * intermediate tensor when the dataset is contiguous float32.
     */
    static void readInto(Dataset ds, org.jkeras.autodiff.Variable v) {
        if (isContiguousFloat32(ds) && elements(ds) == v.value().size()) {
            readContiguousFloat32(ds, v.value().buffer(), v.value().offset());
        } else {
            v.assign(tensor(ds));
        }
    }

    /** A contiguous little-endian float32 array dataset: what Keras and jkeras write for weights. */
    private static boolean isContiguousFloat32(Dataset ds) {
        if (!(ds instanceof io.jhdf.api.dataset.ContiguousDataset) || ds.isEmpty() || ds.isScalar()
                || !(ds.getDataType() instanceof io.jhdf.object.datatype.FloatingPoint)) {
            return false;
        }
        io.jhdf.object.datatype.FloatingPoint type = (io.jhdf.object.datatype.FloatingPoint) ds.getDataType();
        return type.getSize() == 4 && type.getByteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
    }

    private static int elements(Dataset ds) {
        long n = ds.getSize();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("HDF5 dataset '" + ds.getPath() + "' has " + n + " elements; a jkeras "
                    + "tensor holds at most " + (Integer.MAX_VALUE - 8) + ". Split the layer into smaller ones.");
        }
        return (int) n;
    }

    /**
     * Reads a contiguous float32 dataset into {@code out} from {@code offset}, a chunk at a time with 64-bit file
     * offsets, so datasets over 2 GiB load (jHDF maps a whole dataset as one buffer, limited to 2 GiB).
     */
    private static void readContiguousFloat32(Dataset ds, float[] out, int offset) {
        long n = elements(ds);
        long address = ((io.jhdf.api.dataset.ContiguousDataset) ds).getDataAddress();
        io.jhdf.storage.HdfBackingStorage storage = ds.getHdfFile().getHdfBackingStorage();
        if (!storage.inMemory()) {
            readFromChannel(storage.getFileChannel(), storage.getSuperblock().getBaseAddressByte() + address, out, offset, n,
                    ds.getPath());
            return;
        }
        for (long done = 0; done < n; ) {
            int k = (int) Math.min(READ_CHUNK / 4, n - done);
            java.nio.ByteBuffer b = storage.map(address + done * 4, k * 4L).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            if (b.remaining() < k * 4) {
                throw new io.jhdf.exceptions.HdfException("dataset '" + ds.getPath() + "' ends after " + (done * 4 + b.remaining())
                        + " of its " + n * 4 + " bytes");
            }
            b.asFloatBuffer().get(out, offset + (int) done, k);
            done += k;
        }
    }

    /** Reads {@code n} little-endian floats at byte {@code at} of {@code fc} through one reused buffer. */
    private static void readFromChannel(java.nio.channels.FileChannel fc, long at, float[] out, int offset, long n, String path) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) Math.min(READ_CHUNK, n * 4)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        try {
            for (long done = 0; done < n; ) {
                int k = (int) Math.min(b.capacity() / 4, n - done);
                b.clear().limit(k * 4);
                while (b.hasRemaining()) {
                    if (fc.read(b, at + done * 4 + b.position()) < 0) {
                        throw new io.jhdf.exceptions.HdfException("dataset '" + path + "' ends after "
                                + (done * 4 + b.position()) + " of its " + n * 4 + " bytes");
                    }
                }
                b.flip();
                b.asFloatBuffer().get(out, offset + (int) done, k);
                done += k;
            }
        } catch (java.io.IOException e) {
            throw new io.jhdf.exceptions.HdfException("Reading dataset '" + path + "' failed", e);
        }
    }

    /** A scalar numeric dataset as a double. */
    public static double scalar(Dataset ds) {
        Object data = ds.getData();
        if (data instanceof Number) {
            return ((Number) data).doubleValue();
        }
        if (data.getClass().isArray() && Array.getLength(data) == 1) {
            return ((Number) Array.get(data, 0)).doubleValue();
        }
        throw new IllegalArgumentException("HDF5 dataset '" + ds.getPath() + "' should be a scalar; it has shape "
                + Arrays.toString(ds.getDimensions()) + ".");
    }

    private static void fill(Object data, float[] out, int[] pos, String where) {
        if (data instanceof Number) {
            out[pos[0]++] = ((Number) data).floatValue();
        } else if (data instanceof float[]) {
            float[] a = (float[]) data;
            System.arraycopy(a, 0, out, pos[0], a.length);
            pos[0] += a.length;
        } else if (data instanceof double[]) {
            for (double v : (double[]) data) {
                out[pos[0]++] = (float) v;
            }
        } else if (data instanceof int[]) {
            for (int v : (int[]) data) {
                out[pos[0]++] = v;
            }
        } else if (data instanceof long[]) {
            for (long v : (long[]) data) {
                out[pos[0]++] = v;
            }
        } else if (data instanceof short[]) {
            for (short v : (short[]) data) {
                out[pos[0]++] = v;
            }
        } else if (data instanceof byte[]) {
            for (byte v : (byte[]) data) {
                out[pos[0]++] = v;
            }
        } else if (data instanceof Object[]) {
            for (Object o : (Object[]) data) {
                fill(o, out, pos, where);
            }
        } else {
            throw new IllegalArgumentException("HDF5 dataset '" + where + "' holds " + data.getClass().getSimpleName()
                    + " values; expected numbers (float32/float64/int). Weights must be numeric arrays.");
        }
    }

    /** The child group {@code name} of {@code g}, or null when it is absent or not a group. */
    static Group group(Group g, String name) {
        Node n = g.getChild(name);
        return n instanceof Group ? (Group) n : null;
    }

    /** The node at a '/'-separated path relative to {@code g}, or null. */
    static Node at(Group g, String path) {
        Node n = g;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!(n instanceof Group)) {
                return null;
            }
            n = ((Group) n).getChild(part);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ writing

    /**
     * An HDF5 group being assembled in memory (attributes: a String is a scalar variable-length string, a String[]
     * a fixed-length string array; children: Trees and {@link Hdf5Writer.Data} datasets), written in one go by
     * {@link #write} through {@link Hdf5Writer} and read back with jHDF as a check. Tensors are referenced, not
     * copied: the tree costs no memory beyond the model's own weights.
     */
    static final class Tree {
        final java.util.Map<String, Object> attrs = new java.util.LinkedHashMap<>();
        final java.util.Map<String, Object> children = new java.util.LinkedHashMap<>();

        /** The child group {@code name}, created if absent. */
        Tree group(String name) {
            Object c = children.get(name);
            if (c instanceof Tree) {
                return (Tree) c;
            }
            if (c != null) {
                throw new IllegalStateException("HDF5 name clash: '" + name + "' is already a dataset.");
            }
            Tree t = new Tree();
            children.put(name, t);
            return t;
        }

        void attr(String name, Object value) {
            attrs.put(name, value);
        }

        /** A string-array attribute (fixed-length strings; an empty list is written as h5py writes it, float64 of shape (0,)). */
        void strings(String name, List<String> values) {
            attrs.put(name, values.toArray(new String[0]));
        }

        void dataset(String name, Object data) {
            if (children.containsKey(name)) {
                throw new IllegalStateException("HDF5 name clash: '" + name + "' already exists.");
            }
            children.put(name, data);
        }

        boolean hasData() {
            for (Object c : children.values()) {
                if (!(c instanceof Tree) || ((Tree) c).hasData()) {
                    return true;
                }
            }
            return false;
        }

        /** Checks a written file against this tree: every group, dataset and attribute must read back. */
        void verify(Group g, String where) {
            for (String a : attrs.keySet()) {
                if (g.getAttribute(a) == null) {
                    throw new IllegalStateException("attribute " + where + "@" + a + " did not read back");
                }
            }
            for (java.util.Map.Entry<String, Object> c : children.entrySet()) {
                Node n = g.getChild(c.getKey());
                if (c.getValue() instanceof Tree) {
                    if (!(n instanceof Group)) {
                        throw new IllegalStateException("group " + where + c.getKey() + " did not read back");
                    }
                    ((Tree) c.getValue()).verify((Group) n, where + c.getKey() + "/");
                } else if (!(n instanceof Dataset)) {
                    throw new IllegalStateException("dataset " + where + c.getKey() + " did not read back");
                }
            }
        }

        /** Streams the tree into a new HDF5 file at {@code path}, then reads its structure back to check it. */
        void write(Path path) throws java.io.IOException {
            Hdf5Writer w = new Hdf5Writer(this);
            try (java.io.OutputStream os = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(path), 1 << 16)) {
                w.writeTo(os);
            }
            try (HdfFile back = new HdfFile(path)) {
                verify(back, "/");
            } catch (RuntimeException e) {
                throw new java.io.IOException("The HDF5 writer produced a file that does not read back (" + e.getMessage()
                        + "); nothing was saved. Please report this with the model's summary().", e);
            }
        }

        /** A float32 dataset with the tensor's shape (rank 0 gives a scalar). */
        void tensor(String name, Tensor t) {
            dataset(name, new Hdf5Writer.Data(t.shape(), t, null));
        }

        /** An int32 scalar dataset. */
        void int32(String name, int value) {
            dataset(name, new Hdf5Writer.Data(new int[0], null, new int[] {value}));
        }
    }

}
