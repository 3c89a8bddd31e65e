package org.jkeras.data;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.tensor.Tensor;

/**
 * The binary framing of a {@link Batch} between a worker process and its parent: for each of inputs, targets and
 * sample weights a structure tag (0 absent, 1 tensor, 2 list, 3 map) and its tensors; a tensor is its rank, its
 * dimensions and its elements as raw little-endian float32 bytes. No Java object serialization of boxed data.
 */
final class BatchCodec {
    private static final int CHUNK_FLOATS = 16 * 1024;

    private BatchCodec() {
    }

    static void write(DataOutputStream out, Batch b) throws IOException {
        byte[] scratch = new byte[CHUNK_FLOATS * 4];
        writeStructure(out, b.inputStructure(), scratch);
        writeStructure(out, b.targetStructure(), scratch);
        writeStructure(out, b.sampleWeightStructure(), scratch);
    }

    static Batch read(DataInputStream in) throws IOException {
        byte[] scratch = new byte[CHUNK_FLOATS * 4];
        Object x = readStructure(in, scratch);
        Object y = readStructure(in, scratch);
        Object w = readStructure(in, scratch);
        return Batch.of(x, y, w);
    }

    private static void writeStructure(DataOutputStream out, Object s, byte[] scratch) throws IOException {
        if (s == null) {
            out.writeByte(0);
        } else if (s instanceof Tensor) {
            out.writeByte(1);
            writeTensor(out, (Tensor) s, scratch);
        } else if (s instanceof List) {
            List<?> list = (List<?>) s;
            out.writeByte(2);
            out.writeInt(list.size());
            for (Object t : list) {
                writeTensor(out, (Tensor) t, scratch);
            }
        } else {
            Map<?, ?> map = (Map<?, ?>) s;
            out.writeByte(3);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.writeUTF((String) e.getKey());
                writeTensor(out, (Tensor) e.getValue(), scratch);
            }
        }
    }

    private static Object readStructure(DataInputStream in, byte[] scratch) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case 0:
                return null;
            case 1:
                return readTensor(in, scratch);
            case 2: {
                int n = in.readInt();
                List<Tensor> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(readTensor(in, scratch));
                }
                return list;
            }
            case 3: {
                int n = in.readInt();
                Map<String, Tensor> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    String name = in.readUTF();
                    map.put(name, readTensor(in, scratch));
                }
                return map;
            }
            default:
                throw new IOException("Corrupt batch frame from a worker process: structure tag " + tag);
        }
    }

    private static void writeTensor(DataOutputStream out, Tensor t, byte[] scratch) throws IOException {
        int[] shape = t.shape();
        out.writeInt(shape.length);
        for (int d : shape) {
            out.writeInt(d);
        }
        float[] data = t.buffer();
        int off = t.offset();
        int n = t.size();
        ByteBuffer bb = ByteBuffer.wrap(scratch).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < n; ) {
            int len = Math.min(CHUNK_FLOATS, n - done);
            bb.clear();
            bb.asFloatBuffer().put(data, off + done, len);
            out.write(scratch, 0, len * 4);
            done += len;
        }
    }

    private static Tensor readTensor(DataInputStream in, byte[] scratch) throws IOException {
        int rank = in.readInt();
        if (rank < 0 || rank > 32) {
            throw new IOException("Corrupt batch frame from a worker process: rank " + rank);
        }
        int[] shape = new int[rank];
        long n = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = in.readInt();
            n *= shape[i];
        }
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw new IOException("Corrupt batch frame from a worker process: " + n + " elements");
        }
        float[] data = new float[(int) n];
        ByteBuffer bb = ByteBuffer.wrap(scratch).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < n; ) {
            int len = (int) Math.min(CHUNK_FLOATS, n - done);
            in.readFully(scratch, 0, len * 4);
            bb.clear();
            bb.asFloatBuffer().get(data, done, len);
            done += len;
        }
        return Tensor.of(data, shape);
    }
}
