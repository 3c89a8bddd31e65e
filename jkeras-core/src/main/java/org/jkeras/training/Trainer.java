package org.jkeras.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.autodiff.Variable;
import org.jkeras.callbacks.CallbackList;
import org.jkeras.callbacks.History;
import org.jkeras.data.Batch;
import org.jkeras.data.BatchStream;
import org.jkeras.data.BatchStreams;
import org.jkeras.data.Sequence;
import org.jkeras.layers.Layer;
import org.jkeras.losses.Loss;
import org.jkeras.losses.Losses;
import org.jkeras.metrics.Metric;
import org.jkeras.metrics.Metrics;
import org.jkeras.ops.Ops;
import org.jkeras.optimizers.Optimizer;
import org.jkeras.optimizers.Optimizers;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.Workspace;

/**
 * The training half of a Keras model ({@code keras.src.trainers.Trainer}): {@code compile}, and the loops behind
 * {@code fit}, {@code evaluate}, {@code predict} and their {@code *OnBatch} forms. Models extend it and supply the
 * forward pass, their input and output names and their weights. A Trainer is a {@link Layer}, as a Keras model is,
 * so a model can be used inside another.
 *
 * <p><b>Data in every Keras form.</b> Inputs {@code x}, targets {@code y} and sample weights are each a
 * {@link Tensor} (single input / output), a {@code List<Tensor>} in the model's input (output) order, or a
 * {@code Map<String, Tensor>} keyed by input (output) name. A map must name exactly the model's inputs; targets
 * are needed for the outputs that have a loss or metrics. One sample-weight Tensor applies to every output.
 * Batches from a {@code Sequence} or a generator may use the same three forms.
 *
 * <p><b>Losses and logs.</b> The total loss is {@code Σ lossWeight_i · loss_i} over the outputs that have a
 * loss; with more than one loss each is also logged, before weighting, as {@code <output>_loss}. With several
 * outputs, metrics are logged as {@code <output>_<metric>} (e.g. {@code out_b_accuracy}); duplicates get
 * {@code _1}, {@code _2}; a weighted metric whose name collides with a plain one becomes
 * {@code <output>_weighted_<metric>}. Validation keys add the {@code val_} prefix. These are Keras 3's names.
 *
 * <p>Semantics follow Keras 3: batches are consecutive slices of the (reshuffled) index order, the last one
 * partial; the epoch {@code loss} is the batch losses' mean weighted by batch rows; metrics accumulate over
 * the epoch; batch logs hold running values; {@code validation_split} holds out the tail before shuffling;
 * callbacks run user-first, then History, then the progress bar. Deliberate differences, where Keras is
 * error-prone: {@code validationSplit} outside [0, 1) and {@code batchSize <= 0} are errors, a loss list shorter
 * than the outputs is an error, map keys that name no input or output are errors, and {@code onTrainEnd} runs
 * even when training fails (then the exception propagates).
 *
 * <pre>{@code
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * History h = model.fit(x, y, FitOptions.defaults().epochs(5).batchSize(128));
 * Map<String, Double> scores = model.evaluate(xTest, yTest);
 * Tensor probs = model.predict(xTest);
 * // two named inputs, two named outputs
 * model2.fit(Map.of("input_1", x1, "input_2", x2), Map.of("out_a", ya, "out_b", yb), FitOptions.defaults());
 * Map<String, Tensor> p = model2.predict(Map.of("input_1", x1, "input_2", x2), EvaluateOptions.defaults());
 * }</pre>
 */
public abstract class Trainer extends Layer implements org.jkeras.callbacks.CallbackModel {
    private Optimizer optimizer;
    private CompileOptions compileOptions;
    /** Per output: its loss (null = none), weight, metrics and weighted metrics as given to compile. */
    private Loss[] losses;
    private double[] lossWeights;
    private List<List<Object>> metricSpecs;
    private List<List<Object>> weightedMetricSpecs;
    /** Resolved on the first batch (accuracy depends on shapes). */
    private List<MetricSlot> slots;
    private boolean stopTraining;
    private History history;
    /** Per-output loss sums of the running epoch / evaluation, weighted by batch rows. */
    private double[] outputLossSums;
    /** Recycles each step's temporaries, so steady-state training allocates nothing per step. */
    private final Workspace workspace = new Workspace();

    private static final class MetricSlot {
        final int output;
        final Metric metric;
        final boolean weighted;
        String key;

        MetricSlot(int output, Metric metric, boolean weighted) {
            this.output = output;
            this.metric = metric;
            this.weighted = weighted;
        }
    }

    // ------------------------------------------------------------------ what a model supplies

    /** The forward pass on one batch: the inputs in {@link #inputNames()} order, the outputs in output order. */
    protected abstract List<Tensor> forward(List<Tensor> inputs, boolean training);

    /** The variables the optimizer updates, in Keras order. */
    @Override
    public abstract List<Variable> trainableWeights();

    /**
     * Builds the model for these input shapes (batch axis -1) if it is not built yet, and checks each against the
     * model's inputs, naming the input in the message.
     */
    protected abstract void ensureBuilt(List<int[]> inputShapes);

    /** The model's input names, in model order. */
    public abstract List<String> inputNames();

    /** The model's output names, in model order (the keys of per-output losses, metrics and predictions). */
    public abstract List<String> outputNames();

    /** Packs flat outputs into the model's output form: a Tensor, a {@code List<Tensor>} or a {@code Map}. */
    protected abstract Object packOutputs(List<Tensor> outputs);

    // ------------------------------------------------------------------ compile

    /** {@code compile(optimizer, loss, metrics)} with Keras names, e.g. {@code ("adam", "mse", "mae")}. */
    public void compile(String optimizer, String loss, String... metrics) {
        compile(Optimizers.get(optimizer), Losses.get(loss), metrics);
    }

    /** {@code compile} with an optimizer instance and a loss name. */
    public void compile(Optimizer optimizer, String loss, String... metrics) {
        compile(optimizer, Losses.get(loss), metrics);
    }

    /**
     * {@code compile} with instances; the loss applies to every output, so do the metrics. Metric names are
     * resolved as Keras 3 does on the first batch, from the shapes of the targets and predictions
     * ({@code "accuracy"} becomes binary, categorical or sparse).
     */
    public void compile(Optimizer optimizer, Loss loss, String... metrics) {
        if (loss == null) {
            throw new IllegalArgumentException("loss is null; pass a loss name such as \"categorical_crossentropy\" or a Loss.");
        }
        compile(CompileOptions.optimizer(optimizer).loss((Object) loss).metrics(metrics));
    }

