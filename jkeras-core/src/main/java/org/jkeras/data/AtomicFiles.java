package org.jkeras.data;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file so that readers see either the old file or the complete new one, never a partial one: the content
 * goes to a temporary file in the target's directory, which is synced and then renamed over the target. A failure
 * (or an exception from the writer) leaves the target untouched and removes the temporary file.
 *
 * <p>The temporary file is named {@code .NAME.PID-RANDOM.tmp} (hidden, beside the target, tagged with the writing
 * process's id). A process killed mid-write (kill -9, power loss) cannot remove it, so each save to a target first
 * removes the temporary files of that same target left by processes that no longer run. Files of live saves are
 * never touched: those of this JVM are known to it, and another process's are recognised by its id still running
 * (a reused id only delays the clean-up to a later save). Nothing but that exact name pattern is ever removed.
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

    private static final long PID = ProcessHandle.current().pid();
    /** Temporary files this JVM is writing now (absolute paths). */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    private AtomicFiles() {}

    /** Writes {@code target} through {@code writer}, atomically as described above. */
    public static void replace(Path target, TempWriter writer) throws IOException {
        Path abs = target.toAbsolutePath();
        removeStaleTemporaries(abs);
        Path tmp = createTemporary(abs);
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
            try {
                Files.deleteIfExists(tmp); // nothing left once moved
            } finally {
                LIVE.remove(tmp);
            }
        }
    }

    /** Creates {@code .NAME.PID-RANDOM.tmp}, registered as live before it exists so no clean-up can take it. */
    private static Path createTemporary(Path abs) throws IOException {
        while (true) {
            long random = java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
            Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + PID + "-" + random + ".tmp");
            if (!LIVE.add(tmp)) {
                continue;
            }
            try {
                Files.createFile(tmp);
                return tmp;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                LIVE.remove(tmp);
            } catch (IOException | RuntimeException e) {
                LIVE.remove(tmp);
                throw e;
            }
        }
    }

    /** The temporary files of {@code target} (as named by {@link #replace}) that no running save is writing. */
    static java.util.List<Path> staleTemporaries(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Pattern ours = Pattern.compile("\\." + Pattern.quote(abs.getFileName().toString()) + "\\.(\\d+)-\\d+\\.tmp");
        java.util.List<Path> out = new java.util.ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(abs.getParent(), "." + globQuote(abs.getFileName().toString()) + ".*.tmp")) {
            for (Path p : dir) {
                Matcher m = ours.matcher(p.getFileName().toString());
                if (m.matches() && !isLive(p, m.group(1)) && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static boolean isLive(Path temp, String pidText) {
        long pid;
        try {
            pid = Long.parseLong(pidText);
        } catch (NumberFormatException e) {
            return true; // not a pid we could have written: leave it alone
        }
        if (pid == PID) {
            return LIVE.contains(temp);
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void removeStaleTemporaries(Path target) throws IOException {
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            return;
        }
        for (Path p : staleTemporaries(target)) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // another save removed it first, or the directory forbids it: the save itself goes on
            }
        }
    }

    private static String globQuote(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("*?[]{}\\".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
