package org.jkeras.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jkeras.data.Batch;
import org.jkeras.tensor.Tensor;

/**
 * Turns {@code x}, {@code y} and {@code sample_weight}, each a {@link Structure}, into one flat array
 * {@code {x_1..x_I, y_1..y_O, w_1..w_O}} in the model's input and output order (Keras 3's
 * {@code data_adapter_utils} and the structure checks of its trainer), with every check and message: map keys
 * that name no input or output, missing targets of outputs that have a loss or metrics, sample-weight shapes,
 * and the cardinality of all arrays. Class weights become per-sample weights here too.
 *
 * <pre>{@code
 * DataFlattener f = new DataFlattener(model);
 * Tensor[] flat = f.arrays(Structure.of(x), Structure.of(y), null, "x", "y");
 * }</pre>
 */
final class DataFlattener {
    private final Trainer model;

    DataFlattener(Trainer model) {
        this.model = model;
    }

    int numInputs() {
        return model.inputNames().size();
    }

    int numOutputs() {
        return model.outputNames().size();
    }

    /** Outputs that need targets: those with a loss or metrics (all outputs before compile). */
    private boolean[] neededOutputs() {
        CompileLoss loss = model.compiledLoss();
        int n = numOutputs();
        boolean[] need = new boolean[n];
        for (int i = 0; i < n; i++) {
            need[i] = loss == null || loss.loss(i) != null || model.compiledMetrics().has(i);
        }
        return need;
    }

    /** {@code x} in the model's input order, checking names and counts. */
    Tensor[] inputs(Structure x, String what) {
        return flatten(x, model.inputNames(), null, what, "input");
    }

    /** {@code y} in output order: entries are null for outputs without a loss or metrics that were not given. */
    Tensor[] targets(Structure y, String what) {
        return flatten(y, model.outputNames(), neededOutputs(), what, "output");
    }

    /** Sample weights per output: one Tensor for all, a list per output, or a map by output name (missing: none). */
    Tensor[] weights(Structure w, String what) {
        int n = numOutputs();
        Tensor[] out = new Tensor[n];
        if (w == null) {
            return out;
        }
        if (w.isTensor()) {
            Arrays.fill(out, w.tensor());
            return out;
        }
        if (w.isMap()) {
            Map<String, Tensor> map = w.map();
            CompileLoss.checkKeys(map.keySet(), model.outputNames(), what, model.name());
            for (int i = 0; i < n; i++) {
                out[i] = map.get(model.outputNames().get(i));
            }
            return out;
        }
        return flatten(w, model.outputNames(), new boolean[n], what, "output");
    }

    /** {x..., y..., w...} of in-memory arrays as one flat array, checked for cardinality and weight shapes. */
    Tensor[] arrays(Structure x, Structure y, Structure w, String xName, String yName) {
        Tensor[] xs = inputs(x, xName);
        Tensor[] ys = targets(y, yName);
        String wName = xName.replace("x", "sample_weight");
        Tensor[] ws = weights(w, wName);
        checkWeights(ys, ws, xs[0].dim(0), wName);
        Tensor[] flat = concat(xs, ys, ws);
        checkCardinality(flat, xName, yName);
        return flat;
    }

    /**
     * One weight per sample {@code [N]}, or (an output with a time axis) one per sample and time step
     * {@code [N, T]} as Keras 3 accepts directly; with compile's {@code sampleWeightMode("temporal")} (Keras 2) an
     * output's weights must be {@code [N, T]}.
     */
    private void checkWeights(Tensor[] ys, Tensor[] ws, int rows, String what) {
        for (int i = 0; i < ws.length; i++) {
            Tensor w = ws[i];
            if (w == null) {
                continue;
            }
            String label = ws.length == 1 ? what : what + "['" + model.outputNames().get(i) + "']";
            boolean temporal = model.compiledLoss() != null && model.compiledLoss().temporal(i);
            int[] ts = ys[i] == null ? null : ys[i].shape();
            boolean perStep = w.rank() == 2 && ts != null && ts.length >= 2 && w.dim(1) == ts[1];
            if (temporal && !perStep) {
                throw new IllegalArgumentException(label + " has shape " + Arrays.toString(w.shape()) + " but output '"
                        + model.outputNames().get(i) + "' was compiled with sample_weight_mode=\"temporal\", which needs "
                        + "one weight per sample and time step: shape [" + rows + ", "
                        + (ts != null && ts.length >= 2 ? ts[1] : "timesteps") + "] for targets of shape "
                        + (ts == null ? "[samples, timesteps, ...]" : Arrays.toString(ts)) + ".");
            }
            if (w.rank() == 0 || w.dim(0) != rows || (w.rank() != 1 && !perStep)) {
                throw new IllegalArgumentException(label + " must have shape [" + rows + "] (one weight per sample)"
                        + (ts != null && ts.length >= 2 ? " or [" + rows + ", " + ts[1] + "] (one per time step)" : "")
                        + "; received shape " + Arrays.toString(w.shape()) + ".");
            }
        }
    }

