package org.jkeras.metrics;

import java.util.Map;
import java.util.function.IntFunction;

/** What the top-k accuracies share: the {@code k} argument, its check and its config entry. */
abstract class TopKAccuracy extends MeanMetricWrapper {
    private final int k;

    TopKAccuracy(String name, int k, IntFunction<MetricFunction> function) {
        super(name, function.apply(checkK(name, k)));
        this.k = k;
    }

    private static int checkK(String name, int k) {
        if (k < 1) {
            throw new IllegalArgumentException(name + ": k must be an integer >= 1; received: k=" + k + ".");
        }
        return k;
    }

    public int k() {
        return k;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("k", k);
        return c;
    }

    /** Keras's {@code _direction}: larger is better (how callbacks in mode "auto" read this metric). */
    @Override
    public String direction() {
        return "up";
    }
}