    /**
     * {@code compile} in every Keras form: losses, loss weights, metrics and weighted metrics for every output, as a
     * list per output, or as a map by output name (see {@link CompileOptions}).
     *
     * @throws IllegalArgumentException for a loss list whose length is not the number of outputs, a map key that
     *     names no output, an unknown loss or metric name, or when no output has a loss
     */
    public void compile(CompileOptions o) {
        List<String> outs = outputNames();
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
                throw new IllegalArgumentException("loss is a list of " + list.size() + " but model '" + name() + "' has " + n
                        + " output(s) " + outs + "; give exactly one loss per output (null for an output without loss), "
                        + "or a map by output name. (Keras 3 silently trains only some outputs here; jkeras refuses.)");
            }
            for (int i = 0; i < n; i++) {
                ls[i] = toLoss(list.get(i), "loss[" + i + "]");
            }
        } else if (loss instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) loss;
            checkKeys(map.keySet(), outs, "loss");
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
        boolean any = false;
        for (Loss l : ls) {
            any |= l != null;
        }
        if (!any) {
            throw new IllegalArgumentException("No output of model '" + name() + "' has a loss, so there is no loss to "
                    + "optimize; give a loss for at least one of " + outs + ".");
        }
        double[] lw = new double[n];
        Arrays.fill(lw, 1.0);
        if (o.lossWeights instanceof List) {
            List<?> list = (List<?>) o.lossWeights;
            if (list.size() != n) {
                throw new IllegalArgumentException("loss_weights is a list of " + list.size() + " but model '" + name()
                        + "' has " + n + " output(s) " + outs + "; give one weight per output or a map by output name.");
            }
            for (int i = 0; i < n; i++) {
                lw[i] = toWeight(list.get(i), "loss_weights[" + i + "]");
            }
        } else if (o.lossWeights instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) o.lossWeights;
            checkKeys(map.keySet(), outs, "loss_weights");
            for (int i = 0; i < n; i++) {
                if (map.containsKey(outs.get(i))) {
                    lw[i] = toWeight(map.get(outs.get(i)), "loss_weights['" + outs.get(i) + "']");
                }
            }
        } else if (o.lossWeights instanceof Number) {
            Arrays.fill(lw, toWeight(o.lossWeights, "loss_weights"));
        } else if (o.lossWeights != null) {
            throw new IllegalArgumentException("loss_weights must be a list of numbers or a map from output name to number; "
                    + "received " + o.lossWeights.getClass().getName() + ".");
        }
        List<List<Object>> ms = metricSpecs(o.metrics, outs, "metrics");
        List<List<Object>> wms = metricSpecs(o.weightedMetrics, outs, "weighted_metrics");
        this.optimizer = o.optimizer;
        this.compileOptions = o;
        this.losses = ls;
        this.lossWeights = lw;
        this.metricSpecs = ms;
        this.weightedMetricSpecs = wms;
        this.slots = null;
    }

    private static Loss toLoss(Object spec, String what) {
        if (spec == null) {
            return null;
        }
        if (spec instanceof Loss) {
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

    private void checkKeys(Collection<?> keys, List<String> names, String what) {
        for (Object k : keys) {
            if (!names.contains(k)) {
                throw new IllegalArgumentException(what + " names '" + k + "', which is not an output of model '" + name()
                        + "'. Expected keys among the output names " + names + ".");
            }
        }
    }

    /** Normalises a metrics argument to one list of specs (String or Metric) per output. */
    private List<List<Object>> metricSpecs(Object spec, List<String> outs, String what) {
        int n = outs.size();
        List<List<Object>> per = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            per.add(new ArrayList<>());
        }
        if (spec == null) {
            return per;
        }
        if (spec instanceof String || spec instanceof Metric) {
            spec = List.of(spec);
        }
        if (spec instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) spec;
            checkKeys(map.keySet(), outs, what);
            for (int i = 0; i < n; i++) {
                Object v = map.get(outs.get(i));
                if (v != null) {
                    for (Object m : v instanceof List ? (List<?>) v : List.of(v)) {
                        per.get(i).add(checkMetric(m, what + "['" + outs.get(i) + "']"));
                    }
                }
            }
            return per;
        }
        if (!(spec instanceof List)) {
            throw new IllegalArgumentException(what + " must be a list of names/Metrics, a list of such lists (one per "
                    + "output) or a map by output name; received " + spec.getClass().getName() + ".");
        }
        List<?> list = (List<?>) spec;
        boolean nested = !list.isEmpty() && list.stream().allMatch(e -> e == null || e instanceof List);
        if (nested) {
            if (list.size() != n) {
                throw new IllegalArgumentException(what + " is a list of " + list.size() + " lists but model '" + name()
                        + "' has " + n + " output(s) " + outs + "; give one list per output (empty for none) or a map.");
            }
            for (int i = 0; i < n; i++) {
                if (list.get(i) != null) {
                    for (Object m : (List<?>) list.get(i)) {
                        per.get(i).add(checkMetric(m, what + "[" + i + "]"));
                    }
                }
            }
            return per;
        }
        for (Object m : list) {
            checkMetric(m, what);
            if (m instanceof Metric && n > 1) {
                throw new IllegalArgumentException(what + ": the Metric object " + m + " cannot be applied to all " + n
                        + " outputs " + outs + " (it would mix their values); give metric names, or one Metric per "
                        + "output in a map by output name.");
            }
            for (int i = 0; i < n; i++) {
                per.get(i).add(m);
            }
        }
        return per;
    }

    private static Object checkMetric(Object m, String what) {
        if (m instanceof String) {
            Metrics.get((String) m); // validates the name now, with the list of valid names
            return m;
        }
        if (m instanceof Metric) {
            return m;
        }
        throw new IllegalArgumentException(what + " must hold metric names or Metric objects; received "
                + (m == null ? "null" : m.getClass().getName()) + ".");
    }

    /** The metric names given to {@code compile}, as given (Keras's {@code compile_config["metrics"]}). */
    public List<String> compiledMetricNames() {
        if (metricSpecs == null || metricSpecs.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Object m : metricSpecs.get(0)) {
            names.add(m instanceof Metric ? ((Metric) m).name() : String.valueOf(m));
        }
        return names;
    }

    /** The options of the last {@code compile} (every compile form ends up as one), or null before compile. */
    public CompileOptions compileOptions() {
        return compileOptions;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** The loss of the first output that has one (the model's loss when it has one output). */
    public Loss loss() {
        if (losses == null) {
            return null;
        }
        for (Loss l : losses) {
            if (l != null) {
                return l;
            }
        }
        return null;
    }

    /**
     * The compiled loss of each output, in output order (null for an output without loss); empty before compile.
     * (Keras's {@code model.losses} — the regularization penalties — is {@link #losses()}.)
     */
    public List<Loss> compiledLosses() {
        return losses == null ? List.of() : java.util.Collections.unmodifiableList(Arrays.asList(losses.clone()));
    }

    /** Keras's {@code model.stop_training}: set to true from a callback to stop after the current batch. */
    public void setStopTraining(boolean stop) {
        this.stopTraining = stop;
    }

    public boolean stopTraining() {
        return stopTraining;
    }

    // ------------------------------------------------------------------ callbacks.CallbackModel (callbacks branch)

    /** Set by a callback's onTrainBegin (BackupAndRestore); read once by runFit right after it. */
    private Integer resumeEpoch;

    @Override
    public String metricDirection(String metricName) {
        String direction = null;
        if (slots != null) {
            for (MetricSlot s : slots) {
                if (s.metric.name().equals(metricName) && s.metric.direction() != null) {
                    direction = s.metric.direction(); // Keras: the last metric of that name wins
                }
            }
        }
        return direction;
    }

    @Override
    public void setInitialEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("initial epoch must be >= 0; received: " + epoch + ".");
        }
        this.resumeEpoch = epoch;
    }

    /** The History of the last {@code fit} (Keras's {@code model.history}). */
    public History history() {
        return history;
    }

    private void requireCompiled(String what) {
        if (optimizer == null || losses == null) {
            throw new IllegalStateException("You must call compile() before " + what
                    + "; e.g. model.compile(\"adam\", \"categorical_crossentropy\", \"accuracy\").");
        }
    }

    private int numInputs() {
        return inputNames().size();
    }

    private int numOutputs() {
        return losses != null ? losses.length : outputNames().size();
    }

    /** Outputs that need targets: those with a loss or metrics. */
    private boolean[] neededOutputs() {
        int n = numOutputs();
        boolean[] need = new boolean[n];
        for (int i = 0; i < n; i++) {
            need[i] = losses[i] != null || !metricSpecs.get(i).isEmpty() || !weightedMetricSpecs.get(i).isEmpty();
        }
        return need;
    }

    private List<MetricSlot> slots(Tensor[] ys, List<Tensor> preds) {
        if (slots == null) {
            List<MetricSlot> list = new ArrayList<>();
            IdentityHashMap<Metric, Boolean> used = new IdentityHashMap<>();
            for (int pass = 0; pass < 2; pass++) {
                List<List<Object>> specs = pass == 0 ? metricSpecs : weightedMetricSpecs;
                for (int i = 0; i < specs.size(); i++) {
                    for (Object s : specs.get(i)) {
                        Metric m = s instanceof Metric ? (Metric) s
                                : Metrics.resolve((String) s, ys[i].shape(), preds.get(i).shape());
                        if (used.put(m, Boolean.TRUE) != null) {
                            throw new IllegalArgumentException("The Metric object " + m + " is given more than once; "
                                    + "each output and list needs its own instance.");
                        }
                        list.add(new MetricSlot(i, m, pass == 1));
                    }
                }
            }
            // Keras 3's CompileMetrics.result(): output prefix with several outputs; duplicates get _1, _2; a weighted
            // metric colliding with a plain one becomes weighted_<name>.
            List<String> outs = outputNames();
            boolean prefix = numOutputs() > 1;
            Map<String, Integer> counters = new HashMap<>();
            for (String reserved : lossKeys()) {
                counters.put(reserved, 1);
            }
            for (MetricSlot s : list) {
                String p = prefix ? outs.get(s.output) + "_" : "";
                String key = p + s.metric.name();
                if (!counters.containsKey(key)) {
                    counters.put(key, 1);
                } else if (!s.weighted) {
                    int idx = counters.merge(key, 1, Integer::sum) - 1;
                    key = key + "_" + idx;
                } else {
                    key = p + "weighted_" + s.metric.name();
                    if (!counters.containsKey(key)) {
                        counters.put(key, 1);
                    } else {
                        int idx = counters.merge(key, 1, Integer::sum) - 1;
                        key = key + "_" + idx;
                    }
                }
                s.key = key;
            }
            slots = list;
        }
        return slots;
    }

    /** {@code loss}, then {@code <output>_loss} per output with a loss when more than one has a loss. */
    private List<String> lossKeys() {
        List<String> keys = new ArrayList<>();
        keys.add("loss");
        if (countLosses() > 1) {
            List<String> outs = outputNames();
            for (int i = 0; i < losses.length; i++) {
                if (losses[i] != null) {
                    keys.add(outs.get(i) + "_loss");
                }
            }
        }
        return keys;
    }

    private int countLosses() {
        int c = 0;
        for (Loss l : losses) {
            c += l != null ? 1 : 0;
        }
        return c;
    }

    /**
     * The keys of {@code evaluate}'s result and of the training logs, in Keras's {@code metrics_names} order:
     * {@code loss}, the per-output losses, then the metrics (known once a batch has run).
     */
    public List<String> metricsNames() {
        if (losses == null) {
            return List.of();
        }
        List<String> names = lossKeys();
        if (slots != null) {
            for (MetricSlot s : slots) {
                names.add(s.key);
            }
        }
        return names;
    }

    // ------------------------------------------------------------------ data structures

    /** Flattens {@code x} (Tensor, List or Map) into the model's input order, checking names and counts. */
    private Tensor[] flattenInputs(Object x, String what) {
        return flatten(x, inputNames(), null, what, "input");
    }

    private Tensor[] flattenTargets(Object y, String what) {
        return flatten(y, outputNames(), neededOutputs(), what, "output");
    }

    /**
     * {@code needed} (outputs only): which entries must be present; a single Tensor goes to the only needed entry.
     */
    private Tensor[] flatten(Object s, List<String> names, boolean[] needed, String what, String kind) {
        int n = names.size();
        Tensor[] out = new Tensor[n];
        if (s == null) {
            throw new IllegalArgumentException(what + " is null; pass a Tensor, a List<Tensor> or a Map<String, Tensor> "
                    + "keyed by " + kind + " name " + names + ".");
        }
        if (s instanceof Tensor) {
            int target = -1;
            if (n == 1) {
                target = 0;
            } else if (needed != null) {
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
                throw new IllegalArgumentException(what + " is a single Tensor but model '" + name() + "' has " + n + " "
                        + kind + "s " + names + "; pass a List<Tensor> in that order or a Map<String, Tensor> by name.");
            }
            out[target] = (Tensor) s;
            return out;
        }
        if (s instanceof List) {
            List<?> list = (List<?>) s;
            if (list.size() != n) {
                throw new IllegalArgumentException(what + " is a list of " + list.size() + " array(s) but model '" + name()
                        + "' has " + n + " " + kind + "(s) " + names + "; pass exactly one array per " + kind
                        + " in that order, or a Map<String, Tensor> by name.");
            }
            for (int i = 0; i < n; i++) {
                out[i] = asTensor(list.get(i), what + "[" + i + "]");
            }
        } else if (s instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) s;
            List<String> unknown = new ArrayList<>();
            for (Object k : map.keySet()) {
                if (!names.contains(k)) {
                    unknown.add(String.valueOf(k));
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
                throw new IllegalArgumentException(what + " is a map with keys " + map.keySet() + " but model '" + name()
                        + "' expects the " + kind + " names " + names
                        + (missing.isEmpty() ? "" : "; missing: " + missing)
                        + (unknown.isEmpty() ? "" : "; unknown: " + unknown) + ". Key each array by its " + kind + " name.");
            }
        } else {
            throw new IllegalArgumentException(what + " must be a Tensor, a List<Tensor> or a Map<String, Tensor>; "
                    + "received " + s.getClass().getName() + ".");
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

    /** Sample weights per output: one Tensor for all, a list per output, or a map by output name. */
    private Tensor[] flattenWeights(Object w, String what) {
        int n = numOutputs();
        Tensor[] out = new Tensor[n];
        if (w == null) {
            return out;
        }
        if (w instanceof Tensor) {
            Arrays.fill(out, (Tensor) w);
            return out;
        }
        if (w instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) w;
            checkKeys(map.keySet(), outputNames(), what);
            for (int i = 0; i < n; i++) {
                Object v = map.get(outputNames().get(i));
                out[i] = v == null ? null : asTensor(v, what + "['" + outputNames().get(i) + "']");
            }
            return out;
        }
        return flatten(w, outputNames(), new boolean[n], what, "output");
    }

    /** {x..., y..., w...} as one flat array, checked for cardinality. */
    private Tensor[] flatData(Object x, Object y, Object w, String xName, String yName) {
        Tensor[] xs = flattenInputs(x, xName);
        Tensor[] ys = flattenTargets(y, yName);
        Tensor[] ws = flattenWeights(w, xName.replace("x", "sample_weight"));
        if (ws.length > 0) {
            for (int i = 0; i < ws.length; i++) {
                if (ws[i] != null && (ws[i].rank() != 1 || ws[i].dim(0) != xs[0].dim(0))) {
                    throw new IllegalArgumentException(xName.replace("x", "sample_weight") + " must have shape ["
                            + xs[0].dim(0) + "] (one weight per sample); received shape "
                            + Arrays.toString(ws[i].shape()) + ".");
                }
            }
        }
        Tensor[] flat = concat(xs, ys, ws);
        checkCardinality(flat, xName, yName);
        return flat;
    }

    private static Tensor[] concat(Tensor[] xs, Tensor[] ys, Tensor[] ws) {
        Tensor[] flat = new Tensor[xs.length + ys.length + ws.length];
        System.arraycopy(xs, 0, flat, 0, xs.length);
        System.arraycopy(ys, 0, flat, xs.length, ys.length);
        System.arraycopy(ws, 0, flat, xs.length + ys.length, ws.length);
        return flat;
    }

    private void checkCardinality(Tensor[] flat, String xName, String yName) {
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
            return nIn == 1 ? xName : xName + "['" + inputNames().get(i) + "']";
        }
        i -= nIn;
        String w = xName.replace("x", "sample_weight");
        String base = i < nOut ? yName : w;
        int k = i % Math.max(1, nOut);
        return nOut == 1 ? base : base + "['" + outputNames().get(k) + "']";
    }

    private static Tensor[] slice(Tensor[] flat, int from, int to) {
        Tensor[] out = new Tensor[flat.length];
        for (int i = 0; i < flat.length; i++) {
            out[i] = flat[i] == null ? null : flat[i].slice(from, to);
        }
        return out;
    }

    private List<int[]> inputShapes(Tensor[] flat) {
        List<int[]> shapes = new ArrayList<>();
        for (int i = 0; i < numInputs(); i++) {
            shapes.add(withBatchAxis(flat[i].shape()));
        }
        return shapes;
    }

    private List<Tensor> inputsOf(Tensor[] flat) {
        return Arrays.asList(flat).subList(0, numInputs());
    }

    /** The converter from a Sequence's or generator's batches to flat arrays. */
    private Function<Batch, Tensor[]> batchConverter(boolean needTargets, Map<Integer, Double> classWeight) {
        return b -> {
            Tensor[] xs = flattenInputs(b.inputStructure(), "the inputs of batch " + b);
            if (!needTargets) {
                return xs;
            }
            if (!b.hasTargets()) {
                throw new IllegalArgumentException("A batch without targets reached fit()/evaluate(): batch " + b
                        + ". Training and evaluation need Batch.of(inputs, targets); use predict() for inputs only.");
            }
            Tensor[] ys = flattenTargets(b.targetStructure(), "the targets of batch " + b);
            Tensor[] ws = flattenWeights(b.sampleWeightStructure(), "the sample weights of batch " + b);
            if (classWeight != null) {
                applyClassWeights(ys, ws, classWeight);
            }
            return concat(xs, ys, ws);
        };
    }

    private void applyClassWeights(Tensor[] ys, Tensor[] ws, Map<Integer, Double> classWeight) {
        if (ys.length != 1) {
            throw new IllegalArgumentException("class_weight is only supported for models with one output; model '" + name()
                    + "' has outputs " + outputNames() + ". Pass per-output sample weights instead.");
        }
        Tensor cw = classWeights(ys[0], classWeight);
        ws[0] = ws[0] == null ? cw : ws[0].mul(cw);
    }

    // ------------------------------------------------------------------ fit

    /** {@code fit} with Keras's default arguments. */
    public History fit(Tensor x, Tensor y) {
        return fit(x, y, FitOptions.defaults());
    }

    /** Trains on arrays; see {@link FitOptions} for every argument. */
    public History fit(Tensor x, Tensor y, FitOptions o) {
        return fit((Object) x, (Object) y, o);
    }

    /**
     * Trains on arrays given in any Keras form: each of {@code x} and {@code y} a Tensor, a {@code List<Tensor>} in
     * model order or a {@code Map<String, Tensor>} by input / output name.
     */
    public History fit(Object x, Object y, FitOptions o) {
        requireCompiled("fit()");
        Tensor[] flat = flatData(x, y, o.sampleWeight, "x", "y");
        int nIn = numInputs(), nOut = numOutputs();
        Tensor[] trainFlat = flat;
        if (o.classWeight != null) {
            trainFlat = flat.clone();
            Tensor[] ys = Arrays.copyOfRange(flat, nIn, nIn + nOut), ws = Arrays.copyOfRange(flat, nIn + nOut, flat.length);
            applyClassWeights(ys, ws, o.classWeight);
            System.arraycopy(ws, 0, trainFlat, nIn + nOut, nOut);
        }
        Tensor[] valFlat = null;
        if (o.validationX != null) {
            valFlat = flatData(o.validationX, o.validationY, o.validationSampleWeight, "validation x", "validation y");
        } else if (o.validationSplit > 0) {
            int n = flat[0].dim(0);
            int splitAt = (int) Math.floor(n * (1.0 - o.validationSplit));
            if (splitAt == 0 || splitAt == n) {
                throw new IllegalArgumentException("validation_split=" + o.validationSplit + " leaves " + splitAt
                        + " training and " + (n - splitAt) + " validation samples out of " + n
                        + "; both parts must be non-empty. Use a split between 1/N and 1 - 1/N.");
            }
            // Keras 3 slices the user's weights too; validation is not class-weighted
            valFlat = slice(flat, splitAt, n);
            trainFlat = slice(trainFlat, 0, splitAt);
        }
        ensureBuilt(inputShapes(flat));
        ArrayBatches train = new ArrayBatches(trainFlat, o.batchSize, o.shuffle,
                new SplittableRandom(o.seed != null ? o.seed : Seeds.next()));
        int vb = o.validationBatchSize != null ? o.validationBatchSize : o.batchSize;
        EpochSource validation = valFlat == null ? null : new ArrayBatches(valFlat, vb, false, null);
        return runFit(train, train.steps(), validation, o);
    }

    /** {@code fit} on a Sequence (Keras 3's {@code fit(x=PyDataset)}); the same as {@link #fitGenerator(Sequence, FitOptions)}. */
    public History fit(Sequence data, FitOptions o) {
        return fitGenerator(data, o);
    }

    /** {@code fit} on a generator (Keras 3's form); the same as {@link #fitGenerator(Iterator, FitOptions)}. */
    public History fit(Iterator<Batch> data, FitOptions o) {
        return fitGenerator(data, o);
    }

    /**
     * Keras's {@code fit_generator} on a {@link Sequence}: {@code workers} threads (or child JVMs with
     * {@code useMultiprocessing}) load batches ahead, delivered in index order (or the epoch's seeded shuffle when
     * {@code shuffle}); {@code onEpochEnd} runs once per epoch on this thread. {@code stepsPerEpoch} defaults to
     * {@code size()}. A failing {@code get} ends training with its exception as the cause, naming the batch index.
     * Batches may hold Tensors, lists or maps by input/output name.
     */
    public History fitGenerator(Sequence data, FitOptions o) {
        requireCompiled("fitGenerator()");
        checkStreamOptions(o);
        if (data == null) {
            throw new IllegalArgumentException("The Sequence passed to fitGenerator() is null.");
        }
        int steps = o.stepsPerEpoch > 0 ? o.stepsPerEpoch : data.size();
        return streamFit(BatchStreams.forSequence(data, o.workers, o.maxQueueSize, o.shuffle,
                o.seed != null ? o.seed : Seeds.next(), o.useMultiprocessing), steps, o);
    }

    /**
     * Keras's {@code fit_generator} on a plain generator, read by exactly one background thread ({@code workers}
     * may be 0 or 1: a generator cannot be read in parallel without duplicating data — use a Sequence).
     * {@code stepsPerEpoch} is required. If the generator ends early, the epoch ends there with Keras's "ran out of
     * data" warning and training stops (Keras 3 would silently replay cached batches).
     */
    public History fitGenerator(Iterator<Batch> data, FitOptions o) {
        requireCompiled("fitGenerator()");
        checkStreamOptions(o);
        if (data == null) {
            throw new IllegalArgumentException("The generator passed to fitGenerator() is null.");
        }
        if (o.stepsPerEpoch <= 0) {
            throw new IllegalArgumentException("steps_per_epoch is required when training from a generator (it has no "
                    + "length); e.g. FitOptions.defaults().stepsPerEpoch(100). A Sequence knows its size.");
        }
        return streamFit(BatchStreams.forGenerator(data, o.maxQueueSize, o.workers, o.useMultiprocessing),
                o.stepsPerEpoch, o);
    }

    private History streamFit(BatchStream stream, int steps, FitOptions o) {
        EpochSource validation = null;
        try {
            validation = validationStream(o);
            return runFit(new StreamSource(stream, steps, batchConverter(true, o.classWeight)), steps, validation, o);
        } finally {
            stream.close();
            if (validation != null) {
                validation.close();
            }
        }
    }

    private static void checkStreamOptions(FitOptions o) {
        if (o.validationSplit > 0) {
            throw new IllegalArgumentException("validation_split=" + o.validationSplit + " is not supported with a Sequence "
                    + "or generator (it cannot be split); pass validationData(...) instead.");
        }
        if (o.sampleWeight != null) {
            throw new IllegalArgumentException("sample_weight cannot be given separately with a Sequence or generator; "
                    + "return it from the batches: Batch.of(x, y, sampleWeights).");
        }
    }

    private EpochSource validationStream(FitOptions o) {
        if (o.validationX != null) {
            Tensor[] flat = flatData(o.validationX, o.validationY, o.validationSampleWeight, "validation x", "validation y");
            int vb = o.validationBatchSize != null ? o.validationBatchSize : o.batchSize;
            return new ArrayBatches(flat, vb, false, null);
        }
        if (o.validationSequence != null) {
            return new StreamSource(BatchStreams.forSequence(o.validationSequence, o.workers, o.maxQueueSize, false, 0L,
                    o.useMultiprocessing), o.validationSteps, batchConverter(true, null));
        }
        if (o.validationGenerator != null) {
            if (o.validationSteps <= 0) {
                throw new IllegalArgumentException("validation_steps is required when validating on a generator; e.g. "
                        + "FitOptions.defaults().validationSteps(10).");
            }
            return new StreamSource(BatchStreams.forGenerator(o.validationGenerator, o.maxQueueSize,
                    Math.min(o.workers, 1), false), o.validationSteps, batchConverter(true, null));
        }
        return null;
    }

    /** The one training loop behind every form of {@code fit}. */
    private History runFit(EpochSource train, int paramsSteps, EpochSource validation, FitOptions o) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", o.verbose);
        params.put("epochs", o.epochs);
        params.put("steps", paramsSteps < 0 ? null : paramsSteps);
        History h = new History();
        CallbackList callbacks = CallbackList.build(o.callbacks, h, o.verbose, this, params);
        this.history = h;
        List<Variable> vars = null;
        stopTraining = false;
        Map<String, Double> epochLogs = new TreeMap<>();
        boolean finished = false;
        boolean warned = false;
        resumeEpoch = null;
        callbacks.onTrainBegin(null);
        try {
            int firstEpoch = o.initialEpoch;
            if (resumeEpoch != null && resumeEpoch > firstEpoch) { // callbacks branch: BackupAndRestore resumes here
                // Arrays draw one shuffle per epoch from one stream: draw the skipped epochs' so that later epochs see
                // the uninterrupted run's order (Sequence streams shuffle by epoch index and need nothing).
                for (int skipped = firstEpoch; train instanceof ArrayBatches && skipped < resumeEpoch
                        && skipped < o.epochs; skipped++) {
                    train.startEpoch(skipped);
                    train.endEpoch();
                }
                firstEpoch = resumeEpoch;
            }
            resumeEpoch = null;
            for (int epoch = firstEpoch; epoch < o.epochs; epoch++) {
                resetMetrics();
                callbacks.onEpochBegin(epoch, null);
                int steps = train.startEpoch(epoch);
                double lossSum = 0;
                long seen = 0;
                boolean ranOut = false;
                for (int step = 0; steps < 0 || step < steps; step++) {
                    Tensor[] b = train.next();
                    if (b == null) {
                        ranOut = train.ranOut();
                        break;
                    }
                    if (vars == null) {
                        ensureBuilt(inputShapes(b));
                        vars = trainableWeights();
                    }
                    callbacks.onTrainBatchBegin(step, null);
                    int rows = b[0].dim(0);
                    double l = step(vars, b, true, rows);
                    lossSum += l * rows;
                    seen += rows;
                    callbacks.onTrainBatchEnd(step, logs(lossSum / seen, seen));
                    if (stopTraining) {
                        break;
                    }
                }
                train.endEpoch();
                if (ranOut) {
                    if (!warned) {
                        System.err.println("UserWarning: " + BatchStreams.RAN_OUT_OF_DATA_WARNING);
                        warned = true;
                    }
                    stopTraining = true;
                }
                epochLogs = logs(seen == 0 ? Double.NaN : lossSum / seen, seen);
                if (validation != null && (epoch + 1) % o.validationFreq == 0) {
                    Map<String, Double> val = runEvaluation(validation, callbacks);
                    for (Map.Entry<String, Double> e : val.entrySet()) {
                        epochLogs.put("val_" + e.getKey(), e.getValue());
                    }
                }
                callbacks.onEpochEnd(epoch, epochLogs);
                if (stopTraining) {
                    break;
                }
            }
            if (vars != null) {
                optimizer.finalizeVariableValues(vars); // EMA: the averaged weights become the model's
            }
            finished = true;
        } finally {
            train.close();
            if (validation != null) {
                validation.close();
            }
            if (finished) {
                callbacks.onTrainEnd(epochLogs);
            } else {
                try {
                    callbacks.onTrainEnd(epochLogs);
                } catch (RuntimeException suppressed) {
                    // the original failure is what the caller needs to see
                }
            }
        }
        return h;
    }

    /**
     * One step on a flat batch: forward, per-output losses (recorded before weighting), the weighted total, and —
     * when {@code train} — one optimizer update. Updates the metrics; returns the total batch loss.
     */
    private double step(List<Variable> vars, Tensor[] b, boolean train, int rows) {
        int nIn = numInputs(), nOut = numOutputs();
        Tensor[] ys = Arrays.copyOfRange(b, nIn, nIn + nOut);
        Tensor[] ws = Arrays.copyOfRange(b, nIn + nOut, nIn + 2 * nOut);
        if (outputLossSums == null || outputLossSums.length != nOut) {
            outputLossSums = new double[nOut];
        }
        double[] perOutput = new double[nOut];
        workspace.enter();
        try {
            List<Tensor> preds;
            Tensor total = null;
            GradientTape tape = train ? new GradientTape() : null;
            try {
                if (tape != null) {
                    tape.watch(vars);
                }
                preds = forward(inputsOf(b), train);
                for (int i = 0; i < nOut; i++) {
                    if (losses[i] == null) {
                        continue;
                    }
                    checkTargets(outputNames().get(i), ys[i], preds.get(i));
                    Tensor li = losses[i].compute(ys[i], preds.get(i), ws[i]);
                    perOutput[i] = li.item();
                    Tensor weighted = lossWeights[i] == 1.0 ? li : Ops.scale(li, (float) lossWeights[i]);
                    total = total == null ? weighted : Ops.add(total, weighted);
                }
                for (Tensor penalty : losses()) {
                    total = Ops.add(total, penalty); // Keras reports the total, penalties included
                }
                if (tape != null) {
                    Tensor[] grads = tape.gradient(total, vars);
                    tape.close();
                    tape = null;
                    optimizer.apply(vars, grads);
                    applyConstraints();
                }
            } finally {
                if (tape != null) {
                    tape.close();
                }
            }
            for (MetricSlot s : slots(ys, preds)) {
                s.metric.updateState(ys[s.output], preds.get(s.output), s.weighted ? ws[s.output] : null);
            }
            for (int i = 0; i < nOut; i++) {
                outputLossSums[i] += perOutput[i] * rows;
            }
            return total.item();
        } finally {
            workspace.exit(); // everything computed above is consumed: its arrays serve the next step
        }
    }

    private Map<String, Double> logs(double lossValue, long seen) {
        Map<String, Double> logs = new TreeMap<>();
        logs.put("loss", lossValue);
        if (countLosses() > 1) {
            List<String> outs = outputNames();
            for (int i = 0; i < losses.length; i++) {
                if (losses[i] != null) {
                    logs.put(outs.get(i) + "_loss", seen == 0 ? Double.NaN : outputLossSums[i] / seen);
                }
            }
        }
        if (slots != null) {
            for (MetricSlot s : slots) {
                logs.put(s.key, s.metric.result());
            }
        }
        return logs;
    }

    private void resetMetrics() {
        outputLossSums = new double[numOutputs()];
        if (slots != null) {
            for (MetricSlot s : slots) {
                s.metric.resetState();
            }
        }
    }

    /** The logs in Keras's {@code metrics_names} order. */
    private Map<String, Double> ordered(Map<String, Double> logs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : metricsNames()) {
            out.put(k, logs.get(k));
        }
        return out;
    }

    // ------------------------------------------------------------------ evaluate

    /** {@code evaluate} with Keras's defaults. Returns {@code loss} then each metric, by name. */
    public Map<String, Double> evaluate(Tensor x, Tensor y) {
        return evaluate(x, y, EvaluateOptions.defaults());
    }

    /** Returns {@code loss} and each metric, by name, in Keras's {@code metrics_names} order. */
    public Map<String, Double> evaluate(Tensor x, Tensor y, EvaluateOptions o) {
        return evaluate((Object) x, (Object) y, o);
    }

    /** {@code evaluate} on data in any Keras form (Tensor, List or Map for x, y and the sample weights). */
    public Map<String, Double> evaluate(Object x, Object y, EvaluateOptions o) {
        requireCompiled("evaluate()");
        Tensor[] flat = flatData(x, y, o.sampleWeight, "x", "y");
        ensureBuilt(inputShapes(flat));
        ArrayBatches data = new ArrayBatches(flat, o.batchSize, false, null);
        return evaluateSource(data, data.steps(), o);
    }

    /** {@code evaluate} on a Sequence (Keras 3's form); see {@link #evaluateGenerator(Sequence, EvaluateOptions)}. */
    public Map<String, Double> evaluate(Sequence data, EvaluateOptions o) {
        return evaluateGenerator(data, o);
    }

    /** {@code evaluate} on a generator (Keras 3's form); see {@link #evaluateGenerator(Iterator, EvaluateOptions)}. */
    public Map<String, Double> evaluate(Iterator<Batch> data, EvaluateOptions o) {
        return evaluateGenerator(data, o);
    }

    /**
     * Keras's {@code evaluate_generator} on a Sequence: {@code steps} batches (default {@code size()}), loaded by
     * {@code workers}; returns {@code loss} and each metric averaged over all of them (not the last batch's values, as
     * Keras 2.3 returned).
     */
    public Map<String, Double> evaluateGenerator(Sequence data, EvaluateOptions o) {
        requireCompiled("evaluateGenerator()");
        int steps = o.steps > 0 ? o.steps : data.size();
        return evaluateSource(new StreamSource(BatchStreams.forSequence(data, o.workers, o.maxQueueSize, false, 0L,
                o.useMultiprocessing), steps, batchConverter(true, null)), steps, o);
    }

    /** Keras's {@code evaluate_generator} on a generator: {@code steps} batches, or until the generator ends. */
    public Map<String, Double> evaluateGenerator(Iterator<Batch> data, EvaluateOptions o) {
        requireCompiled("evaluateGenerator()");
        return evaluateSource(new StreamSource(BatchStreams.forGenerator(data, o.maxQueueSize, o.workers,
                o.useMultiprocessing), o.steps, batchConverter(true, null)), o.steps, o);
    }

    private Map<String, Double> evaluateSource(EpochSource data, int steps, EvaluateOptions o) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", o.verbose);
        params.put("epochs", 1);
        params.put("steps", steps < 0 ? null : steps);
        CallbackList callbacks = CallbackList.build(o.callbacks, null, o.verbose, this, params);
        try (data) {
            return runEvaluation(data, callbacks);
        }
    }

    /** The one evaluation loop: over validation data inside fit, and behind every form of evaluate. */
    private Map<String, Double> runEvaluation(EpochSource data, CallbackList callbacks) {
        resetMetrics();
        double lossSum = 0;
        long seen = 0;
        callbacks.onTestBegin(null);
        int steps = data.startEpoch(0);
        for (int step = 0; steps < 0 || step < steps; step++) {
            Tensor[] b = data.next();
            if (b == null) {
                break;
            }
            ensureBuilt(inputShapes(b));
            callbacks.onTestBatchBegin(step, null);
            int rows = b[0].dim(0);
            double l = step(null, b, false, rows);
            lossSum += l * rows;
            seen += rows;
            callbacks.onTestBatchEnd(step, logs(lossSum / seen, seen));
        }
        data.endEpoch();
        Map<String, Double> result = logs(seen == 0 ? Double.NaN : lossSum / seen, seen);
        callbacks.onTestEnd(result);
        return ordered(result);
    }

    // ------------------------------------------------------------------ on-batch methods

    /**
     * Keras's {@code train_on_batch(x, y)}: exactly one optimizer update on exactly these rows (no batching, no
     * shuffling, no callbacks). Returns Keras 3's {@code return_dict=True} form: {@code loss}, the per-output losses
     * and the metrics of this batch (metrics are reset first, as Keras 2.3's default {@code reset_metrics=True}).
     */
    public Map<String, Double> trainOnBatch(Object x, Object y) {
        return trainOnBatch(x, y, null);
    }

    /** {@link #trainOnBatch(Object, Object)} with sample weights (Tensor, List or Map by output name). */
    public Map<String, Double> trainOnBatch(Object x, Object y, Object sampleWeight) {
        return onBatch("trainOnBatch()", x, y, sampleWeight, true);
    }

    /** Keras's {@code test_on_batch(x, y)}: one forward pass in inference mode on these rows; the same map form. */
    public Map<String, Double> testOnBatch(Object x, Object y) {
        return testOnBatch(x, y, null);
    }

    /** {@link #testOnBatch(Object, Object)} with sample weights. */
    public Map<String, Double> testOnBatch(Object x, Object y, Object sampleWeight) {
        return onBatch("testOnBatch()", x, y, sampleWeight, false);
    }

    /** One step on exactly these rows, with freshly reset metrics: an update when {@code train}. */
    private Map<String, Double> onBatch(String method, Object x, Object y, Object sampleWeight, boolean train) {
        requireCompiled(method);
        Tensor[] flat = flatData(x, y, sampleWeight, "x", "y");
        ensureBuilt(inputShapes(flat));
        resetMetrics();
        int rows = flat[0].dim(0);
        double l = step(train ? trainableWeights() : null, flat, train, rows);
        return ordered(logs(l, rows));
    }

    /**
     * Keras's {@code predict_on_batch(x)}: one forward pass in inference mode, no batching. Returns the model's
     * output form: a Tensor, a {@code List<Tensor>} or a {@code Map<String, Tensor>}.
     */
    @SuppressWarnings("unchecked")
    public <T> T predictOnBatch(Object x) {
        Tensor[] xs = flattenInputs(x, "x");
        ensureBuilt(inputShapes(xs));
        List<Tensor> outs = new ArrayList<>();
        workspace.enter();
        try {
            for (Tensor t : forward(Arrays.asList(xs), false)) {
                outs.add(t.copy()); // the workspace recycles the original
            }
        } finally {
            workspace.exit();
        }
        return (T) packOutputs(outs);
    }

    // ------------------------------------------------------------------ predict

    /** {@code predict} with Keras's defaults (batch size 32, progress bar). */
    public Tensor predict(Tensor x) {
        return predict(x, EvaluateOptions.defaults());
    }

    /**
     * Runs a single-output model in inference mode over {@code x} in batches and returns the stacked outputs. For a
     * model with several outputs use {@link #predictOutputs}.
     */
    public Tensor predict(Tensor x, EvaluateOptions o) {
        if (x == null || x.rank() == 0) {
            throw new IllegalArgumentException("x must be a tensor with a batch axis; received: "
                    + (x == null ? "null" : "a scalar") + ".");
        }
        return single(predictOutputs(x, o), "predict");
    }

    /** {@code predict} of a model with several inputs, given as a list in input order; returns the model's output form. */
    public <T> T predict(List<Tensor> x, EvaluateOptions o) {
        return predictOutputs(x, o);
    }

    /** {@code predict} with inputs keyed by input name; returns the model's output form. */
    public <T> T predict(Map<String, Tensor> x, EvaluateOptions o) {
        return predictOutputs(x, o);
    }

    /**
     * {@code predict} for data in any Keras form; returns the model's output form: a Tensor for one output, a
     * {@code List<Tensor>} or a {@code Map<String, Tensor>} as the model's outputs were given.
     */
    @SuppressWarnings("unchecked")
    public <T> T predictOutputs(Object x, EvaluateOptions o) {
        Tensor[] xs = flattenInputs(x, "x");
        checkCardinality(xs, "x", null); // predict accepts zero rows
        ensureBuilt(inputShapes(xs));
        int n = xs[0].dim(0);
        int steps = (n + o.batchSize - 1) / o.batchSize;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", o.verbose);
        params.put("epochs", 1);
        params.put("steps", steps);
        CallbackList callbacks = CallbackList.build(o.callbacks, null, o.verbose, this, params);
        callbacks.onPredictBegin(null);
        Tensor[] out = null;
        for (int step = 0; step < steps; step++) {
            int from = step * o.batchSize, to = Math.min(n, from + o.batchSize);
            callbacks.onPredictBatchBegin(step, null);
            workspace.enter();
            try {
                List<Tensor> ybs = forward(Arrays.asList(slice(xs, from, to)), false);
                if (out == null) {
                    out = new Tensor[ybs.size()];
                    for (int k = 0; k < out.length; k++) {
                        int[] s = ybs.get(k).shape();
                        s[0] = n;
                        out[k] = Tensor.zeros(s);
                    }
                }
                for (int k = 0; k < out.length; k++) {
                    Tensor yb = ybs.get(k);
                    int rowSize = yb.size() / Math.max(1, to - from);
                    System.arraycopy(yb.buffer(), yb.offset(), out[k].buffer(), from * rowSize, yb.size());
                }
            } finally {
                workspace.exit();
            }
            callbacks.onPredictBatchEnd(step, null);
        }
        callbacks.onPredictEnd(null);
        if (out == null) {
            out = forward(Arrays.asList(xs), false).toArray(new Tensor[0]); // no samples: [0, ...] maps to [0, ...]
        }
        return (T) packOutputs(Arrays.asList(out));
    }

    private Tensor single(Object packed, String what) {
        if (packed instanceof Tensor) {
            return (Tensor) packed;
        }
        throw new IllegalStateException(what + "() returns one Tensor, but model '" + name() + "' has outputs "
                + outputNames() + "; use predictOutputs(...) (or predictGeneratorOutputs(...)), which returns them as a "
                + (packed instanceof Map ? "Map<String, Tensor>" : "List<Tensor>") + ".");
    }

    /** {@code predict} on a Sequence (Keras 3's form); see {@link #predictGenerator(Sequence, EvaluateOptions)}. */
    public Tensor predict(Sequence data, EvaluateOptions o) {
        return predictGenerator(data, o);
    }

    /** {@code predict} on a generator (Keras 3's form); see {@link #predictGenerator(Iterator, EvaluateOptions)}. */
    public Tensor predict(Iterator<Batch> data, EvaluateOptions o) {
        return predictGenerator(data, o);
    }

    /**
     * Keras's {@code predict_generator} on a Sequence: the outputs of {@code steps} batches (default
     * {@code size()}) stacked in index order, whatever the number of workers. Batches may omit targets. For a
     * model with several outputs use {@link #predictGeneratorOutputs(Sequence, EvaluateOptions)}.
     */
    public Tensor predictGenerator(Sequence data, EvaluateOptions o) {
        return single(predictGeneratorOutputs(data, o), "predictGenerator");
    }

    /** Keras's {@code predict_generator} on a generator: {@code steps} batches, or until the generator ends. */
    public Tensor predictGenerator(Iterator<Batch> data, EvaluateOptions o) {
        return single(predictGeneratorOutputs(data, o), "predictGenerator");
    }

    /** {@link #predictGenerator(Sequence, EvaluateOptions)} returning the model's output form (Tensor, List or Map). */
    public <T> T predictGeneratorOutputs(Sequence data, EvaluateOptions o) {
        int steps = o.steps > 0 ? o.steps : data.size();
        return predictSource(new StreamSource(BatchStreams.forSequence(data, o.workers, o.maxQueueSize, false, 0L,
                o.useMultiprocessing), steps, batchConverter(false, null)), steps, o);
    }

    /** {@link #predictGenerator(Iterator, EvaluateOptions)} returning the model's output form (Tensor, List or Map). */
    public <T> T predictGeneratorOutputs(Iterator<Batch> data, EvaluateOptions o) {
        return predictSource(new StreamSource(BatchStreams.forGenerator(data, o.maxQueueSize, o.workers,
                o.useMultiprocessing), o.steps, batchConverter(false, null)), o.steps, o);
    }

    @SuppressWarnings("unchecked")
    private <T> T predictSource(EpochSource data, int steps, EvaluateOptions o) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", o.verbose);
        params.put("epochs", 1);
        params.put("steps", steps < 0 ? null : steps);
        CallbackList callbacks = CallbackList.build(o.callbacks, null, o.verbose, this, params);
        List<List<Tensor>> outputs = new ArrayList<>();
        try (data) {
            callbacks.onPredictBegin(null);
            int planned = data.startEpoch(0);
            for (int step = 0; planned < 0 || step < planned; step++) {
                Tensor[] b = data.next();
                if (b == null) {
                    break;
                }
                ensureBuilt(inputShapes(b));
                callbacks.onPredictBatchBegin(step, null);
                workspace.enter();
                try {
                    List<Tensor> outs = forward(inputsOf(b), false);
                    for (int k = 0; k < outs.size(); k++) {
                        if (outputs.size() <= k) {
                            outputs.add(new ArrayList<>());
                        }
                        outputs.get(k).add(outs.get(k).copy()); // the workspace recycles the original
                    }
                } finally {
                    workspace.exit();
                }
                callbacks.onPredictBatchEnd(step, null);
            }
            data.endEpoch();
            callbacks.onPredictEnd(null);
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("predict received no batches from its Sequence or generator; there is "
                    + "nothing to predict.");
        }
        List<Tensor> stacked = new ArrayList<>();
        for (List<Tensor> parts : outputs) {
            stacked.add(parts.size() == 1 ? parts.get(0) : Ops.concatenate(parts.toArray(new Tensor[0]), 0));
        }
        return (T) packOutputs(stacked);
    }

    // ------------------------------------------------------------------ data helpers

    private static int[] withBatchAxis(int[] shape) {
        int[] s = shape.clone();
        s[0] = -1;
        return s;
    }

    private static void checkTargets(String output, Tensor y, Tensor yPred) {
        int[] ys = y.shape(), ps = yPred.shape();
        boolean sparse = ys.length == ps.length - 1 || (ys.length == ps.length && ys[ys.length - 1] == 1);
        boolean same = Arrays.equals(Arrays.copyOfRange(ys, 1, ys.length), Arrays.copyOfRange(ps, 1, ps.length));
        if (!same && !sparse) {
            throw new IllegalArgumentException("Target y" + (output == null ? "" : " of output '" + output + "'")
                    + " has shape " + Arrays.toString(ys) + " but the model output has shape "
                    + Arrays.toString(ps) + "; expected y of shape [batch" + tail(ps) + "] (or integer labels of shape [batch] "
                    + "for sparse losses).");
        }
    }

    private static String tail(int[] s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < s.length; i++) {
            sb.append(", ").append(s[i]);
        }
        return sb.toString();
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