    /**
     * {@code needed} (outputs only): which entries must be present; a single Tensor goes to the only needed entry.
     */
    private Tensor[] flatten(Structure s, List<String> names, boolean[] needed, String what, String kind) {
        int n = names.size();
        Tensor[] out = new Tensor[n];
        if (s == null) {
            throw new IllegalArgumentException(what + " is null; pass a Tensor, a List<Tensor> or a Map<String, Tensor> "
                    + "keyed by " + kind + " name " + names + ".");
        }
        if (s.isTensor()) {
            int target = n == 1 ? 0 : -1;
            if (n > 1 && needed != null) {
                int count = 0;
                for (int i = 0; i < n; i++) {
                    if (needed[i]) {
                        target = i;
                        count++;
                    }
                }
                target = count == 1 ? target : -1;
            }
            if (target < 0) {
                throw new IllegalArgumentException(what + " is a single Tensor but model '" + model.name() + "' has " + n
                        + " " + kind + "s " + names + "; pass a List<Tensor> in that order or a Map<String, Tensor> by name.");
            }
            out[target] = s.tensor();
            return out;
        }
        if (s.isList()) {
            List<?> list = s.list();
            if (list.size() != n) {
                throw new IllegalArgumentException(what + " is a list of " + list.size() + " array(s) but model '"
                        + model.name() + "' has " + n + " " + kind + "(s) " + names + "; pass exactly one array per " + kind
                        + " in that order, or a Map<String, Tensor> by name.");
            }
            for (int i = 0; i < n; i++) {
                out[i] = asTensor(list.get(i), what + "[" + i + "]");
            }
        } else {
            Map<String, Tensor> map = s.map();
            List<String> unknown = new ArrayList<>();
            for (String k : map.keySet()) {
                if (!names.contains(k)) {
                    unknown.add(k);
                }
            }
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (map.containsKey(names.get(i))) {
                    out[i] = asTensor(map.get(names.get(i)), what + "['" + names.get(i) + "']");
                } else if (needed == null || needed[i]) {
                    missing.add(names.get(i));
                }
            }
            if (!unknown.isEmpty() || !missing.isEmpty()) {
                throw new IllegalArgumentException(what + " is a map with keys " + map.keySet() + " but model '"
                        + model.name() + "' expects the " + kind + " names " + names
                        + (missing.isEmpty() ? "" : "; missing: " + missing)
                        + (unknown.isEmpty() ? "" : "; unknown: " + unknown) + ". Key each array by its " + kind + " name.");
            }
        }
        if (needed != null) {
            for (int i = 0; i < n; i++) {
                if (needed[i] && out[i] == null) {
                    throw new IllegalArgumentException(what + " has no array for output '" + names.get(i)
                            + "', which has a loss or metrics; give its targets.");
                }
            }
        }
        return out;
    }

    private static Tensor asTensor(Object o, String what) {
        if (o instanceof Tensor) {
            return (Tensor) o;
        }
        throw new IllegalArgumentException(what + " must be a Tensor; received "
                + (o == null ? "null" : o.getClass().getName()) + ".");
    }

    static Tensor[] concat(Tensor[] xs, Tensor[] ys, Tensor[] ws) {
        Tensor[] flat = new Tensor[xs.length + ys.length + ws.length];
        System.arraycopy(xs, 0, flat, 0, xs.length);
        System.arraycopy(ys, 0, flat, xs.length, ys.length);
        System.arraycopy(ws, 0, flat, xs.length + ys.length, ws.length);
        return flat;
    }

    /** All arrays have the same number of samples; {@code yName} null: inputs only, zero rows allowed (predict). */
    void checkCardinality(Tensor[] flat, String xName, String yName) {
        int nIn = numInputs(), nOut = (flat.length - nIn) / 2;
        int rows = -1;
        String first = null;
        for (int i = 0; i < flat.length; i++) {
            Tensor t = flat[i];
            if (t == null) {
                continue;
            }
            String label = label(i, nIn, nOut, xName, yName);
            if (t.rank() == 0) {
                throw new IllegalArgumentException(label + " needs a batch axis; received a scalar.");
            }
            if (rows < 0) {
                rows = t.dim(0);
                first = label + " has " + rows + " samples (shape " + Arrays.toString(t.shape()) + ")";
            } else if (t.dim(0) != rows) {
                throw new IllegalArgumentException("Data cardinality is ambiguous: " + first + " but " + label + " has "
                        + t.dim(0) + " samples (shape " + Arrays.toString(t.shape()) + "). Make sure all arrays contain "
                        + "the same number of samples.");
            }
        }
        if (rows == 0 && yName != null) {
            throw new IllegalArgumentException(xName + " has no samples (shape " + Arrays.toString(flat[0].shape()) + ").");
        }
    }

    private String label(int i, int nIn, int nOut, String xName, String yName) {
        if (i < nIn) {
            return nIn == 1 ? xName : xName + "['" + model.inputNames().get(i) + "']";
        }
        i -= nIn;
        String base = i < nOut ? yName : xName.replace("x", "sample_weight");
        int k = i % Math.max(1, nOut);
        return nOut == 1 ? base : base + "['" + model.outputNames().get(k) + "']";
    }

    /** The converter from a Sequence's or generator's batches to flat arrays. */
    Function<Batch, Tensor[]> batchConverter(boolean needTargets, Map<Integer, Double> classWeight) {
        return b -> {
            Tensor[] xs = inputs(Structure.of(b.inputStructure(), "the inputs of batch " + b), "the inputs of batch " + b);
            if (!needTargets) {
                return xs;
            }
            if (!b.hasTargets()) {
                throw new IllegalArgumentException("A batch without targets reached fit()/evaluate(): batch " + b
                        + ". Training and evaluation need Batch.of(inputs, targets); use predict() for inputs only.");
            }
            Tensor[] ys = targets(Structure.of(b.targetStructure(), "the targets of batch " + b),
                    "the targets of batch " + b);
            Tensor[] ws = weights(Structure.ofNullable(b.sampleWeightStructure(), "the sample weights of batch " + b),
                    "the sample weights of batch " + b);
            if (classWeight != null) {
                applyClassWeights(ys, ws, classWeight);
            }
            return concat(xs, ys, ws);
        };
    }

    /** A copy of {@code flat} whose weights are multiplied by the class weights of its targets. */
    Tensor[] withClassWeights(Tensor[] flat, Map<Integer, Double> classWeight) {
        int nIn = numInputs(), nOut = numOutputs();
        Tensor[] out = flat.clone();
        Tensor[] ys = Arrays.copyOfRange(flat, nIn, nIn + nOut), ws = Arrays.copyOfRange(flat, nIn + nOut, flat.length);
        applyClassWeights(ys, ws, classWeight);
        System.arraycopy(ws, 0, out, nIn + nOut, nOut);
        return out;
    }

    private void applyClassWeights(Tensor[] ys, Tensor[] ws, Map<Integer, Double> classWeight) {
        if (ys.length != 1) {
            throw new IllegalArgumentException("class_weight is only supported for models with one output; model '"
                    + model.name() + "' has outputs " + model.outputNames() + ". Pass per-output sample weights instead.");
        }
        if (ws[0] != null && ws[0].rank() != 1) {
            throw new IllegalArgumentException("class_weight cannot be combined with per-time-step sample weights of shape "
                    + Arrays.toString(ws[0].shape()) + "; fold the class weights into the sample weights instead.");
        }
        Tensor cw = classWeights(ys[0], classWeight);
        ws[0] = ws[0] == null ? cw : ws[0].mul(cw);
    }

    /** Per-sample weights from class weights: class = argmax of one-hot targets, or the integer label. */
    static Tensor classWeights(Tensor y, Map<Integer, Double> classWeight) {
        int n = y.dim(0);
        int[] labels;
        if (y.rank() == 1 || (y.rank() == 2 && y.dim(1) == 1)) {
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = Math.round(y.buffer()[y.offset() + i]);
            }
        } else {
            labels = y.argmaxLastAxis();
        }
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            Double v = classWeight.get(labels[i]);
            if (v == null) {
                throw new IllegalArgumentException("class_weight has no entry for class " + labels[i]
                        + " (found in y); give a weight for every class. Received keys: " + classWeight.keySet() + ".");
            }
            w[i] = v.floatValue();
        }
        return Tensor.of(w, n);
    }
}
