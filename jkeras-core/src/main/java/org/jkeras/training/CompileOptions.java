package org.jkeras.training;

import java.util.Arrays;
import java.util.List;
import org.jkeras.optimizers.Optimizer;
import org.jkeras.optimizers.Optimizers;

/**
 * Every argument of Keras's {@code compile(optimizer, loss, metrics, loss_weights, weighted_metrics)}, in all the
 * forms Keras accepts, for {@link Trainer#compile(CompileOptions)}.
 *
 * <ul>
 *   <li>{@code loss}: a name or {@code Loss} (applied to every output), a {@code List} with one entry per output
 *       (null for "no loss"), or a {@code Map} from output name to name/{@code Loss} (outputs left out get no
 *       loss). A list shorter than the outputs is an error (Keras 3 would silently train only the first).</li>
 *   <li>{@code lossWeights}: a {@code List<Number>} per output or a {@code Map<String, Number>} (missing = 1).</li>
 *   <li>{@code metrics} / {@code weightedMetrics}: a flat list of names/{@code Metric}s applied to every output
 *       (each output gets its own instance), a list of lists (one per output), or a map from output name to a
 *       name, {@code Metric} or list. Weighted metrics receive the sample weights; plain ones never do.</li>
 * </ul>
 *
 * <pre>{@code
 * model.compile(CompileOptions.optimizer("adam")
 *     .loss(Map.of("out_a", "binary_crossentropy", "out_b", "categorical_crossentropy"))
 *     .lossWeights(Map.of("out_a", 1.0, "out_b", 0.5))
 *     .metrics(Map.of("out_a", List.of("accuracy"), "out_b", List.of("accuracy"))));
 * }</pre>
 */
public final class CompileOptions {
    Optimizer optimizer;
    Object loss;
    Object lossWeights;
    Object metrics;
    Object weightedMetrics;
    Object sampleWeightMode;

    private CompileOptions(Optimizer optimizer) {
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer is null; pass an optimizer name such as \"adam\" or an Optimizer.");
        }
        this.optimizer = optimizer;
    }

    /** Options with an optimizer given by Keras name ({@code "sgd"}, {@code "adam"}, ...). */
    public static CompileOptions optimizer(String name) {
        return new CompileOptions(Optimizers.get(name));
    }

    /** Options with an optimizer instance. */
    public static CompileOptions optimizer(Optimizer optimizer) {
        return new CompileOptions(optimizer);
    }

    /** The loss: a name, a {@code Loss}, a list per output, or a map by output name. */
    public CompileOptions loss(Object loss) {
        this.loss = loss;
        return this;
    }

    /** One loss per output, in output order ({@code null} entries: no loss for that output). */
    public CompileOptions loss(Object... lossPerOutput) {
        this.loss = Arrays.asList(lossPerOutput);
        return this;
    }

    /** Loss weights: a {@code List<Number>} in output order or a {@code Map<String, Number>} by output name. */
    public CompileOptions lossWeights(Object lossWeights) {
        this.lossWeights = lossWeights;
        return this;
    }

    /** Loss weights in output order. */
    public CompileOptions lossWeights(double... weights) {
        Double[] boxed = new Double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            boxed[i] = weights[i];
        }
        this.lossWeights = List.of(boxed);
        return this;
    }

    /** Metric names applied to every output. */
    public CompileOptions metrics(String... metrics) {
        this.metrics = List.of(metrics);
        return this;
    }

    /** Metrics as a flat list (every output), a list of lists (per output) or a map by output name. */
    public CompileOptions metrics(Object metrics) {
        this.metrics = metrics;
        return this;
    }

    /** Weighted metric names applied to every output. */
    public CompileOptions weightedMetrics(String... metrics) {
        this.weightedMetrics = List.of(metrics);
        return this;
    }

    /** Weighted metrics, in the forms of {@link #metrics(Object)}. */
    public CompileOptions weightedMetrics(Object metrics) {
        this.weightedMetrics = metrics;
        return this;
    }

    /**
     * Keras 2's {@code sample_weight_mode}: null (the default) or {@code "temporal"} for every output, a list per
     * output or a map by output name. {@code "temporal"} makes an output take only per-time-step weights of shape
     * {@code [samples, timesteps]} (its targets having a time axis) and refuses one weight per sample. Without it,
     * as Keras 3 (which removed the argument), an output with a time axis takes either form.
     */
    public CompileOptions sampleWeightMode(Object mode) {
        this.sampleWeightMode = mode;
        return this;
    }

    /** The sample-weight mode as given, or null. */
    public Object getSampleWeightMode() {
        return sampleWeightMode;
    }

    /** The optimizer given. */
    public Optimizer getOptimizer() {
        return optimizer;
    }

    /** The loss as given: a name, a {@code Loss}, a list per output or a map by output name. */
    public Object getLoss() {
        return loss;
    }

    /** The loss weights as given (list, map, number) or null. */
    public Object getLossWeights() {
        return lossWeights;
    }

    /** The metrics as given or null. */
    public Object getMetrics() {
        return metrics;
    }

    /** The weighted metrics as given or null. */
    public Object getWeightedMetrics() {
        return weightedMetrics;
    }
}
