package org.jkeras.training;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jkeras.tensor.Tensor;

/**
 * The batches of in-memory arrays (Keras 3's {@code ArrayDataAdapter}): consecutive slices of a pass's index order,
 * the last one partial. Without shuffling, and with {@code shuffle="batch"}, a batch is a view (no copy). With
 * shuffling, rows are gathered into two reusable buffers, and the next batch is gathered on a background thread
 * while the current one trains, so that the copy (memory-bound, ~30% of a small model's step) overlaps compute.
 *
 * <p><b>Shuffling.</b> {@link Shuffle#ROWS} ({@code shuffle=true}): a fresh uniform permutation of the rows for every
 * pass. {@link Shuffle#BATCH} ({@code shuffle="batch"}, Keras 2's meaning, which KERAS-SEMANTICS.md §3.1
 * recommends): the rows are cut into full blocks of {@code batchSize} consecutive rows, the blocks are permuted as
 * units and a trailing partial block stays last, so every batch is one contiguous range (for data that reads fast
 * only in contiguous runs). Keras 3 instead permutes rows inside fixed batches, which changes nothing for SGD.
 *
 * <p><b>Steps per epoch.</b> Without {@code stepsPerEpoch} every epoch is one full pass. With it, Keras 3's
 * EpochIterator rule applies: an epoch takes {@code stepsPerEpoch} batches and the next epoch carries on where it
 * stopped; when the pass is exhausted inside an epoch, that epoch ends early ({@link #ranOut()}: the trainer prints
 * Keras's "ran out of data" warning) and the next epoch starts a new (reshuffled) pass. N=10, batch 4, 2 steps:
 * epochs of 2, 1, 2, 1 batches.
 *
 * <p>The background thread exists only while shuffling rows and is stopped by {@link #close()}, which the trainer
 * calls in a {@code finally} block.
 *
 * <pre>{@code
 * try (ArrayDataAdapter a = new ArrayDataAdapter(flat, 32, Shuffle.ROWS, new SplittableRandom(1), -1)) {
 *     a.startEpoch(0);
 *     for (Tensor[] b; (b = a.next()) != null; ) { ... }
 * }
 * }</pre>
 */
final class ArrayDataAdapter implements DataAdapter {
    /** The {@code shuffle} argument of fit: false, true, or "batch". */
    enum Shuffle { NONE, ROWS, BATCH }

    private final Tensor[] arrays;
    private final int n;
    private final int batchSize;
    private final int steps;
    private final Shuffle shuffle;
    private final SplittableRandom random;
    private final int stepsPerEpoch;
    private final int[] order;
    private final int[] blocks;
    private final Tensor[][] buffers = new Tensor[2][];
    private ExecutorService prefetcher;
    private volatile Thread prefetchThread;
    private Future<Tensor[]> pending;
    private int pendingStep = -1;
    /** Batches taken from the current pass, and from the current epoch. */
    private int step;
    private int epochStep;
    private boolean newPass = true;
    private boolean ranOut;

