package org.jkeras.training;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.autodiff.Variable;
import org.jkeras.callbacks.CallbackModel;
import org.jkeras.callbacks.History;
import org.jkeras.data.Batch;
import org.jkeras.data.Sequence;
import org.jkeras.layers.Layer;
import org.jkeras.losses.Loss;
import org.jkeras.losses.Losses;
import org.jkeras.ops.Ops;
import org.jkeras.optimizers.Optimizer;
import org.jkeras.optimizers.Optimizers;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.Workspace;

/**
 * The training half of a Keras model ({@code keras.src.trainers.Trainer}): {@code compile}, the steps, and the
 * public entry points {@code fit}, {@code evaluate}, {@code predict} and their {@code *OnBatch} forms. Models
 * extend it and supply the forward pass, their input and output names and their weights. A Trainer is a
 * {@link Layer}, as a Keras model is, so a model can be used inside another. The work is split as Keras 3 splits
 * it: {@link CompileLoss} and {@link CompileMetrics} (compile_utils), {@link DataFlattener} and
 * {@link DataAdapters} (data_adapters), {@link EpochLoops} (the loops over an epoch iterator).
 *
 * <p><b>Data in every Keras form.</b> Inputs {@code x}, targets {@code y} and sample weights are each a
 * {@link Tensor} (single input / output), a {@code List<Tensor>} in the model's input (output) order, or a
 * {@code Map<String, Tensor>} keyed by input (output) name (see {@link Structure}). A map must name exactly the
 * model's inputs; targets are needed for the outputs that have a loss or metrics. One sample-weight Tensor applies
 * to every output; it is {@code [N]}, or {@code [N, T]} for an output with a time axis. Batches from a
 * {@code Sequence} or a generator may use the same three forms.
 *
 * <p><b>Losses and logs.</b> The total loss is {@code Σ lossWeight_i · loss_i} over the outputs that have a
 * loss; with more than one loss each is also logged, before weighting, as {@code <output>_loss}. With several
 * outputs, metrics are logged as {@code <output>_<metric>} (e.g. {@code out_b_accuracy}); duplicates get
 * {@code _1}, {@code _2}; a weighted metric whose name collides with a plain one becomes
 * {@code <output>_weighted_<metric>}. Validation keys add the {@code val_} prefix. These are Keras 3's names.
 *
 * <p><b>Custom training (Keras's {@code train_step}).</b> Override {@link #trainStep} (and {@link #testStep},
 * {@link #predictStep}) to change what one batch does; fit, its callbacks, progress bar and logs stay as they are.
 * The building blocks are {@link #forward}, {@link #computeLoss} (which also records the loss for the logs),
 * {@link #updateMetrics} and {@link #metricsResult}:
 * <pre>{@code
 * class MyModel extends Sequential {
 *     protected Map<String, Double> trainStep(StepData data) {
 *         List<Variable> vars = trainableWeights();
 *         List<Tensor> yPred;
 *         Tensor[] grads;
 *         try (GradientTape tape = new GradientTape()) {
 *             tape.watch(vars);
 *             yPred = forward(data.x(), true);
 *             Tensor loss = computeLoss(data, yPred);
 *             grads = tape.gradient(loss, vars);
 *         }
 *         optimizer().apply(vars, clip(grads));           // e.g. clip the gradients yourself
 *         updateMetrics(data, yPred);
 *         return metricsResult();
 *     }
 * }
 * }</pre>
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
public abstract class Trainer extends Layer implements CallbackModel {
    private Optimizer optimizer;
    private CompileOptions compileOptions;
    private CompileLoss compileLoss;
    private CompileMetrics compileMetrics;
    private boolean stopTraining;
    private History history;
    /** The trainable variables for the steps of the running fit, fixed at its first batch; null otherwise. */
    private List<Variable> stepVariables;
    /** Recycles each step's temporaries, so steady-state training allocates nothing per step. */
    private final Workspace workspace = new Workspace();

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
     * {@code compile} in every Keras form: losses, loss weights, metrics, weighted metrics and sample-weight modes
     * for every output, as a list per output, or as a map by output name (see {@link CompileOptions}).
     *
     * @throws IllegalArgumentException for a loss list whose length is not the number of outputs, a map key that
     *     names no output, an unknown loss or metric name, or when no output has a loss
     */
    public void compile(CompileOptions o) {
        List<String> outs = outputNames();
        CompileLoss loss = CompileLoss.of(o, outs, name());
        CompileMetrics metrics = CompileMetrics.of(o.metrics, o.weightedMetrics, outs, name());
        this.optimizer = o.optimizer;
        this.compileOptions = o;
        this.compileLoss = loss;
        this.compileMetrics = metrics;
    }

    /** The metric names given to {@code compile}, as given (Keras's {@code compile_config["metrics"]}). */
    public List<String> compiledMetricNames() {
        return compileMetrics == null ? List.of() : compileMetrics.compiledNames();
    }

    /** The options of the last {@code compile} (every compile form ends up as one), or null before compile. */
    public CompileOptions compileOptions() {
        return compileOptions;
    }

    @Override
    public Optimizer optimizer() {
        return optimizer;
    }

    /** The loss of the first output that has one (the model's loss when it has one output). */
    public Loss loss() {
        return compileLoss == null ? null : compiledLosses().stream().filter(l -> l != null).findFirst().orElse(null);
    }

    /**
     * The compiled loss of each output, in output order (null for an output without loss); empty before compile.
     * (Keras's {@code model.losses} — the regularization penalties — is {@link #losses()}.)
     */
    public List<Loss> compiledLosses() {
        return compileLoss == null ? List.of() : java.util.Collections.unmodifiableList(compileLoss.losses());
    }

    /** Keras's {@code model.stop_training}: set to true from a callback to stop after the current batch. */
    @Override
    public void setStopTraining(boolean stop) {
        this.stopTraining = stop;
    }

    @Override
    public boolean stopTraining() {
        return stopTraining;
    }

    // ------------------------------------------------------------------ callbacks.CallbackModel (callbacks branch)

    /** Set by a callback's onTrainBegin (BackupAndRestore); taken once by the fit loop right after it. */
    private Integer resumeEpoch;

    @Override
    public String metricDirection(String metricName) {
        return compileMetrics == null ? null : compileMetrics.direction(metricName);
    }

    @Override
    public void setInitialEpoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("initial epoch must be >= 0; received: " + epoch + ".");
        }
        this.resumeEpoch = epoch;
    }

    /** The epoch a callback asked fit to start at (then forgotten), or null. */
    Integer takeResumeEpoch() {
        Integer e = resumeEpoch;
        resumeEpoch = null;
        return e;
    }

    /** The History of the last {@code fit} (Keras's {@code model.history}). */
    public History history() {
        return history;
    }

    void setHistory(History h) {
        this.history = h;
    }

    /**
     * The keys of {@code evaluate}'s result and of the training logs, in Keras's {@code metrics_names} order:
     * {@code loss}, the per-output losses, then the metrics (known once a batch has run).
     */
    public List<String> metricsNames() {
        if (compileLoss == null) {
            return List.of();
        }
        List<String> names = compileLoss.keys();
        names.addAll(compileMetrics.keys());
        return names;
    }

    // ------------------------------------------------------------------ the steps (Keras's train/test/predict_step)

    /**
     * Keras's {@code train_step}: one optimizer update on one batch; returns the logs after it (running values of
     * {@code loss} and the metrics since the epoch began, as {@link #metricsResult}). Override it for custom
     * training; see the class comment.
     */
    protected Map<String, Double> trainStep(StepData data) {
        List<Variable> vars = stepVariables != null ? stepVariables : trainableWeights();
        List<Tensor> yPred;
        Tensor[] grads;
        try (GradientTape tape = new GradientTape()) {
            tape.watch(vars);
            yPred = forward(data.x(), true);
            grads = tape.gradient(computeLoss(data, yPred), vars);
        }
        optimizer.apply(vars, grads);
        applyConstraints();
        updateMetrics(data, yPred);
        return metricsResult();
    }

    /** Keras's {@code test_step}: a forward pass in inference mode, the loss and metrics updated; returns the logs. */
    protected Map<String, Double> testStep(StepData data) {
        List<Tensor> yPred = forward(data.x(), false);
        computeLoss(data, yPred);
        updateMetrics(data, yPred);
        return metricsResult();
    }

    /** Keras's {@code predict_step}: the outputs of a forward pass in inference mode, in output order. */
    protected List<Tensor> predictStep(List<Tensor> x) {
        return forward(x, false);
    }

    /**
     * Keras's {@code compute_loss}: {@code Σ lossWeight_i · loss_i} over the outputs with a loss, plus the
     * regularization penalties ({@link #losses()}); differentiable when a tape records. It also records the
     * batch's loss (and per-output losses) for the logs, as Keras's loss trackers do.
     */
    protected Tensor computeLoss(StepData data, List<Tensor> yPred) {
        Tensor total = compileLoss.compute(data.yArray(), yPred, data.sampleWeightArray(), data.rows());
        for (Tensor penalty : losses()) {
            total = Ops.add(total, penalty); // Keras reports the total, penalties included
        }
        compileLoss.track(total.item(), data.rows());
        return total;
    }

    /** Updates the compiled metrics with a batch (Keras's {@code compute_metrics} without the result). */
    protected void updateMetrics(StepData data, List<Tensor> yPred) {
        compileMetrics.update(data.yArray(), yPred, data.sampleWeightArray(), compileLoss.keys());
    }

    /**
     * Keras's {@code get_metrics_result}: {@code loss}, the per-output losses and the metrics, running since the
     * last reset (NaN before any batch), in {@code metrics_names} order.
     */
    protected Map<String, Double> metricsResult() {
        Map<String, Double> logs = new LinkedHashMap<>();
        compileLoss.results(logs);
        compileMetrics.results(logs);
        return logs;
    }

    // ------------------------------------------------------------------ what the loops use

    CompileLoss compiledLoss() {
        return compileLoss;
    }

    /** Outputs that need targets: those with a loss or metrics (all outputs before compile). */
    boolean[] neededOutputs() {
        int n = outputNames().size();
        boolean[] need = new boolean[n];
        for (int i = 0; i < n; i++) {
            need[i] = compileLoss == null || compileLoss.loss(i) != null || compileMetrics.has(i);
        }
        return need;
    }

    void resetMetrics() {
        compileLoss.reset();
        compileMetrics.reset();
    }

    /** The logs in Keras's {@code metrics_names} order. */
    Map<String, Double> ordered(Map<String, Double> logs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : metricsNames()) {
            out.put(k, logs.get(k));
        }
        return out;
    }

    DataFlattener flattener() {
        return new DataFlattener(this);
    }

    void ensureBuiltFor(Tensor[] flat) {
        List<int[]> shapes = new ArrayList<>();
        for (int i = 0; i < inputNames().size(); i++) {
            int[] s = flat[i].shape().clone();
            s[0] = -1;
            shapes.add(s);
        }
        ensureBuilt(shapes);
    }

    /** Builds the model on the first batch of a fit and fixes the variables its steps update. */
    void beginSteps(Tensor[] firstBatch) {
        ensureBuiltFor(firstBatch);
        stepVariables = trainableWeights();
    }

    List<Variable> stepVariables() {
        return stepVariables;
    }

    void endSteps() {
        stepVariables = null;
    }

    /** One train or test step on a flat batch inside the workspace; returns its logs. */
    Map<String, Double> runStep(Tensor[] flat, boolean train) {
        StepData data = StepData.of(flat, inputNames().size());
        workspace.enter();
        try {
            return train ? trainStep(data) : testStep(data);
        } finally {
            workspace.exit(); // everything computed above is consumed: its arrays serve the next step
        }
    }

    /** One predict step; the outputs are copied out of the workspace, which recycles the originals. */
    List<Tensor> runPredictStep(Tensor[] flat) {
        List<Tensor> outs = new ArrayList<>();
        workspace.enter();
        try {
            for (Tensor t : predictStep(StepData.of(flat, inputNames().size()).x())) {
                outs.add(t.copy());
            }
        } finally {
            workspace.exit();
        }
        return outs;
    }

    private void requireCompiled(String what) {
        if (optimizer == null || compileLoss == null) {
            throw new IllegalStateException("You must call compile() before " + what
                    + "; e.g. model.compile(\"adam\", \"categorical_crossentropy\", \"accuracy\").");
        }
    }

    // ------------------------------------------------------------------ the entry points

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
     * model order or a {@code Map<String, Tensor>} by input / output name. Validation data may be arrays, a
     * Sequence or a generator, or a {@code validationSplit} of these arrays.
     */
    public History fit(Object x, Object y, FitOptions o) {
        requireCompiled("fit()");
        DataFlattener f = flattener();
        Tensor[] flat = f.arrays(Structure.of(x, "x"), Structure.of(y, "y"),
                Structure.ofNullable(o.sampleWeight, "sample_weight"), "x", "y");
        Tensor[] split = null;
        if (!o.hasValidationData() && o.validationSplit > 0) {
            int n = flat[0].dim(0);
            int splitAt = (int) Math.floor(n * (1.0 - o.validationSplit));
            if (splitAt == 0 || splitAt == n) {
                throw new IllegalArgumentException("validation_split=" + o.validationSplit + " leaves " + splitAt
                        + " training and " + (n - splitAt) + " validation samples out of " + n
                        + "; both parts must be non-empty. Use a split between 1/N and 1 - 1/N.");
            }
            // Keras 3 slices the user's weights too; validation is not class-weighted
            split = DataAdapters.slice(flat, splitAt, n);
            flat = DataAdapters.slice(flat, 0, splitAt);
        }
        ensureBuiltFor(flat);
        return fitOn(DataAdapters.Source.arrays(flat), split, o);
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
        DataAdapters.checkStreamOptions(o);
        if (data == null) {
            throw new IllegalArgumentException("The Sequence passed to fitGenerator() is null.");
        }
        return fitOn(DataAdapters.Source.of(data), null, o);
    }

    /**
     * Keras's {@code fit_generator} on a plain generator, read by exactly one background thread ({@code workers}
     * may be 0 or 1: a generator cannot be read in parallel without duplicating data — use a Sequence).
     * {@code stepsPerEpoch} is required. If the generator ends early, the epoch ends there with Keras's "ran out of
     * data" warning and training stops (Keras 3 would silently replay cached batches).
     */
    public History fitGenerator(Iterator<Batch> data, FitOptions o) {
        requireCompiled("fitGenerator()");
        DataAdapters.checkStreamOptions(o);
        if (data == null) {
            throw new IllegalArgumentException("The generator passed to fitGenerator() is null.");
        }
        if (o.stepsPerEpoch <= 0) {
            throw new IllegalArgumentException("steps_per_epoch is required when training from a generator (it has no "
                    + "length); e.g. FitOptions.defaults().stepsPerEpoch(100). A Sequence knows its size.");
        }
        return fitOn(DataAdapters.Source.of(data), null, o);
    }

    /** Every fit: the training adapter and the validation adapter from the one factory, then the loop. */
    private History fitOn(DataAdapters.Source data, Tensor[] split, FitOptions o) {
        DataFlattener f = flattener();
        DataAdapter train = DataAdapters.get(f, data, DataAdapters.Settings.training(o));
        DataAdapter validation;
        try {
            validation = DataAdapters.validation(f, o, split);
        } catch (RuntimeException e) {
            train.close(); // the validation data was refused
            throw e;
        }
        return EpochLoops.fit(this, train, validation, o);
    }

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
        DataFlattener f = flattener();
        Tensor[] flat = f.arrays(Structure.of(x, "x"), Structure.of(y, "y"),
                Structure.ofNullable(o.sampleWeight, "sample_weight"), "x", "y");
        ensureBuiltFor(flat);
        return EpochLoops.evaluate(this, DataAdapters.get(f, DataAdapters.Source.arrays(flat),
                DataAdapters.Settings.inference(o, true)), o);
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
        return EpochLoops.evaluate(this, DataAdapters.get(flattener(), DataAdapters.Source.of(data),
                DataAdapters.Settings.inference(o, true)), o);
    }

    /** Keras's {@code evaluate_generator} on a generator: {@code steps} batches, or until the generator ends. */
    public Map<String, Double> evaluateGenerator(Iterator<Batch> data, EvaluateOptions o) {
        requireCompiled("evaluateGenerator()");
        return EpochLoops.evaluate(this, DataAdapters.get(flattener(), DataAdapters.Source.of(data),
                DataAdapters.Settings.inference(o, true)), o);
    }

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
        Tensor[] flat = flattener().arrays(Structure.of(x, "x"), Structure.of(y, "y"),
                Structure.ofNullable(sampleWeight, "sample_weight"), "x", "y");
        ensureBuiltFor(flat);
        resetMetrics();
        return ordered(runStep(flat, train));
    }

    /**
     * Keras's {@code predict_on_batch(x)}: one forward pass in inference mode, no batching. Returns the model's
     * output form: a Tensor, a {@code List<Tensor>} or a {@code Map<String, Tensor>}.
     */
    @SuppressWarnings("unchecked")
    public <T> T predictOnBatch(Object x) {
        Tensor[] xs = flattener().inputs(Structure.of(x, "x"), "x");
        ensureBuiltFor(xs);
        return (T) packOutputs(runPredictStep(xs));
    }

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
        return single(predictData(Structure.of(x), o), "predict");
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
        return (T) predictData(Structure.of(x, "x"), o).value();
    }

    /** {@code predict} over arrays in any form, returning the outputs as a {@link Structure} (the model's form). */
    public Structure predictData(Structure x, EvaluateOptions o) {
        DataFlattener f = flattener();
        Tensor[] xs = f.inputs(x, "x");
        f.checkCardinality(xs, "x", null); // predict accepts zero rows
        ensureBuiltFor(xs);
        List<Tensor> out = EpochLoops.predict(this, DataAdapters.get(f, DataAdapters.Source.arrays(xs),
                DataAdapters.Settings.inference(o, false)), o);
        if (out == null) {
            out = forward(java.util.Arrays.asList(xs), false); // no samples: [0, ...] maps to [0, ...]
        }
        return Structure.of(packOutputs(out));
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
        return single(predictStream(DataAdapters.Source.of(data), o), "predictGenerator");
    }

    /** Keras's {@code predict_generator} on a generator: {@code steps} batches, or until the generator ends. */
    public Tensor predictGenerator(Iterator<Batch> data, EvaluateOptions o) {
        return single(predictStream(DataAdapters.Source.of(data), o), "predictGenerator");
    }

    /** {@link #predictGenerator(Sequence, EvaluateOptions)} returning the model's output form (Tensor, List or Map). */
    @SuppressWarnings("unchecked")
    public <T> T predictGeneratorOutputs(Sequence data, EvaluateOptions o) {
        return (T) predictStream(DataAdapters.Source.of(data), o).value();
    }

    /** {@link #predictGenerator(Iterator, EvaluateOptions)} returning the model's output form (Tensor, List or Map). */
    @SuppressWarnings("unchecked")
    public <T> T predictGeneratorOutputs(Iterator<Batch> data, EvaluateOptions o) {
        return (T) predictStream(DataAdapters.Source.of(data), o).value();
    }

    private Structure predictStream(DataAdapters.Source data, EvaluateOptions o) {
        List<Tensor> out = EpochLoops.predict(this, DataAdapters.get(flattener(), data,
                DataAdapters.Settings.inference(o, false)), o);
        if (out == null) {
            throw new IllegalArgumentException("predict received no batches from its Sequence or generator; there is "
                    + "nothing to predict.");
        }
        return Structure.of(packOutputs(out));
    }

    private Tensor single(Structure packed, String what) {
        if (packed.isTensor()) {
            return packed.tensor();
        }
        throw new IllegalStateException(what + "() returns one Tensor, but model '" + name() + "' has outputs "
                + outputNames() + "; use predictOutputs(...) (or predictGeneratorOutputs(...)), which returns them as a "
                + (packed.isMap() ? "Map<String, Tensor>" : "List<Tensor>") + ".");
    }
}
