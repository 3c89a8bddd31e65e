package org.jkeras.training;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jkeras.tensor.Tensor;

/**
 * One batch as a training, test or predict step receives it (the {@code data} of Keras's
 * {@code train_step(data)}, unpacked as {@code x, y, sample_weight}): the inputs in the model's input order, the
 * targets and sample weights in output order (null entries for outputs without targets or weights; empty lists in
 * predict), and the number of rows.
 *
 * <pre>{@code
 * protected Map<String, Double> trainStep(StepData data) {
 *     List<Tensor> yPred = forward(data.x(), true);
 *     ...
 * }
 * }</pre>
 */
public final class StepData {
    private final List<Tensor> x;
    private final Tensor[] y;
    private final Tensor[] sampleWeight;

    private StepData(List<Tensor> x, Tensor[] y, Tensor[] sampleWeight) {
        this.x = x;
        this.y = y;
        this.sampleWeight = sampleWeight;
    }

    /** A flat batch {@code {x_1..x_I, y_1..y_O, w_1..w_O}} (or only the inputs) as step data. */
    static StepData of(Tensor[] flat, int inputs) {
        List<Tensor> x = Collections.unmodifiableList(Arrays.asList(flat).subList(0, inputs));
        int outputs = (flat.length - inputs) / 2;
        return new StepData(x, Arrays.copyOfRange(flat, inputs, inputs + outputs),
                Arrays.copyOfRange(flat, inputs + outputs, inputs + 2 * outputs));
    }

    /** The inputs, in the model's input order. */
    public List<Tensor> x() {
        return x;
    }

    /** The targets, in output order (null for an output without targets; empty in predict). */
    public List<Tensor> y() {
        return Collections.unmodifiableList(Arrays.asList(y));
    }

    /** The sample weights, in output order (null where a sample is unweighted; empty in predict). */
    public List<Tensor> sampleWeight() {
        return Collections.unmodifiableList(Arrays.asList(sampleWeight));
    }

    /** Rows in this batch (the first input's first dimension). */
    public int rows() {
        return x.get(0).dim(0);
    }

    /** The targets as the compiled loss and metrics read them (shared: not to be changed). */
    Tensor[] yArray() {
        return y;
    }

    Tensor[] sampleWeightArray() {
        return sampleWeight;
    }
}
