package org.jkeras.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.jkeras.tensor.Tensor;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST ({@code train-images-idx3-ubyte.gz}, ...), into
 * float32 tensors. Gzip compression is detected from the first bytes, not the file name, so both the
 * {@code .gz} downloads and unpacked copies work.
 *
 * <p>An IDX file is a big-endian header (two zero bytes, a type code, the rank, then one int32 per
 * dimension) followed by the raw values. Images ({@code idx3}) come back as {@code [n, rows, cols]} with
 * the raw 0..255 pixel values (what Keras returns as uint8 — divide by 255 yourself, as Keras tutorials
 * do); labels ({@code idx1}) as {@code [n]}.
 *
 * <pre>{@code
 * Tensor x = Idx.read(Path.of("train-images-idx3-ubyte.gz"));   // [60000, 28, 28], 0..255
 * Tensor y = Idx.read(Path.of("train-labels-idx1-ubyte.gz"));   // [60000], 0..9
 * Tensor xs = x.scale(1f / 255);
 * }</pre>
 */
public final class Idx {
    private static final int CHUNK = 1 << 16;

    private Idx() {
    }

    /** Reads an IDX file (gzip-compressed or not). */
    public static Tensor read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads an IDX array from a stream (gzip-compressed or not; the stream is not closed).
     * {@code sourceName} names the stream in error messages.
     */
    public static Tensor read(InputStream in, String sourceName) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, CHUNK);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream body = buffered;
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                body = new BufferedInputStream(new GZIPInputStream(buffered, CHUNK), CHUNK);
            } catch (ZipException | java.io.EOFException e) {
                throw new IOException(sourceName + " starts like a gzip file but its gzip header is corrupt or "
                        + "truncated (" + e.getMessage() + "). Download the file again.", e);
            }
        }
        try {
            return readRaw(body, sourceName);
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException(sourceName + " is a corrupt or truncated gzip file (" + e.getMessage()
                    + "). Download the file again.", e);
        }
    }

    private static Tensor readRaw(InputStream in, String source) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4 || magic[0] != 0 || magic[1] != 0 || typeSize(magic[2]) < 0 || magic[3] == 0) {
            String hint = magic.length >= 1 && magic[0] == '<'
                    ? " It looks like text or HTML (an error page saved instead of the data?)."
                    : "";
            throw new IOException(source + " is not an IDX file: it starts with bytes " + LeadingBytes.hex(magic)
                    + ", expected 00 00, a type code (08 ubyte, 09 byte, 0b short, 0c int, 0d float, 0e double) "
                    + "and the rank, e.g. 00 00 08 03 for images or 00 00 08 01 for labels." + hint);
        }
        int type = magic[2] & 0xFF;
        int rank = magic[3] & 0xFF;
        byte[] dimBytes = in.readNBytes(4 * rank);
        if (dimBytes.length < 4 * rank) {
            throw new IOException(source + " is truncated: it ends inside the IDX header (needed " + rank
                    + " dimension sizes, " + 4 * rank + " bytes, found " + dimBytes.length + ").");
        }
        ByteBuffer dims = ByteBuffer.wrap(dimBytes).order(ByteOrder.BIG_ENDIAN);
        int[] shape = new int[rank];
        long n = 1;
        for (int i = 0; i < rank; i++) {
            shape[i] = dims.getInt();
            if (shape[i] < 0) {
                throw new IOException(source + " has a negative dimension " + shape[i] + " in its IDX header; "
                        + "the file is corrupt.");
            }
            n *= shape[i];
            if (n > Integer.MAX_VALUE - 8) {
                throw new IOException(source + " declares shape " + Arrays.toString(Arrays.copyOf(shape, i + 1))
                        + "..., more elements than one Java array can hold.");
            }
        }
        int size = typeSize((byte) type);
        float[] out = new float[(int) n];
        byte[] buf = new byte[CHUNK];
        ByteBuffer bb = ByteBuffer.wrap(buf).order(ByteOrder.BIG_ENDIAN);
        int per = CHUNK / size;
        for (int done = 0; done < n; ) {
            int count = (int) Math.min(per, n - done);
            int got = in.readNBytes(buf, 0, count * size);
            if (got < count * size) {
                throw new IOException(source + " is truncated: its IDX header promises shape " + Arrays.toString(shape)
                        + " = " + n * size + " data bytes, but only " + ((long) done * size + got)
                        + " were found. Download the file again.");
            }
            for (int i = 0; i < count; i++) {
                out[done + i] = switch (type) {
                    case 0x08 -> buf[i] & 0xFF;
                    case 0x09 -> buf[i];
                    case 0x0B -> bb.getShort(i * 2);
                    case 0x0C -> bb.getInt(i * 4);
                    case 0x0D -> bb.getFloat(i * 4);
                    default -> (float) bb.getDouble(i * 8);
                };
            }
            done += count;
        }
        return Tensor.of(out, shape);
    }

    /** Bytes per value for an IDX type code, or -1 if the code is not one. */
    private static int typeSize(byte code) {
        return switch (code & 0xFF) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> -1;
        };
    }
}
