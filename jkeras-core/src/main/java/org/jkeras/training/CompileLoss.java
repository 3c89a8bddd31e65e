package org.jkeras.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jkeras.losses.Loss;
import org.jkeras.losses.Losses;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * The compiled loss of a model (Keras 3's {@code compile_utils.CompileLoss}): one {@link Loss} per output (null:
 * none), the loss weights, the sample-weight mode per output (Keras 2's {@code sample_weight_mode}), and the
 * trackers behind the {@code loss} and {@code <output>_loss} logs: means over the epoch weighted by batch rows,
 * the per-output ones recorded before weighting.
 *
 * <pre>{@code
 * CompileLoss l = CompileLoss.of(options, List.of("out"), "model");
 * Tensor total = l.compute(ys, preds, ws);          // Σ lossWeight_i · loss_i, recorded for the logs
 * }</pre>
 */
final class CompileLoss {
    private final Loss[] losses;
    private final double[] weights;
    private final boolean[] temporal;
    private final List<String> outputs;
    private final String model;
    private double[] outputSums;
    private double totalSum;
    private long seen;

    private CompileLoss(Loss[] losses, double[] weights, boolean[] temporal, List<String> outputs, String model) {
        this.losses = losses;
        this.weights = weights;
        this.temporal = temporal;
        this.outputs = outputs;
        this.model = model;
        this.outputSums = new double[losses.length];
    }

    /** Resolves the loss, loss_weights and sample_weight_mode arguments of compile for these outputs. */
    static CompileLoss of(CompileOptions o, List<String> outs, String model) {
        int n = outs.size();
        Loss[] ls = new Loss[n];
        Object loss = o.loss;
        if (loss == null) {
            throw new IllegalArgumentException("loss is null; pass a loss name such as \"categorical_crossentropy\", a Loss, "
                    + "a list with one loss per output or a map by output name " + outs + ".");
        }
        if (loss instanceof List) {
            List<?> list = (List<?>) loss;
            if (list.size() != n) {
                throw new IllegalArgumentException("loss is a list of " + list.size() + " but model '" + model + "' has " + n
                        + " output(s) " + outs + "; give exactly one loss per output (null for an output without loss), "
                        + "or a map by output name. (Keras 3 silently trains only some outputs here; jkeras refuses.)");
            }
            for (int i = 0; i < n; i++) {
                ls[i] = toLoss(list.get(i), "loss[" + i + "]");
            }
        } else if (loss instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) loss;
            checkKeys(map.keySet(), outs, "loss", model);
            for (int i = 0; i < n; i++) {
                ls[i] = toLoss(map.get(outs.get(i)), "loss['" + outs.get(i) + "']");
            }
        } else {
            Loss one = toLoss(loss, "loss");
            for (int i = 0; i < n; i++) {
                // a Loss object is stateless and serves every output; a name gives each output its own instance
                ls[i] = loss instanceof Loss || i == 0 ? one : Losses.get((String) loss);
            }
        }
        if (Arrays.stream(ls).allMatch(l -> l == null)) {
            throw new IllegalArgumentException("No output of model '" + model + "' has a loss, so there is no loss to "
                    + "optimize; give a loss for at least one of " + outs + ".");
        }
        return new CompileLoss(ls, lossWeights(o.lossWeights, outs, model), temporal(o.sampleWeightMode, outs, model),
                outs, model);
    }

    private static double[] lossWeights(Object spec, List<String> outs, String model) {
        int n = outs.size();
        double[] lw = new double[n];
        Arrays.fill(lw, 1.0);
        if (spec instanceof List) {
            List<?> list = (List<?>) spec;
            if (list.size() != n) {
                throw new IllegalArgumentException("loss_weights is a list of " + list.size() + " but model '" + model
                        + "' has " + n + " output(s) " + outs + "; give one weight per output or a map by output name.");
            }
            for (int i = 0; i < n; i++) {
                lw[i] = toWeight(list.get(i), "loss_weights[" + i + "]");
            }
        } else if (spec instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) spec;
            checkKeys(map.keySet(), outs, "loss_weights", model);
            for (int i = 0; i < n; i++) {
                if (map.containsKey(outs.get(i))) {
                    lw[i] = toWeight(map.get(outs.get(i)), "loss_weights['" + outs.get(i) + "']");
                }
            }
        } else if (spec instanceof Number) {
            Arrays.fill(lw, toWeight(spec, "loss_weights"));
        } else if (spec != null) {
            throw new IllegalArgumentException("loss_weights must be a list of numbers or a map from output name to number; "
                    + "received " + spec.getClass().getName() + ".");
        }
        return lw;
    }

    /** Keras 2's sample_weight_mode: null or "temporal", for all outputs, as a list per output or a map by name. */
    private static boolean[] temporal(Object spec, List<String> outs, String model) {
        int n = outs.size();
        boolean[] t = new boolean[n];
        if (spec == null || spec instanceof String) {
            Arrays.fill(t, toMode(spec, "sample_weight_mode"));
        } else if (spec instanceof List) {
            List<?> list = (List<?>) spec;
            if (list.size() != n) {
                throw new IllegalArgumentException("sample_weight_mode is a list of " + list.size() + " but model '"
                        + model + "' has " + n + " output(s) " + outs + "; give one mode (null or \"temporal\") per output.");
            }
            for (int i = 0; i < n; i++) {
                t[i] = toMode(list.get(i), "sample_weight_mode[" + i + "]");
            }
        } else if (spec instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) spec;
            checkKeys(map.keySet(), outs, "sample_weight_mode", model);
            for (int i = 0; i < n; i++) {
                t[i] = toMode(map.get(outs.get(i)), "sample_weight_mode['" + outs.get(i) + "']");
            }
        } else {
            throw new IllegalArgumentException("sample_weight_mode must be null, \"temporal\", a list per output or a map by "
                    + "output name; received " + spec.getClass().getName() + ".");
        }
        return t;
    }

    private static boolean toMode(Object mode, String what) {
        if (mode == null) {
            return false;
        }
        if ("temporal".equals(mode)) {
            return true;
        }
        throw new IllegalArgumentException(what + " must be null (one weight per sample) or \"temporal\" (one weight per "
                + "sample and time step); received " + (mode instanceof String ? "\"" + mode + "\"" : mode) + ".");
    }

    private static Loss toLoss(Object spec, String what) {
        if (spec == null || spec instanceof Loss) {
            return (Loss) spec;
        }
        if (spec instanceof String) {
            return Losses.get((String) spec);
        }
        throw new IllegalArgumentException(what + " must be a loss name or a Loss; received "
                + spec.getClass().getName() + ".");
    }

    private static double toWeight(Object v, String what) {
        if (!(v instanceof Number) || !Double.isFinite(((Number) v).doubleValue())) {
            throw new IllegalArgumentException(what + " must be a finite number; received " + v + ".");
        }
        return ((Number) v).doubleValue();
    }

    /** Every key must name an output of the model. */
    static void checkKeys(Collection<?> keys, List<String> names, String what, String model) {
        for (Object k : keys) {
            if (!names.contains(k)) {
                throw new IllegalArgumentException(what + " names '" + k + "', which is not an output of model '" + model
                        + "'. Expected keys among the output names " + names + ".");
            }
        }
    }

    int size() {
        return losses.length;
    }

    Loss loss(int output) {
        return losses[output];
    }

    /** Whether output {@code i} takes per-timestep weights of shape (samples, timesteps) only (Keras 2's mode). */
    boolean temporal(int output) {
        return temporal[output];
    }

    List<Loss> losses() {
        return Arrays.asList(losses.clone());
    }

    private int count() {
        int c = 0;
        for (Loss l : losses) {
            c += l != null ? 1 : 0;
        }
        return c;
    }

    /** {@code loss}, then {@code <output>_loss} per output with a loss when more than one has a loss. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        keys.add("loss");
        if (count() > 1) {
            for (int i = 0; i < losses.length; i++) {
                if (losses[i] != null) {
                    keys.add(outputs.get(i) + "_loss");
                }
            }
        }
        return keys;
    }

    /**
     * {@code Σ lossWeight_i · loss_i} over the outputs with a loss (differentiable when recorded on a tape); each
     * {@code loss_i} is recorded, before weighting, for the {@code <output>_loss} logs of a batch of {@code rows}.
     */
    Tensor compute(Tensor[] ys, List<Tensor> preds, Tensor[] ws, int rows) {
        Tensor total = null;
        for (int i = 0; i < losses.length; i++) {
            if (losses[i] == null) {
                continue;
            }
            checkTargets(outputs.get(i), ys[i], preds.get(i));
            checkWeights(i, ws[i], preds.get(i));
            Tensor li = losses[i].compute(ys[i], preds.get(i), perSampleWeights(ws[i], preds.get(i)));
            outputSums[i] += li.item() * rows;
            Tensor weighted = weights[i] == 1.0 ? li : Ops.scale(li, (float) weights[i]);
            total = total == null ? weighted : Ops.add(total, weighted);
        }
        return total;
    }

    /** Records a batch's total loss (penalties included) for the {@code loss} log. */
    void track(double total, int rows) {
        totalSum += total * rows;
        seen += rows;
    }

    /** The trackers' additive state: total, rows, then each output's sum. */
    double[] stateValues() {
        double[] v = new double[2 + outputSums.length];
        v[0] = totalSum;
        v[1] = seen;
        System.arraycopy(outputSums, 0, v, 2, outputSums.length);
        return v;
    }

    /** Restores {@link #stateValues}; returns the values used. */
    int setStateValues(double[] v, int from) {
        totalSum = v[from];
        seen = (long) v[from + 1];
        System.arraycopy(v, from + 2, outputSums, 0, outputSums.length);
        return 2 + outputSums.length;
    }

    void reset() {
        outputSums = new double[losses.length];
        totalSum = 0;
        seen = 0;
    }

    /** Puts {@code loss} and the per-output losses, running since the last reset (NaN before any batch). */
    void results(Map<String, Double> into) {
        into.put("loss", seen == 0 ? Double.NaN : totalSum / seen);
        if (count() > 1) {
            for (int i = 0; i < losses.length; i++) {
                if (losses[i] != null) {
                    into.put(outputs.get(i) + "_loss", seen == 0 ? Double.NaN : outputSums[i] / seen);
                }
            }
        }
    }

    /**
     * One weight per sample for an output with a time axis applies to each of its time steps (Keras 3 expands and
     * broadcasts it): {@code [N]} becomes the per-sample loss shape, {@code yPred}'s shape without its last axis.
     */
    private static Tensor perSampleWeights(Tensor w, Tensor yPred) {
        if (w == null || w.rank() != 1 || yPred.rank() < 3) {
            return w;
        }
        int[] shape = Arrays.copyOf(yPred.shape(), yPred.rank() - 1);
        Tensor out = Tensor.zeros(shape);
        int rows = shape[0], inner = rows == 0 ? 0 : out.size() / rows;
        float[] src = w.buffer(), dst = out.buffer();
        for (int r = 0; r < rows; r++) {
            Arrays.fill(dst, r * inner, (r + 1) * inner, src[w.offset() + r]);
        }
        return out;
    }

    /** Per-timestep weights (samples, timesteps) need an output with a time axis of that length. */
    private void checkWeights(int i, Tensor w, Tensor yPred) {
        if (w == null || w.rank() < 2) {
            return;
        }
        if (yPred.rank() < 3 || yPred.dim(1) != w.dim(1)) {
            throw new IllegalArgumentException("sample_weight for output '" + outputs.get(i) + "' of model '" + model
                    + "' has shape " + Arrays.toString(w.shape()) + " (one weight per sample and time step), but the "
                    + "output has shape " + Arrays.toString(yPred.shape()) + (yPred.rank() < 3 ? ", with no time axis"
                    : ", with " + yPred.dim(1) + " time steps") + ". Give one weight per sample, shape [" + w.dim(0)
                    + "], or per time step, shape [samples, timesteps] for an output [samples, timesteps, ...].");
        }
    }

    private static void checkTargets(String output, Tensor y, Tensor yPred) {
        int[] ys = y.shape(), ps = yPred.shape();
        boolean sparse = ys.length == ps.length - 1 || (ys.length == ps.length && ys[ys.length - 1] == 1);
        boolean same = Arrays.equals(Arrays.copyOfRange(ys, 1, ys.length), Arrays.copyOfRange(ps, 1, ps.length));
        if (!same && !sparse) {
            StringBuilder tail = new StringBuilder();
            for (int i = 1; i < ps.length; i++) {
                tail.append(", ").append(ps[i]);
            }
            throw new IllegalArgumentException("Target y" + (output == null ? "" : " of output '" + output + "'")
                    + " has shape " + Arrays.toString(ys) + " but the model output has shape "
                    + Arrays.toString(ps) + "; expected y of shape [batch" + tail + "] (or integer labels of shape [batch] "
                    + "for sparse losses).");
        }
    }
}
