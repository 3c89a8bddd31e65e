package org.jkeras.callbacks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An event-file reader for the tests, written independently of the library: its own TFRecord framing, its own
 * bitwise CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) and mask, and its own protobuf wire-format decoding
 * by TensorFlow's field numbers (event.proto, summary.proto, tensor.proto) — no generated classes, no
 * java.util.zip.CRC32C.
 */
final class EventFileReader {
    /** One summary value of one event. */
    static final class Value {
        long step;
        double wallTime;
        String tag;
        String plugin;
        int dtype;
        List<Long> shape = new ArrayList<>();
        byte[] tensorContent = new byte[0];
        List<byte[]> stringVal = new ArrayList<>();

        float floatScalar() {
            if (dtype != 1 || tensorContent.length != 4 || !shape.isEmpty()) {
                throw new AssertionError(tag + ": not a float32 scalar (dtype " + dtype + ", shape " + shape + ")");
            }
            return ByteBuffer.wrap(tensorContent).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        }

        double[] doubles() {
            ByteBuffer b = ByteBuffer.wrap(tensorContent).order(ByteOrder.LITTLE_ENDIAN);
            double[] d = new double[tensorContent.length / 8];
            for (int i = 0; i < d.length; i++) {
                d[i] = b.getDouble();
            }
            return d;
        }
    }

    String fileVersion;
    final List<Value> values = new ArrayList<>();
    int records;

    private EventFileReader() {}

    static int crc32c(byte[] data, int off, int len) {
        int crc = ~0;
        for (int i = off; i < off + len; i++) {
            crc ^= data[i] & 0xff;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
            }
        }
        return ~crc;
    }

    static int masked(int crc) {
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    static EventFileReader read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        EventFileReader r = new EventFileReader();
        while (b.remaining() > 0) {
            if (b.remaining() < 12) {
                throw new AssertionError(file + ": truncated record header at byte " + b.position());
            }
            int start = b.position();
            long length = b.getLong();
            int lengthCrc = b.getInt();
            if (lengthCrc != masked(crc32c(all, start, 8))) {
                throw new AssertionError(file + ": bad length CRC at byte " + start);
            }
            if (b.remaining() < length + 4) {
                throw new AssertionError(file + ": truncated record data at byte " + b.position());
            }
            byte[] data = new byte[(int) length];
            b.get(data);
            int dataCrc = b.getInt();
            if (dataCrc != masked(crc32c(data, 0, data.length))) {
                throw new AssertionError(file + ": bad data CRC at byte " + start);
            }
            r.event(data);
            r.records++;
        }
        return r;
    }

    /** Minimal protobuf wire reader. */
    private static final class Wire {
        final ByteBuffer b;
        int field, type;

        Wire(byte[] bytes) {
            b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        boolean next() {
            if (!b.hasRemaining()) {
                return false;
            }
            long key = varint();
            field = (int) (key >>> 3);
            type = (int) (key & 7);
            return true;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b.get();
                v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
        }

        byte[] bytes() {
            byte[] out = new byte[(int) varint()];
            b.get(out);
            return out;
        }

        double fixed64Double() {
            return b.getDouble();
        }

        void skip() {
            switch (type) {
                case 0 -> varint();
                case 1 -> b.getLong();
                case 2 -> bytes();
                case 5 -> b.getInt();
                default -> throw new AssertionError("wire type " + type);
            }
        }
    }

    private void event(byte[] data) {
        Wire w = new Wire(data);
        double wall = 0;
        long step = 0;
        byte[] summary = null;
        while (w.next()) {
            if (w.field == 1 && w.type == 1) {
                wall = w.fixed64Double();
            } else if (w.field == 2 && w.type == 0) {
                step = w.varint();
            } else if (w.field == 3 && w.type == 2) {
                fileVersion = new String(w.bytes(), StandardCharsets.UTF_8);
            } else if (w.field == 5 && w.type == 2) {
                summary = w.bytes();
            } else {
                w.skip();
            }
        }
        if (summary != null) {
            Wire s = new Wire(summary);
            while (s.next()) {
                if (s.field == 1 && s.type == 2) {
                    Value v = value(s.bytes());
                    v.step = step;
                    v.wallTime = wall;
                    values.add(v);
                } else {
                    s.skip();
                }
            }
        }
    }

    private static Value value(byte[] bytes) {
        Value v = new Value();
        Wire w = new Wire(bytes);
        while (w.next()) {
            if (w.field == 1 && w.type == 2) {
                v.tag = new String(w.bytes(), StandardCharsets.UTF_8);
            } else if (w.field == 9 && w.type == 2) {
                Wire m = new Wire(w.bytes());
                while (m.next()) {
                    if (m.field == 1 && m.type == 2) {
                        Wire p = new Wire(m.bytes());
                        while (p.next()) {
                            if (p.field == 1 && p.type == 2) {
                                v.plugin = new String(p.bytes(), StandardCharsets.UTF_8);
                            } else {
                                p.skip();
                            }
                        }
                    } else {
                        m.skip();
                    }
                }
            } else if (w.field == 8 && w.type == 2) {
                Wire t = new Wire(w.bytes());
                while (t.next()) {
                    if (t.field == 1 && t.type == 0) {
                        v.dtype = (int) t.varint();
                    } else if (t.field == 2 && t.type == 2) {
                        Wire sh = new Wire(t.bytes());
                        while (sh.next()) {
                            if (sh.field == 2 && sh.type == 2) {
                                Wire d = new Wire(sh.bytes());
                                while (d.next()) {
                                    if (d.field == 1 && d.type == 0) {
                                        v.shape.add(d.varint());
                                    } else {
                                        d.skip();
                                    }
                                }
                            } else {
                                sh.skip();
                            }
                        }
                    } else if (t.field == 4 && t.type == 2) {
                        v.tensorContent = t.bytes();
                    } else if (t.field == 8 && t.type == 2) {
                        v.stringVal.add(t.bytes());
                    } else {
                        t.skip();
                    }
                }
            } else {
                w.skip();
            }
        }
        return v;
    }
}
