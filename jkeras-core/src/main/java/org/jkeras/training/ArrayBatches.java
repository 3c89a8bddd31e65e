package org.jkeras.training;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jkeras.tensor.Tensor;

/**
 * The batches of one {@code fit} over in-memory arrays: consecutive slices of the epoch's index order, the last one
 * partial. Without shuffling a batch is a view (no copy). With shuffling, rows are gathered into two reusable
 * buffers, and the next batch is gathered on a background thread while the current one trains, so that the copy
 * (memory-bound, ~30% of a small model's step) overlaps compute.
 *
 * <p>The background thread exists only while shuffling and is stopped by {@link #close()}, which {@code fit} calls
 * in a {@code finally} block.
 */
final class ArrayBatches implements EpochSource {
    private final Tensor[] arrays;
    private final int n;
    private final int batchSize;
    private final int steps;
    private final boolean shuffle;
    private final SplittableRandom random;
    private final int[] order;
    private final Tensor[][] buffers = new Tensor[2][];
    private ExecutorService prefetcher;
    private volatile Thread prefetchThread;
    private Future<Tensor[]> pending;
    private int pendingStep = -1;
    private int step;

    /** {@code arrays[i]} share their first dimension; null entries (e.g. no sample weights) stay null. */
    ArrayBatches(Tensor[] arrays, int batchSize, boolean shuffle, SplittableRandom random) {
        this.arrays = arrays;
        this.n = arrays[0].dim(0);
        this.batchSize = batchSize;
        this.steps = (n + batchSize - 1) / batchSize;
        this.shuffle = shuffle;
        this.random = random;
        this.order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
    }

    int steps() {
        return steps;
    }

    /** Reshuffles the index order (Fisher-Yates) when shuffling; returns the number of batches. */
    @Override
    public int startEpoch(int epoch) {
        awaitPending();
        step = 0;
        if (shuffle) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return steps;
    }

    @Override
    public Tensor[] next() {
        return step < steps ? batch(step++) : null;
    }

    @Override
    public boolean ranOut() {
        return false;
    }

    @Override
    public void endEpoch() {
        awaitPending();
    }

    /** The arrays of batch {@code step} (entries null where the input was null); valid until step + 2. */
    Tensor[] batch(int step) {
        int from = step * batchSize, to = Math.min(n, from + batchSize);
        if (!shuffle) {
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
