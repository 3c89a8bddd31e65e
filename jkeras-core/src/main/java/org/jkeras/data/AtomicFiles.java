package org.jkeras.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old file or the complete new one, never a partial one: the content
 * goes to a temporary file in the target's directory, which is synced and then renamed over the target. A failure
 * (or an exception from the writer) leaves the target untouched and removes the temporary file.
 *
 * <pre>{@code
 * AtomicFiles.replace(Paths.get("weights.npy"), tmp -> Files.write(tmp, bytes));
 * }</pre>
 */
public final class AtomicFiles {
    /** Fills the temporary file that will replace the target. */
    @FunctionalInterface
    public interface TempWriter {
        void write(Path temp) throws IOException;
    }

    private AtomicFiles() {}

    /** Writes {@code target} through {@code writer}, atomically as described above. */
    public static void replace(Path target, TempWriter writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
        try {
            writer.write(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true); // the data is on disk before the rename makes it visible
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp); // nothing left once moved
        }
    }
}
