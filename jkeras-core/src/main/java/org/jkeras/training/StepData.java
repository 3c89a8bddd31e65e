package org.jkeras.training;

import java.util.Arrays;
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
    private final List<Tensor> y;
    private final List<Tensor> sampleWeight;

    private StepData(List<Tensor> x, List<Tensor> y, List<Tensor> sampleWeight) {
        this.x = x;
        this.y = y;
        this.sampleWeight = sampleWeight;
    }

    /** A flat batch {@code {x_1..x_I, y_1..y_O, w_1..w_O}} (or only the inputs) as step data. */
    static StepData of(Tensor[] flat, int inputs) {
        List<Tensor> all = Arrays.asList(flat);
        if (flat.length == inputs) {
            return new StepData(all, List.of(), List.of());
        }
        int outputs = (flat.length - inputs) / 2;
        return new StepData(all.subList(0, inputs), all.subList(inputs, inputs + outputs),
                all.subList(inputs + outputs, flat.length));
    }

    /** The inputs, in the model's input order. */
    public List<Tensor> x() {
        return x;
    }

    /** The targets, in output order (null for an output without targets). */
    public List<Tensor> y() {
        return y;
    }

    /** The sample weights, in output order (null where a sample is unweighted). */
    public List<Tensor> sampleWeight() {
        return sampleWeight;
    }

    /** Rows in this batch (the first input's first dimension). */
    public int rows() {
        return x.get(0).dim(0);
    }

    Tensor[] yArray() {
        return y.toArray(new Tensor[0]);
    }

    Tensor[] sampleWeightArray() {
        return sampleWeight.toArray(new Tensor[0]);
    }
}
