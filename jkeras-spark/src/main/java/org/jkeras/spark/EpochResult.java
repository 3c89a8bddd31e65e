package org.jkeras.spark;

import java.io.Serializable;

/**
 * What one replica reports after an epoch of {@link SparkTrainer#fit}: its rank, the additive state of its loss
 * trackers and metrics over the rows it trained on (and over its validation rows), the rows it trained on, its
 * times (whole epoch, computing gradients, waiting in the all-reduce), and (rank 0 only) the trained weights with the
 * optimizer state as {@code .weights.h5} bytes. The driver sums the states over the replicas and reads the epoch's
 * logs from the sum.
 *
 * <pre>{@code
 * double[] summed = ...; // Σ result.trainState() over the replicas
 * Map<String, Double> logs = GradientSteps.metricsResult(model, summed);
 * }</pre>
 */
public final class EpochResult implements Serializable {
    private static final long serialVersionUID = 2L;

    private final int rank;
    private final double[] trainState;
    private final double[] validationState;
    private final long ownRows;
    private final long millis;
    private final long computeMillis;
    private final long waitMillis;
    private final byte[] weights;

    EpochResult(int rank, double[] trainState, double[] validationState, long ownRows, long millis, long computeMillis,
            long waitMillis, byte[] weights) {
        this.rank = rank;
        this.trainState = trainState;
        this.validationState = validationState;
        this.ownRows = ownRows;
        this.millis = millis;
        this.computeMillis = computeMillis;
        this.waitMillis = waitMillis;
        this.weights = weights;
    }

    /** The task's rank (partition id in the barrier stage). */
    public int rank() {
        return rank;
    }

    /** The replica's loss-tracker and metric state over its training rows (GradientSteps.metricState). */
    public double[] trainState() {
        return trainState;
    }

    /** The same over its validation rows; null without validation. */
    public double[] validationState() {
        return validationState;
    }

    /** Rows this replica trained on. */
    public long ownRows() {
        return ownRows;
    }

    /** Wall time of the replica's epoch, in milliseconds. */
    public long millis() {
        return millis;
    }

    /** Time spent computing gradients (forward and backward), in milliseconds. */
    public long computeMillis() {
        return computeMillis;
    }

    /** Time spent in the all-reduce (sending, waiting for the slowest peer, receiving), in milliseconds. */
    public long waitMillis() {
        return waitMillis;
    }

    /** The trained weights and optimizer state as {@code .weights.h5} bytes (rank 0), else null. */
    public byte[] weights() {
        return weights;
    }
}
