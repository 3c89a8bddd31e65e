package org.jkeras.training;

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
 * The training half of a Keras model ({@code keras.src.trainers.Trainer}): {@code compile}, the train, test and
 * predict steps, and the public entry points {@code fit}, {@code evaluate}, {@code predict} and their
 * {@code *OnBatch} forms. Models extend it and supply the forward pass, their input and output names and their
 * weights; a Trainer is a {@link Layer}, as a Keras model is, so a model can be used inside another. The package
 * comment describes the data forms, the logs and the split of the work; override {@link #trainStep} for custom
 * training (Keras's {@code train_step}):
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
    /** The trainable variables for the steps of the running fit, fixed by its first batch; null otherwise. */
    List<Variable> stepVariables;
    /** Recycles each step's temporaries, so steady-state training allocates nothing per step. */
    private final Workspace workspace = new Workspace();

    // ------------------------------------------------------------------ what a model supplies

    /** The forward pass on one batch: the inputs in {@link #inputNames()} order, the outputs in output order. */
    protected abstract List<Tensor> forward(List<Tensor> inputs, boolean training);

    private List<Tensor> outputMasks;

    /**
     * Records the output masks of the last {@link #forward} (Keras's {@code _keras_mask} on the predictions): losses
     * and metrics of the step weigh masked timesteps 0 (see {@link OutputMasks}).
     */
    protected final void setOutputMasks(List<Tensor> masks) {
        this.outputMasks = masks;
    }

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
     * training; see the package comment.
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
        Tensor total = compileLoss.compute(data.yArray(), yPred, OutputMasks.fold(data.sampleWeightArray(), yPred,
                outputMasks, true), data.rows());
        for (Tensor penalty : losses()) {
            total = Ops.add(total, penalty); // Keras reports the total, penalties included
        }
        compileLoss.track(total.item(), data.rows());
        return total;
    }

    /** Updates the compiled metrics with a batch (Keras's {@code compute_metrics} without the result). */
    protected void updateMetrics(StepData data, List<Tensor> yPred) {
        Tensor[] masksOnly = outputMasks == null ? null : OutputMasks.fold(new Tensor[yPred.size()], yPred, outputMasks,
                false);
        compileMetrics.update(data.yArray(), yPred, OutputMasks.fold(data.sampleWeightArray(), yPred, outputMasks, false),
                masksOnly, compileLoss);
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

    void resetMetrics() {
        compileLoss.reset();
        compileMetrics.reset();
    }

    CompileMetrics compiledMetrics() {
        return compileMetrics;
    }

    Workspace workspace() {
        return workspace;
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
        DataFlattener f = new DataFlattener(this);
        Tensor[] flat = f.arrays(Structure.of(x, "x"), Structure.of(y, "y"),
                o.sampleWeight, "x", "y");
        DataAdapters.checkLoaderOptions(o.loader.given, "fit()", o.validationSequence != null
                || o.validationGenerator != null);
        Tensor[][] parts = DataAdapters.validationSplit(flat, o);
        EpochLoops.build(this, flat);
        return EpochLoops.fit(this, DataAdapters.Source.arrays(parts[0]), parts[1], o);
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
        return EpochLoops.fit(this, DataAdapters.Source.forFit(data, o), null, o);
    }

    /**
     * Keras's {@code fit_generator} on a plain generator, read by exactly one background thread ({@code workers}
     * may be 0 or 1: a generator cannot be read in parallel without duplicating data — use a Sequence).
     * {@code stepsPerEpoch} is required. If the generator ends early, the epoch ends there with Keras's "ran out of
     * data" warning and training stops (Keras 3 would silently replay cached batches).
     */
    public History fitGenerator(Iterator<Batch> data, FitOptions o) {
        requireCompiled("fitGenerator()");
        return EpochLoops.fit(this, DataAdapters.Source.forFit(data, o), null, o);
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
        DataAdapters.checkLoaderOptions(o.loader.given, "evaluate()", false);
        DataFlattener f = new DataFlattener(this);
        Tensor[] flat = f.arrays(Structure.of(x, "x"), Structure.of(y, "y"),
                o.sampleWeight, "x", "y");
        EpochLoops.build(this, flat);
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
        return EpochLoops.evaluate(this, DataAdapters.get(new DataFlattener(this), DataAdapters.Source.of(data),
                DataAdapters.Settings.inference(o, true)), o);
    }

    /** Keras's {@code evaluate_generator} on a generator: {@code steps} batches, or until the generator ends. */
    public Map<String, Double> evaluateGenerator(Iterator<Batch> data, EvaluateOptions o) {
        requireCompiled("evaluateGenerator()");
        return EpochLoops.evaluate(this, DataAdapters.get(new DataFlattener(this), DataAdapters.Source.of(data),
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
        Tensor[] flat = new DataFlattener(this).arrays(Structure.of(x, "x"), Structure.of(y, "y"),
                Structure.ofNullable(sampleWeight, "sample_weight"), "x", "y");
        EpochLoops.build(this, flat);
        resetMetrics();
        return EpochLoops.ordered(this, EpochLoops.runStep(this, flat, train));
    }

    /**
     * Keras's {@code predict_on_batch(x)}: one forward pass in inference mode, no batching. Returns the model's
     * output form: a Tensor, a {@code List<Tensor>} or a {@code Map<String, Tensor>}.
     */
    @SuppressWarnings("unchecked")
    public <T> T predictOnBatch(Object x) {
        Tensor[] xs = new DataFlattener(this).inputs(Structure.of(x, "x"), "x");
        EpochLoops.build(this, xs);
        return (T) packOutputs(EpochLoops.runPredictStep(this, xs));
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
        return EpochLoops.predictArrays(this, x, o);
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
        return EpochLoops.predictStream(this, data, o);
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
