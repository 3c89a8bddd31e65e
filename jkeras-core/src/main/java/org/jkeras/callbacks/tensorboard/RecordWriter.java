package org.jkeras.callbacks.tensorboard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * TensorFlow's TFRecord framing, the container of TensorBoard event files: each record is
 * {@code uint64 length, uint32 masked_crc32c(length), byte[length] data, uint32 masked_crc32c(data)}, little-endian,
 * with TensorFlow's CRC mask {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8}.
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(path)) {
 *     new RecordWriter(out).write(event.toByteArray());
 * }
 * }</pre>
 */
public final class RecordWriter {
    private static final int MASK_DELTA = 0xa282ead8;
    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer footer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);

    public RecordWriter(OutputStream out) {
        this.out = out;
    }

    /** TensorFlow's masked CRC-32C of {@code bytes[offset, offset + length)}. */
    public static int maskedCrc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    /** Writes one record holding {@code data}. */
    public void write(byte[] data) throws IOException {
        header.clear();
        header.putLong(data.length);
        header.putInt(maskedCrc32c(header.array(), 0, 8));
        out.write(header.array(), 0, 12);
        out.write(data);
        footer.clear();
        footer.putInt(maskedCrc32c(data, 0, data.length));
        out.write(footer.array(), 0, 4);
    }
}
