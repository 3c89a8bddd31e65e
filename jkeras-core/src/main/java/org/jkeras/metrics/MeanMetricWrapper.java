package org.jkeras.metrics;

import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code MeanMetricWrapper}: a per-sample {@link MetricFunction} averaged with {@link Mean}'s weighted
 * running mean, {@code Σ v·w / Σ w} over everything seen since the last reset. The accuracy and error metrics
 * are instances of it.
 *
 * <pre>{@code
 * Metric acc = new MeanMetricWrapper("my_accuracy", MetricFunctions::categoricalAccuracy);
 * acc.updateState(yTrue, yPred, sampleWeight);
 * }</pre>
 */
public class MeanMetricWrapper extends Mean {
    private final MetricFunction fn;
    private String direction;

    public MeanMetricWrapper(String name, MetricFunction fn) {
        super(name);
        if (fn == null) {
            throw new IllegalArgumentException("MeanMetricWrapper '" + name + "' needs a metric function; received: "
                    + "fn=null.");
        }
        this.fn = fn;
    }

    /**
     * Sets Keras's {@code _direction} ("up" or "down"); Keras gives a wrapper of a loss function "down".
     */
    public MeanMetricWrapper direction(String direction) {
        if (direction != null && !direction.equals("up") && !direction.equals("down")) {
            throw new IllegalArgumentException("direction must be \"up\", \"down\" or null; received: direction="
                    + direction + ".");
        }
        this.direction = direction;
        return this;
    }

    @Override
    public String direction() {
        return direction;
    }

    /** The wrapped per-sample function. */
    public MetricFunction fn() {
        return fn;
    }

    @Override
    public void updateState(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        updateState(fn.apply(yTrue, yPred), sampleWeight);
    }
}
