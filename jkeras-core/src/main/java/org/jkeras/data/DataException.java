package org.jkeras.data;

/**
 * A failure while producing training data, rethrown on the thread that drives training: the data source's own
 * exception (or a dead worker process) is the {@link #getCause() cause}, and the message names the source
 * ({@code Sequence.get}, {@code Sequence.size}, {@code Sequence.onEpochEnd}, the generator, a worker process) and
 * the batch index.
 *
 * <pre>{@code
 * try (BatchStream s = BatchStreams.forSequence(seq, 2, 10, false, 0, false)) {
 *     s.startEpoch(0);
 *     for (Batch b; (b = s.next()) != null; ) { ... }
 * } catch (DataException e) {
 *     System.err.println("batch " + e.batchIndex() + " failed: " + e.getCause());
 * }
 * }</pre>
 */
public class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int batchIndex;

    /** {@code batchIndex} is the Sequence index or generator item number, or -1 where none applies. */
    public DataException(String message, int batchIndex, Throwable cause) {
        super(message, cause);
        this.batchIndex = batchIndex;
    }

    /** The batch index (Sequence index, or the generator's item number counted from 0), or -1 where none applies. */
    public int batchIndex() {
        return batchIndex;
    }
}
