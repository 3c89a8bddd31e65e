package org.jkeras.data;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How the data workers behind {@code fit}, {@code evaluate} and {@code predict} guard against a batch that never
 * comes: the per-batch timeout and the JVM options of worker processes. Both are jkeras extensions (Keras has
 * neither); the defaults keep Keras's behaviour. Immutable: each setter returns a changed copy.
 * {@code FitOptions} and {@code EvaluateOptions} carry one ({@code batchTimeout(...)},
 * {@code workerJvmOptions(...)}).
 *
 * <pre>{@code
 * WorkerOptions w = WorkerOptions.defaults()
 *         .batchTimeout(Duration.ofMinutes(2))      // a get() stuck for 2 minutes ends fit with an error
 *         .workerJvmOptions("-Xmx2g");              // each worker process may use 2 GiB of heap
 * try (BatchStream s = BatchStreams.forSequence(seq, 4, 10, true, 42L, true, w)) { ... }
 * }</pre>
 *
 * <p><b>Batch timeout</b> (default: none, as in Keras). When set, a {@code Sequence.get} (or a generator's
 * {@code next}) running on a worker thread or in a worker process for longer than the timeout ends the stream with a
 * {@link DataException} naming the batch index and the timeout, whose cause is a
 * {@link java.util.concurrent.TimeoutException}; closing the stream then interrupts the worker threads and kills the
 * worker processes. It does not apply with {@code workers = 0}: the batch is then loaded on the caller's own thread,
 * which nothing can interrupt. A worker thread whose {@code get} ignores interrupts cannot be stopped by Java and
 * stays (a daemon) until that call returns; worker processes are always killed.
 *
 * <p><b>Worker JVM options</b> (default: none). Options for each child JVM started with
 * {@code useMultiprocessing = true}, one option per string, added after those of the system property
 * {@code jkeras.data.workerJvmArgs}. Unless one of them sets the heap ({@code -Xmx}, {@code -XX:MaxHeapSize},
 * {@code -XX:MaxRAMPercentage}, ...) each worker gets {@code -Xmx} of a quarter of this JVM's max heap, at least
 * 256 MiB and at most 4 GiB, and never less than three times the serialized Sequence plus 64 MiB. An out-of-memory
 * error in a worker is reported at once, naming the worker, the batch and its heap. A worker's standard output
 * carries its batches, so the JVM's own output goes to stderr; give {@code -Xlog} an output ({@code -Xlog:gc:stderr}
 * or a file). A collector option ({@code -XX:+UseG1GC}, ...) replaces jkeras's default {@code -XX:+UseSerialGC}.
 */
public final class WorkerOptions {
    private static final WorkerOptions DEFAULTS = new WorkerOptions(null, Collections.emptyList());

    private final Duration batchTimeout;
    private final List<String> workerJvmOptions;

    private WorkerOptions(Duration batchTimeout, List<String> workerJvmOptions) {
        this.batchTimeout = batchTimeout;
        this.workerJvmOptions = workerJvmOptions;
    }

    /** No batch timeout, no extra worker JVM options. */
    public static WorkerOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The longest one batch may take to load on a worker thread or process before the stream fails (a jkeras
     * extension; Keras waits forever). Must be positive; {@code null} turns the timeout off.
     */
    public WorkerOptions batchTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("batchTimeout must be a positive duration, or null for no timeout; "
                    + "received " + timeout + ". Use e.g. batchTimeout(Duration.ofSeconds(60)).");
        }
        return new WorkerOptions(timeout, workerJvmOptions);
    }

    /**
     * JVM options for each worker process ({@code useMultiprocessing = true}), one option per string, e.g.
     * {@code workerJvmOptions("-Xmx2g", "-XX:+UseParallelGC")}; replaces any given before. The class path and main
     * class are set by jkeras and cannot be given here.
     */
    public WorkerOptions workerJvmOptions(String... options) {
        List<String> list = new ArrayList<>();
        for (String o : options) {
            list.add(checkOption(o));
        }
        return new WorkerOptions(batchTimeout, Collections.unmodifiableList(list));
    }

    /** The batch timeout, or null for none. */
    public Duration batchTimeout() {
        return batchTimeout;
    }

    /** The worker JVM options given (without the derived heap). */
    public List<String> workerJvmOptions() {
        return workerJvmOptions;
    }

    /** The batch timeout in nanoseconds, 0 for none (saturated: a timeout of centuries is simply very long). */
    long batchTimeoutNanos() {
        if (batchTimeout == null) {
            return 0;
        }
        try {
            return Math.min(batchTimeout.toNanos(), Long.MAX_VALUE / 4);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 4;
        }
    }

    private static String checkOption(String o) {
        if (o == null || o.isBlank()) {
            throw new IllegalArgumentException("workerJvmOptions contains " + (o == null ? "null" : "a blank option")
                    + "; pass JVM options such as \"-Xmx2g\", one per string.");
        }
        String t = o.trim();
        if (!t.startsWith("-")) {
            throw new IllegalArgumentException("workerJvmOptions: '" + o + "' is not a JVM option (they start with "
                    + "'-'); pass e.g. \"-Xmx2g\" or \"-Dname=value\", one per string.");
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("-cp") || lower.equals("-classpath") || lower.startsWith("--class-path")
                || lower.equals("-jar")) {
            throw new IllegalArgumentException("workerJvmOptions: '" + o + "' is set by jkeras (worker processes run "
                    + "this JVM's class path and the worker main class); leave it out.");
        }
        if (t.indexOf(' ') >= 0 && !t.startsWith("-D")) {
            throw new IllegalArgumentException("workerJvmOptions: '" + o + "' holds a space; pass each option as its "
                    + "own string, e.g. workerJvmOptions(\"-Xmx2g\", \"-XX:+UseSerialGC\").");
        }
        return t;
    }

    @Override
    public String toString() {
        return "WorkerOptions{batchTimeout=" + batchTimeout + ", workerJvmOptions=" + Arrays.toString(
                workerJvmOptions.toArray()) + "}";
    }
}