    /**
     * {@code arrays[i]} share their first dimension; null entries (e.g. no sample weights) stay null.
     * {@code stepsPerEpoch} -1: every epoch is one pass.
     */
    ArrayDataAdapter(Tensor[] arrays, int batchSize, Shuffle shuffle, SplittableRandom random, int stepsPerEpoch) {
        this.arrays = arrays;
        this.n = arrays[0].dim(0);
        this.batchSize = batchSize;
        this.steps = (n + batchSize - 1) / batchSize;
        this.shuffle = shuffle;
        this.random = random;
        this.stepsPerEpoch = stepsPerEpoch;
        this.order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        this.blocks = new int[n / batchSize];
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = i;
        }
    }

    /** Batches in one pass over the arrays. */
    int steps() {
        return steps;
    }

    @Override
    public int numBatches() {
        return stepsPerEpoch > 0 ? stepsPerEpoch : steps;
    }

    @Override
    public boolean ranOutStopsTraining() {
        return false;
    }

    @Override
    public void reset() {
        awaitPending();
        newPass = true;
    }

    /**
     * Starts a new pass when the previous one was used up (every epoch without {@code stepsPerEpoch}), reshuffling
     * when shuffling; returns the epoch's planned number of batches.
     */
    @Override
    public int startEpoch(int epoch) {
        awaitPending();
        epochStep = 0;
        ranOut = false;
        if (stepsPerEpoch <= 0 || newPass) {
            startPass();
        }
        return numBatches();
    }

    private void startPass() {
        newPass = false;
        step = 0;
        if (shuffle == Shuffle.ROWS) {
            shuffle(order);
        } else if (shuffle == Shuffle.BATCH) {
            shuffle(blocks);
        }
    }

    /** Fisher-Yates. */
    private void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    @Override
    public Tensor[] next() {
        if (stepsPerEpoch > 0 && epochStep >= stepsPerEpoch) {
            return null;
        }
        if (step >= steps) {
            ranOut = stepsPerEpoch > 0;
            return null;
        }
        epochStep++;
        return batch(step++);
    }

    @Override
    public boolean ranOut() {
        return ranOut;
    }

    @Override
    public void endEpoch() {
        awaitPending();
        if (step >= steps) {
            newPass = true; // Keras 3: the next epoch restarts the iterator once this pass is used up
        }
    }

    /** The arrays of batch {@code step} (entries null where the input was null); valid until step + 2. */
    Tensor[] batch(int step) {
        int from = step * batchSize, to = Math.min(n, from + batchSize);
        if (shuffle == Shuffle.BATCH && step < blocks.length) {
            from = blocks[step] * batchSize;
            to = from + batchSize;
        }
        if (shuffle != Shuffle.ROWS) {
            Tensor[] out = new Tensor[arrays.length];
            for (int i = 0; i < arrays.length; i++) {
                out[i] = arrays[i] == null ? null : arrays[i].slice(from, to);
            }
            return out;
        }
        Tensor[] out = pendingStep == step ? awaitPending() : gather(step);
        if (step + 1 < steps) {
            if (prefetcher == null) {
                prefetcher = Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "jkeras-batch-prefetch");
                    t.setDaemon(true);
                    prefetchThread = t;
                    return t;
                });
            }
            int next = step + 1;
            pendingStep = next;
            pending = prefetcher.submit(() -> gather(next));
        }
        return out;
    }

    private Tensor[] awaitPending() {
        if (pending == null) {
            return null;
        }
        Future<Tensor[]> f = pending;
        pending = null;
        pendingStep = -1;
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the next training batch.", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof RuntimeException ? (RuntimeException) c : new IllegalStateException(c);
        }
    }

    /** Gathers the rows of batch {@code step} into buffer {@code step % 2}. */
    private Tensor[] gather(int step) {
        int from = step * batchSize, to = Math.min(n, from + batchSize);
        Tensor[] buf = buffers[step & 1];
        if (buf == null) {
            buf = new Tensor[arrays.length];
            for (int i = 0; i < arrays.length; i++) {
                if (arrays[i] != null) {
                    int[] s = arrays[i].shape();
                    s[0] = Math.min(batchSize, n);
                    buf[i] = Tensor.zeros(s);
                }
            }
            buffers[step & 1] = buf;
        }
        Tensor[] out = new Tensor[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            if (arrays[i] != null) {
                Tensor src = arrays[i];
                int row = src.size() / Math.max(1, n);
                float[] s = src.buffer(), d = buf[i].buffer();
                int so = src.offset();
                for (int r = from; r < to; r++) {
                    System.arraycopy(s, so + order[r] * row, d, (r - from) * row, row);
                }
                out[i] = to - from == buf[i].dim(0) ? buf[i] : buf[i].slice(0, to - from);
            }
        }
        return out;
    }

    /** Stops the prefetch thread, if one was started. */
    @Override
    public void close() {
        if (prefetcher != null) {
            prefetcher.shutdownNow();
            try {
                prefetcher.awaitTermination(10, TimeUnit.SECONDS);
                // A terminated executor's thread may still be on its way out: wait until it is gone.
                if (prefetchThread != null) {
                    prefetchThread.join(10_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            prefetcher = null;
            prefetchThread = null;
        }
    }
}
