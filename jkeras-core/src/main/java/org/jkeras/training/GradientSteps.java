package org.jkeras.training;

import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.autodiff.Variable;
import org.jkeras.tensor.Tensor;

/**
 * The two halves of a train step, for data-parallel training (e.g. {@code jkeras-spark}'s synchronous fit): compute
 * a batch's gradients without applying them, then apply gradients (summed over replicas) with the compiled
 * optimizer. {@code computeGradients} followed by {@code applyGradients} with the same gradients is one default
 * {@code trainStep} (forward in training mode, the compiled loss with regularization penalties, one optimizer
 * update, then the constraints); the metrics are updated on request. {@link #testStep}, {@link #metricState} and
 * {@link #metricsResult} let replicas evaluate their parts and merge loss and metrics exactly (summed state
 * variables, not averaged results).
 *
 * <pre>{@code
 * GradientSteps.Result r = GradientSteps.computeGradients(model, xShard, yShard);
 * float[][] g = r.gradients();               // one flat array per trainable weight, in trainableWeights() order
 * ... sum g over the replicas, each scaled by its rows / global rows ...
 * GradientSteps.applyGradients(model, g);    // the same update on every replica
 * }</pre>
 */
public final class GradientSteps {
    private GradientSteps() {
    }

    /** A batch's loss (the compiled total, penalties included), its row count and gradients. */
    public static final class Result {
        private final double loss;
        private final int rows;
        private final float[][] gradients;

        Result(double loss, int rows, float[][] gradients) {
            this.loss = loss;
            this.rows = rows;
            this.gradients = gradients;
        }

        /** The batch's total loss, as {@code trainStep} computes it. */
        public double loss() {
            return loss;
        }

        /** Rows in the batch. */
        public int rows() {
            return rows;
        }

        /** d loss / d weight, one flat row-major copy per trainable weight, in {@code trainableWeights()} order. */
        public float[][] gradients() {
            return gradients;
        }
    }

    /**
     * Computes the gradients of the compiled loss on one batch ({@code x}, {@code y} in any Keras form: Tensor, List
     * or Map), building the model if needed; the weights are not changed. The gradients are copies (they outlive the
     * step's workspace).
     *
     * @throws IllegalStateException when the model is not compiled
     */
    public static Result computeGradients(Trainer model, Object x, Object y) {
        return computeGradients(model, x, y, false);
    }

    /**
     * As {@link #computeGradients(Trainer, Object, Object)}; with {@code updateMetrics} the compiled metrics also
     * take this batch's predictions (those before the update, as {@code trainStep} does). The loss trackers always
     * take the batch.
     */
    public static Result computeGradients(Trainer model, Object x, Object y, boolean updateMetrics) {
        requireCompiled(model);
        Tensor[] flat = new DataFlattener(model).arrays(Structure.of(x, "x"), Structure.of(y, "y"),
                Structure.ofNullable(null, "sample_weight"), "x", "y");
        EpochLoops.build(model, flat);
        StepData data = StepData.of(flat, model.inputNames().size());
        List<Variable> vars = model.trainableWeights();
        model.workspace().enter();
        try {
            Tensor[] grads;
            double loss;
            try (GradientTape tape = new GradientTape()) {
                tape.watch(vars);
                List<Tensor> yPred = model.forward(data.x(), true);
                Tensor total = model.computeLoss(data, yPred);
                loss = total.item();
                grads = tape.gradient(total, vars);
                if (updateMetrics) {
                    model.updateMetrics(data, yPred);
                }
            }
            float[][] out = new float[grads.length][];
            for (int i = 0; i < grads.length; i++) {
                out[i] = grads[i] == null ? new float[vars.get(i).value().size()] : grads[i].toArray();
            }
            return new Result(loss, data.rows(), out);
        } finally {
            model.workspace().exit();
        }
    }

