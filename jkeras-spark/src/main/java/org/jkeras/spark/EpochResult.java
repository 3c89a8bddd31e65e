package org.jkeras.spark;

import java.io.Serializable;

/**
 * What one replica reports after an epoch of {@link SparkTrainer#fit}: its rank, the epoch's summed
 * {@code rows × batch loss} and rows over all workers (the same on every rank, from the all-reduce), the rows it
 * trained on itself, its time, and (rank 0 only) the trained model as {@code .keras} bytes.
 *
 * <pre>{@code
 * double epochLoss = result.lossSum() / result.rows();
 * }</pre>
 */
public final class EpochResult implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int rank;
    private final double lossSum;
    private final double rows;
    private final long ownRows;
    private final long millis;
    private final byte[] model;

    EpochResult(int rank, double lossSum, double rows, long ownRows, long millis, byte[] model) {
        this.rank = rank;
        this.lossSum = lossSum;
        this.rows = rows;
        this.ownRows = ownRows;
        this.millis = millis;
        this.model = model;
    }

    /** The task's rank (partition id in the barrier stage). */
    public int rank() {
        return rank;
    }

    /** Σ over the epoch's global batches of rows × batch loss. */
    public double lossSum() {
        return lossSum;
    }

    /** Rows of the epoch over all workers. */
    public double rows() {
        return rows;
    }

    /** Rows this replica trained on. */
    public long ownRows() {
        return ownRows;
    }

    /** Wall time of the replica's epoch, in milliseconds. */
    public long millis() {
        return millis;
    }

    /** The trained model's {@code .keras} bytes (rank 0), else null. */
    public byte[] model() {
        return model;
    }
}
