package org.jkeras.saving;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The HDF5 member of a zip ({@code model.weights.h5} in a {@code .keras} file) opened with jHDF. A stored member,
 * as Keras and jkeras write it, is read in place through a channel over its bytes, so weights of any size load
 * without being copied into memory or a temporary file, and that channel computes the member's CRC-32 from the
 * reads themselves: weights read front to back are read from disk once, and {@link #verify} reads only what the
 * HDF5 reads skipped. A deflated member is inflated into memory (up to 2 GiB).
 *
 * <pre>{@code
 * try (ZipIndex zip = ZipIndex.open(path);
 *         ZippedHdf5 h5 = ZippedHdf5.open(zip, zip.member("model.weights.h5"), path, path + "!model.weights.h5")) {
 *     WeightsH5.read(model, h5.file(), path + "!model.weights.h5", h5::verify, false); // CRC checked first
 * }
 * }</pre>
 */
final class ZippedHdf5 implements AutoCloseable {
    private final ZipIndex zip;
    private final ZipIndex.Member member;
    private final SeekableByteChannel checked;
    private final HdfFile file;

    private ZippedHdf5(ZipIndex zip, ZipIndex.Member member, SeekableByteChannel checked, HdfFile file) {
        this.zip = zip;
        this.member = member;
        this.checked = checked;
        this.file = file;
    }

    HdfFile file() {
        return file;
    }

    /** Checks the member's CRC-32 (a ModelFileException naming file and member when it does not match). */
    void verify() throws IOException {
        if (checked != null) {
            zip.verify(member, checked);
        } else {
            zip.verify(member);
        }
    }

    @Override
    public void close() {
        file.close();
    }

    static ZippedHdf5 open(ZipIndex zip, ZipIndex.Member m, Path archive, String where) throws IOException {
        SeekableByteChannel ch = zip.checkedChannel(m);
        byte[] head = new byte[8];
        if (ch != null) {
            ByteBuffer b = ByteBuffer.wrap(head);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // fill the signature
            }
            ch.position(0);
        } else {
            try (InputStream in = zip.stream(m)) {
                in.readNBytes(head, 0, 8);
            }
        }
        if (!Arrays.equals(head, Hdf5.MAGIC)) {
            zip.verify(m); // a damaged member is reported as such
            throw new ModelFileException(where + " is not an HDF5 file (it does not start with the HDF5 signature); the "
                    + ".keras archive is damaged. Re-save the model.");
        }
        try {
            if (ch != null) {
                return new ZippedHdf5(zip, m, ch, new HdfFile(ch, archive.toAbsolutePath().toUri()));
            }
            if (m.size > Integer.MAX_VALUE - 8) {
                throw new ModelFileException(where + " is a compressed (deflated) member of " + m.size + " bytes; jkeras "
                        + "reads compressed weights up to 2 GiB. Re-save the model with Keras or jkeras (stored members).");
            }
            try (InputStream in = zip.stream(m)) {
                return new ZippedHdf5(zip, m, null, HdfFile.fromBytes(in.readNBytes((int) m.size)));
            }
        } catch (io.jhdf.exceptions.HdfException e) {
            throw e; // the caller words it (checksum mismatch, truncation)
        } catch (RuntimeException e) {
            throw new ModelFileException(where + " cannot be read as HDF5 (" + e.getMessage() + "); it is probably "
                    + "truncated or corrupt. Re-save the model.", e);
        }
    }
}
