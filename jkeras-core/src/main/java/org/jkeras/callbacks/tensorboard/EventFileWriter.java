package org.jkeras.callbacks.tensorboard;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import org.jkeras.callbacks.tensorboard.proto.Event;
import org.jkeras.callbacks.tensorboard.proto.Summary;

/**
 * One TensorBoard event file, as TensorFlow 2's {@code tf.summary.create_file_writer(dir)} makes it:
 * {@code <dir>/events.out.tfevents.<seconds>.<host>.<pid>.<n>.v2}, starting with a {@code brain.Event:2} version
 * event, then one {@code Event} per summary value, each framed by {@link RecordWriter}. Writes are buffered;
 * {@link #flush} makes them visible (the TensorBoard callback flushes at each epoch end).
 *
 * <pre>{@code
 * try (EventFileWriter w = EventFileWriter.create(Paths.get("logs/train"))) {
 *     w.write(Summaries.scalar("epoch_loss", 0.42f), 0);
 * }
 * }</pre>
 */
public final class EventFileWriter implements Closeable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final Path file;
    private final OutputStream out;
    private final RecordWriter records;

    private EventFileWriter(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
        this.records = new RecordWriter(out);
    }

    /**
     * Creates {@code dir} if needed and a new event file in it.
     *
     * @throws IOException naming the folder when it cannot be created or written
     */
    public static EventFileWriter create(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("TensorBoard log folder " + dir.toAbsolutePath() + " cannot be created (" + e
                    + "); give a log_dir you can write to.", e);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new IOException("TensorBoard log folder " + dir.toAbsolutePath() + " is not a writable folder; give a "
                    + "log_dir you can write to.");
        }
        double now = System.currentTimeMillis() / 1000.0;
        String name = "events.out.tfevents." + (long) now + "." + host() + "." + ProcessHandle.current().pid() + "."
                + COUNTER.getAndIncrement() + ".v2";
        Path file = dir.resolve(name);
        OutputStream out;
        try {
            out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW));
        } catch (IOException e) {
            throw new IOException("TensorBoard cannot write its event file " + file.toAbsolutePath() + " (" + e
                    + "); give a log_dir you can write to.", e);
        }
        EventFileWriter w = new EventFileWriter(file, out);
        w.writeEvent(Event.newBuilder().setWallTime(now).setFileVersion("brain.Event:2").build());
        w.flush();
        return w;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The event file. */
    public Path file() {
        return file;
    }

    /** Writes one summary value at {@code step}. */
    public void write(Summary.Value value, long step) throws IOException {
        writeEvent(Event.newBuilder().setWallTime(System.currentTimeMillis() / 1000.0).setStep(step)
                .setSummary(Summary.newBuilder().addValue(value)).build());
    }

    private void writeEvent(Event e) throws IOException {
        records.write(e.toByteArray());
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