    /**
     * Applies gradients (one flat array per trainable weight, in {@code trainableWeights()} order) with the compiled
     * optimizer, then the weights' constraints: the second half of a train step.
     *
     * @throws IllegalArgumentException when the count or a length does not match the trainable weights
     */
    public static void applyGradients(Trainer model, float[][] gradients) {
        requireCompiled(model);
        List<Variable> vars = model.trainableWeights();
        if (gradients.length != vars.size()) {
            throw new IllegalArgumentException("applyGradients got " + gradients.length + " gradients, but model '"
                    + model.name() + "' has " + vars.size() + " trainable weights; give one per weight, in "
                    + "trainableWeights() order.");
        }
        Tensor[] grads = new Tensor[vars.size()];
        for (int i = 0; i < grads.length; i++) {
            int[] shape = vars.get(i).value().shape();
            if (gradients[i].length != vars.get(i).value().size()) {
                throw new IllegalArgumentException("Gradient " + i + " has " + gradients[i].length + " values, but "
                        + "weight '" + vars.get(i).name() + "' has " + vars.get(i).value().size() + ".");
            }
            grads[i] = Tensor.of(gradients[i].clone(), shape);
        }
        model.optimizer().apply(vars, grads);
        model.applyConstraints();
    }

    /**
     * Keras's {@code test_step} on one batch: a forward pass in inference mode; the loss trackers and compiled metrics
     * take the batch (the first batch also resolves and names the metrics). The weights are not changed.
     */
    public static void testStep(Trainer model, Object x, Object y) {
        requireCompiled(model);
        Tensor[] flat = new DataFlattener(model).arrays(Structure.of(x, "x"), Structure.of(y, "y"),
                Structure.ofNullable(null, "sample_weight"), "x", "y");
        EpochLoops.build(model, flat);
        EpochLoops.runStep(model, flat, false);
    }

    /** Resets the loss trackers and compiled metrics, as {@code fit} does at each epoch and evaluate at its start. */
    public static void resetMetrics(Trainer model) {
        requireCompiled(model);
        model.resetMetrics();
    }

    /**
     * The additive state of the loss trackers and of every compiled metric, in one array: the state after batches A
     * and B is the element-wise sum of the states after A alone and B alone (see {@link
     * org.jkeras.metrics.Metric#stateValues}). Replicas that each saw a part of an epoch sum their arrays and read
     * the epoch's logs with {@link #metricsResult}. The metrics must be resolved (a batch has run).
     */
    public static double[] metricState(Trainer model) {
        requireCompiled(model);
        double[] loss = model.compiledLoss().stateValues();
        double[] metrics = model.compiledMetrics().stateValues();
        double[] out = java.util.Arrays.copyOf(loss, loss.length + metrics.length);
        System.arraycopy(metrics, 0, out, loss.length, metrics.length);
        return out;
    }

    /**
     * Sets the loss trackers and metrics to {@code state} (from {@link #metricState}, e.g. summed over replicas)
     * and returns the logs: {@code loss}, the per-output losses and the metrics, in Keras's {@code metrics_names}
     * order, as {@code fit} reports an epoch.
     *
     * @throws IllegalArgumentException when {@code state} does not have this model's length
     */
    public static Map<String, Double> metricsResult(Trainer model, double[] state) {
        int want = metricState(model).length;
        if (state.length != want) {
            throw new IllegalArgumentException("A metric state of " + state.length + " values does not fit model '"
                    + model.name() + "', whose loss trackers and metrics have " + want + ".");
        }
        int at = model.compiledLoss().setStateValues(state, 0);
        model.compiledMetrics().setStateValues(state, at);
        return model.metricsResult();
    }

    /**
     * The epoch a callback asked {@code fit} to resume at (BackupAndRestore in {@code onTrainBegin}), then forgotten;
     * null when none did. For training loops outside the core that run the callbacks themselves.
     */
    public static Integer takeResumeEpoch(Trainer model) {
        return model.takeResumeEpoch();
    }

    private static void requireCompiled(Trainer model) {
        if (model.optimizer() == null || model.compiledLoss() == null) {
            throw new IllegalStateException("Model '" + model.name() + "' must be compiled before its gradients are "
                    + "computed or applied; e.g. model.compile(\"adam\", \"mse\").");
        }
    }
}
