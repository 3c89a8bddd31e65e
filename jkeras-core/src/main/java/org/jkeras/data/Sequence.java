package org.jkeras.data;

/**
 * A random-access source of batches: Keras's {@code keras.utils.Sequence} ({@code PyDataset} in Keras 3).
 * {@link #size()} is Keras's {@code __len__} (number of <em>batches</em>), {@link #get(int)} is
 * {@code __getitem__}, {@link #onEpochEnd()} the hook called after each epoch.
 *
 * <pre>{@code
 * class Squares extends Sequence {
 *     public int size() { return 10; }
 *     public Batch get(int index) {
 *         float[] x = new float[8], y = new float[8];
 *         for (int i = 0; i < 8; i++) { x[i] = index * 8 + i; y[i] = x[i] * x[i]; }
 *         return Batch.of(Tensor.of(x, 8, 1), Tensor.of(y, 8, 1));
 *     }
 * }
 * try (BatchStream s = BatchStreams.forSequence(new Squares(), 2, 10, false, 0, false)) { ... }
 * }</pre>
 *
 * <p><b>Contract.</b> {@code get} is called from several worker threads at once (or on copies in child
 * processes when {@code useMultiprocessing} is on), so it must be a pure function of {@code index} and of the
 * state set in {@link #onEpochBegin()}/{@link #onEpochEnd()}. Those two hooks and {@link #size()} always run on
 * the thread that drives training, never concurrently with {@code get}. For {@code useMultiprocessing} the
 * subclass must also implement {@link java.io.Serializable}; the copy in each child process is refreshed
 * whenever the parent's serialized state changes at an epoch start.
 */
public abstract class Sequence {
    /** Number of batches in one pass (Keras {@code __len__}); must be at least 1. */
    public abstract int size();

    /** Batch {@code index}, {@code 0 <= index < size()} (Keras {@code __getitem__}); never null. */
    public abstract Batch get(int index);

    /** Called once before each epoch's first batch is requested (Keras 3 {@code on_epoch_begin}). Default: nothing. */
    public void onEpochBegin() {
    }

    /** Called once after each epoch's last batch was consumed, e.g. to reshuffle (Keras {@code on_epoch_end}). */
    public void onEpochEnd() {
    }
}
