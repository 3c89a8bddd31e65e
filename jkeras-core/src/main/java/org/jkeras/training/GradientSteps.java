package org.jkeras.training;

import java.util.List;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.autodiff.Variable;
import org.jkeras.tensor.Tensor;

/**
 * The two halves of a train step, for data-parallel training (e.g. {@code jkeras-spark}'s synchronous fit): compute
 * a batch's gradients without applying them, then apply gradients (summed over replicas) with the compiled
 * optimizer. {@code computeGradients} followed by {@code applyGradients} with the same gradients is one default
 * {@code trainStep} (forward in training mode, the compiled loss with regularization penalties, one optimizer
 * update, then the constraints); metrics are not updated.
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

    private static void requireCompiled(Trainer model) {
        if (model.optimizer() == null || model.compiledLoss() == null) {
            throw new IllegalStateException("Model '" + model.name() + "' must be compiled before its gradients are "
                    + "computed or applied; e.g. model.compile(\"adam\", \"mse\").");
        }
    }
}
