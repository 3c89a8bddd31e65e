package org.jkeras.saving;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Opens the HDF5 member of a zip ({@code model.weights.h5} in a {@code .keras} file) with jHDF. A stored member,
 * as Keras and jkeras write it, is read in place through a channel over its bytes, so weights of any size load
 * without being copied into memory or a temporary file; a deflated one is inflated into memory (up to 2 GiB).
 *
 * <pre>{@code
 * try (ZipIndex zip = ZipIndex.open(path);
 *         HdfFile h5 = ZippedHdf5.open(zip, zip.member("model.weights.h5"), path, path + "!model.weights.h5")) {
 *     WeightsH5.read(model, h5, path + "!model.weights.h5");
 * }
 * }</pre>
 */
final class ZippedHdf5 {
    private ZippedHdf5() {}

    static HdfFile open(ZipIndex zip, ZipIndex.Member m, Path archive, String where) throws IOException {
        SeekableByteChannel ch = zip.storedChannel(m);
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
            throw new ModelFileException(where + " is not an HDF5 file (it does not start with the HDF5 signature); the "
                    + ".keras archive is damaged. Re-save the model.");
        }
        try {
            if (ch != null) {
                return new HdfFile(ch, archive.toAbsolutePath().toUri());
            }
            if (m.size > Integer.MAX_VALUE - 8) {
                throw new ModelFileException(where + " is a compressed (deflated) member of " + m.size + " bytes; jkeras "
                        + "reads compressed weights up to 2 GiB. Re-save the model with Keras or jkeras (stored members).");
            }
            try (InputStream in = zip.stream(m)) {
                return HdfFile.fromBytes(in.readNBytes((int) m.size));
            }
        } catch (io.jhdf.exceptions.HdfException e) {
            throw e; // the caller words it (checksum mismatch, truncation)
        } catch (RuntimeException e) {
            throw new ModelFileException(where + " cannot be read as HDF5 (" + e.getMessage() + "); it is probably "
                    + "truncated or corrupt. Re-save the model.", e);
        }
    }
}
