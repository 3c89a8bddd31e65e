package org.jkeras.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.autodiff.Variable;
import org.jkeras.callbacks.CallbackList;
import org.jkeras.callbacks.History;
import org.jkeras.data.Batch;
import org.jkeras.data.BatchStream;
import org.jkeras.data.BatchStreams;
import org.jkeras.data.Sequence;
import org.jkeras.losses.Loss;
import org.jkeras.losses.Losses;
import org.jkeras.metrics.Metric;
import org.jkeras.metrics.Metrics;
import org.jkeras.optimizers.Optimizer;
import org.jkeras.optimizers.Optimizers;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.Workspace;

/**
 * The training half of a Keras model ({@code keras.src.trainers.Trainer}): {@code compile}, and the loops behind
 * {@code fit}, {@code evaluate} and {@code predict}. Models extend it and supply the forward pass and weights.
 *
 * <p>Semantics follow Keras 3: batches are consecutive slices of the (reshuffled) index order, the last one
 * partial; the epoch {@code loss} is the batch losses' mean weighted by batch rows; metrics accumulate over
 * the epoch; batch logs hold running values; {@code validation_split} holds out the tail before shuffling;
 * callbacks run user-first, then History, then the progress bar. Deliberate differences, where Keras is
 * error-prone: {@code validationSplit} outside [0, 1) and {@code batchSize <= 0} are errors, and
 * {@code onTrainEnd} runs even when training fails (then the exception propagates).
 *
 * <pre>{@code
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * History h = model.fit(x, y, FitOptions.defaults().epochs(5).batchSize(128));
 * Map<String, Double> scores = model.evaluate(xTest, yTest);
 * Tensor probs = model.predict(xTest);
 * }</pre>
 */
public abstract class Trainer {
    private Optimizer optimizer;
    private Loss loss;
    private List<String> metricNames = List.of();
    private List<Metric> metrics;
    private boolean stopTraining;
    private History history;
    /** Recycles each step's temporaries, so steady-state training allocates nothing per step. */
    private final Workspace workspace = new Workspace();

    // ------------------------------------------------------------------ what a model supplies

    /** The forward pass on one batch. */
    protected abstract Tensor forward(Tensor x, boolean training);

    /** The variables the optimizer updates, in Keras order. */
    public abstract List<Variable> trainableWeights();

    /** Builds the model for an input shape (batch axis -1) if it is not built yet, checking the feature shape. */
    protected abstract void ensureBuilt(int[] inputShape);

    /** The model's regularization penalties (differentiable scalars), added to the training loss. */
    protected List<Tensor> regularizationLosses() {
        return List.of();
    }

    /** Applies the weight constraints (max_norm, non_neg, ...) after each optimizer update. */
    protected void applyConstraints() {}

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
     * {@code compile} with instances. Metric names are resolved as Keras 3 does on the first batch, from the
     * shapes of the targets and predictions ({@code "accuracy"} becomes binary, categorical or sparse).
     */
    public void compile(Optimizer optimizer, Loss loss, String... metrics) {
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer is null; pass an optimizer name such as \"adam\" or an Optimizer.");
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss is null; pass a loss name such as \"categorical_crossentropy\" or a Loss.");
        }
        for (String m : metrics) {
            Metrics.get(m == null ? "null" : m); // validates the name now, with the list of valid names
        }
        this.optimizer = optimizer;
        this.loss = loss;
        this.metricNames = List.of(metrics);
        this.metrics = null;
    }

    /** The metric names given to {@code compile}, as given (Keras's {@code compile_config["metrics"]}). */
    public List<String> compiledMetricNames() {
        return metricNames;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public Loss loss() {
        return loss;
    }

    /** Keras's {@code model.stop_training}: set to true from a callback to stop after the current batch. */
    public void setStopTraining(boolean stop) {
        this.stopTraining = stop;
    }

    public boolean stopTraining() {
        return stopTraining;
    }

    /** The History of the last {@code fit} (Keras's {@code model.history}). */
    public History history() {
        return history;
    }

    private void requireCompiled(String what) {
        if (optimizer == null || loss == null) {
            throw new IllegalStateException("You must call compile() before " + what
                    + "; e.g. model.compile(\"adam\", \"categorical_crossentropy\", \"accuracy\").");
        }
    }

    private List<Metric> metrics(Tensor yTrue, Tensor yPred) {
        if (metrics == null) {
            List<Metric> list = new ArrayList<>();
            for (String name : metricNames) {
                list.add(Metrics.resolve(name, yTrue.shape(), yPred.shape()));
            }
            metrics = list;
        }
        return metrics;
    }

    // ------------------------------------------------------------------ fit

    /** {@code fit} with Keras's default arguments. */
    public History fit(Tensor x, Tensor y) {
        return fit(x, y, FitOptions.defaults());
    }

    /** Trains on arrays; see {@link FitOptions} for every argument. */
    public History fit(Tensor x, Tensor y, FitOptions o) {
        requireCompiled("fit()");
        checkData("x", x, "y", y);
        Tensor sw = o.sampleWeight;
        if (sw != null) {
            checkWeights("sample_weight", sw, x);
        }
        if (o.classWeight != null) {
            Tensor cw = classWeights(y, o.classWeight);
            sw = sw == null ? cw : sw.mul(cw);
        }
        Tensor vx = o.validationX, vy = o.validationY, vw = o.validationSampleWeight;
        Tensor tx = x, ty = y, tw = sw;
        if (vx != null) {
            checkData("validation x", vx, "validation y", vy);
            if (vw != null) {
                checkWeights("validation sample_weight", vw, vx);
            }
        } else if (o.validationSplit > 0) {
            int n = x.dim(0);
            int splitAt = (int) Math.floor(n * (1.0 - o.validationSplit));
            if (splitAt == 0 || splitAt == n) {
                throw new IllegalArgumentException("validation_split=" + o.validationSplit + " leaves " + splitAt
                        + " training and " + (n - splitAt) + " validation samples out of " + n
                        + "; both parts must be non-empty. Use a split between 1/N and 1 - 1/N.");
            }
            tx = x.slice(0, splitAt);
            ty = y.slice(0, splitAt);
            vx = x.slice(splitAt, n);
            vy = y.slice(splitAt, n);
            if (sw != null) {
                tw = sw.slice(0, splitAt);
                // Keras 3 slices the weights too; validation is not class-weighted when class weights are given
                vw = o.sampleWeight == null ? null : o.sampleWeight.slice(splitAt, n);
            }
        }
        ensureBuilt(withBatchAxis(x.shape()));
        ArrayBatches train = new ArrayBatches(new Tensor[] {tx, ty, tw}, o.batchSize, o.shuffle,
                new SplittableRandom(o.seed != null ? o.seed : Seeds.next()));
        int vb = o.validationBatchSize != null ? o.validationBatchSize : o.batchSize;
        EpochSource validation = vx == null ? null : new ArrayBatches(new Tensor[] {vx, vy, vw}, vb, false, null);
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
            return runFit(new StreamSource(stream, steps, o.classWeight, true), steps, validation, o);
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
            checkData("validation x", o.validationX, "validation y", o.validationY);
            int vb = o.validationBatchSize != null ? o.validationBatchSize : o.batchSize;
            return new ArrayBatches(new Tensor[] {o.validationX, o.validationY, o.validationSampleWeight}, vb, false, null);
        }
        if (o.validationSequence != null) {
            return new StreamSource(BatchStreams.forSequence(o.validationSequence, o.workers, o.maxQueueSize, false, 0L,
                    o.useMultiprocessing), o.validationSteps, null, true);
        }
        if (o.validationGenerator != null) {
            if (o.validationSteps <= 0) {
                throw new IllegalArgumentException("validation_steps is required when validating on a generator; e.g. "
                        + "FitOptions.defaults().validationSteps(10).");
            }
            return new StreamSource(BatchStreams.forGenerator(o.validationGenerator, o.maxQueueSize,
                    Math.min(o.workers, 1), false), o.validationSteps, null, true);
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
        callbacks.onTrainBegin(null);
        try {
            for (int epoch = o.initialEpoch; epoch < o.epochs; epoch++) {
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
                        ensureBuilt(withBatchAxis(b[0].shape()));
                        vars = trainableWeights();
                    }
                    callbacks.onTrainBatchBegin(step, null);
                    int rows = b[0].dim(0);
                    double l = trainStep(vars, b[0], b[1], b[2]);
                    lossSum += l * rows;
                    seen += rows;
                    callbacks.onTrainBatchEnd(step, logs(lossSum / seen));
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
                epochLogs = logs(seen == 0 ? Double.NaN : lossSum / seen);
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

    /** One optimizer step; returns the batch loss. */
    private double trainStep(List<Variable> vars, Tensor x, Tensor y, Tensor sampleWeight) {
        workspace.enter();
        try {
            Tensor yPred, lossValue;
            Tensor[] grads;
            try (GradientTape tape = new GradientTape()) {
                tape.watch(vars);
                yPred = forward(x, true);
                checkTargets(y, yPred);
                lossValue = loss.compute(y, yPred, sampleWeight);
                for (Tensor penalty : regularizationLosses()) {
                    lossValue = Ops.add(lossValue, penalty); // Keras reports the total, penalties included
                }
                grads = tape.gradient(lossValue, vars);
            }
            optimizer.apply(vars, grads);
            applyConstraints();
            for (Metric m : metrics(y, yPred)) {
                m.updateState(y, yPred, null);
            }
            return lossValue.item();
        } finally {
            workspace.exit(); // everything computed above is consumed: its arrays serve the next step
        }
    }

    private Map<String, Double> logs(double lossValue) {
        Map<String, Double> logs = new TreeMap<>();
        logs.put("loss", lossValue);
        if (metrics != null) {
            for (Metric m : metrics) {
                logs.put(m.name(), m.result());
            }
        }
        return logs;
    }

    private void resetMetrics() {
        if (metrics != null) {
            for (Metric m : metrics) {
                m.resetState();
            }
        }
    }

    // ------------------------------------------------------------------ evaluate

    /** {@code evaluate} with Keras's defaults. Returns {@code loss} then each metric, by name. */
    public Map<String, Double> evaluate(Tensor x, Tensor y) {
        return evaluate(x, y, EvaluateOptions.defaults());
    }

    /** Returns {@code loss} and each metric, by name, in Keras's {@code metrics_names} order. */
    public Map<String, Double> evaluate(Tensor x, Tensor y, EvaluateOptions o) {
        requireCompiled("evaluate()");
        checkData("x", x, "y", y);
        if (o.sampleWeight != null) {
            checkWeights("sample_weight", o.sampleWeight, x);
        }
        ensureBuilt(withBatchAxis(x.shape()));
        ArrayBatches data = new ArrayBatches(new Tensor[] {x, y, o.sampleWeight}, o.batchSize, false, null);
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
                o.useMultiprocessing), steps, null, true), steps, o);
    }

    /** Keras's {@code evaluate_generator} on a generator: {@code steps} batches, or until the generator ends. */
    public Map<String, Double> evaluateGenerator(Iterator<Batch> data, EvaluateOptions o) {
        requireCompiled("evaluateGenerator()");
        return evaluateSource(new StreamSource(BatchStreams.forGenerator(data, o.maxQueueSize, o.workers,
                o.useMultiprocessing), o.steps, null, true), o.steps, o);
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
            ensureBuilt(withBatchAxis(b[0].shape()));
            callbacks.onTestBatchBegin(step, null);
            double l;
            workspace.enter();
            try {
                Tensor yPred = forward(b[0], false);
                checkTargets(b[1], yPred);
                l = loss.compute(b[1], yPred, b[2]).item();
                for (Metric m : metrics(b[1], yPred)) {
                    m.updateState(b[1], yPred, null);
                }
            } finally {
                workspace.exit();
            }
            int rows = b[0].dim(0);
            lossSum += l * rows;
            seen += rows;
            callbacks.onTestBatchEnd(step, logs(lossSum / seen));
        }
        data.endEpoch();
        Map<String, Double> result = logs(seen == 0 ? Double.NaN : lossSum / seen);
        callbacks.onTestEnd(result);
        Map<String, Double> ordered = new LinkedHashMap<>();
        ordered.put("loss", result.get("loss"));
        if (metrics != null) {
            for (Metric m : metrics) {
                ordered.put(m.name(), result.get(m.name()));
            }
        }
        return ordered;
    }

    // ------------------------------------------------------------------ predict

    /** {@code predict} with Keras's defaults (batch size 32, progress bar). */
    public Tensor predict(Tensor x) {
        return predict(x, EvaluateOptions.defaults());
    }

    /** Runs the model in inference mode over {@code x} in batches and returns the stacked outputs. */
    public Tensor predict(Tensor x, EvaluateOptions o) {
        if (x == null || x.rank() == 0) {
            throw new IllegalArgumentException("x must be a tensor with a batch axis; received: "
                    + (x == null ? "null" : "a scalar") + ".");
        }
        ensureBuilt(withBatchAxis(x.shape()));
        int n = x.dim(0);
        int steps = (n + o.batchSize - 1) / o.batchSize;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", o.verbose);
        params.put("epochs", 1);
        params.put("steps", steps);
        CallbackList callbacks = CallbackList.build(o.callbacks, null, o.verbose, this, params);
        callbacks.onPredictBegin(null);
        Tensor out = null;
        int rowSize = 0;
        for (int step = 0; step < steps; step++) {
            int from = step * o.batchSize, to = Math.min(n, from + o.batchSize);
            callbacks.onPredictBatchBegin(step, null);
            workspace.enter();
            try {
                Tensor yb = forward(x.slice(from, to), false);
                if (out == null) {
                    int[] s = yb.shape();
                    s[0] = n;
                    out = Tensor.zeros(s);
                    rowSize = yb.size() / Math.max(1, to - from);
                }
                System.arraycopy(yb.buffer(), yb.offset(), out.buffer(), from * rowSize, yb.size());
            } finally {
                workspace.exit();
            }
            callbacks.onPredictBatchEnd(step, null);
        }
        callbacks.onPredictEnd(null);
        if (out == null) {
            out = forward(x, false); // no samples: the model maps [0, ...] to [0, ...]
        }
        return out;
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
     * {@code size()}) stacked in index order, whatever the number of workers. Batches may omit targets.
     */
    public Tensor predictGenerator(Sequence data, EvaluateOptions o) {
        int steps = o.steps > 0 ? o.steps : data.size();
        return predictSource(new StreamSource(BatchStreams.forSequence(data, o.workers, o.maxQueueSize, false, 0L,
                o.useMultiprocessing), steps, null, false), steps, o);
    }

    /** Keras's {@code predict_generator} on a generator: {@code steps} batches, or until the generator ends. */
    public Tensor predictGenerator(Iterator<Batch> data, EvaluateOptions o) {
        return predictSource(new StreamSource(BatchStreams.forGenerator(data, o.maxQueueSize, o.workers,
                o.useMultiprocessing), o.steps, null, false), o.steps, o);
    }

    private Tensor predictSource(EpochSource data, int steps, EvaluateOptions o) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", o.verbose);
        params.put("epochs", 1);
        params.put("steps", steps < 0 ? null : steps);
        CallbackList callbacks = CallbackList.build(o.callbacks, null, o.verbose, this, params);
        List<Tensor> outputs = new ArrayList<>();
        try (data) {
            callbacks.onPredictBegin(null);
            int planned = data.startEpoch(0);
            for (int step = 0; planned < 0 || step < planned; step++) {
                Tensor[] b = data.next();
                if (b == null) {
                    break;
                }
                ensureBuilt(withBatchAxis(b[0].shape()));
                callbacks.onPredictBatchBegin(step, null);
                workspace.enter();
                try {
                    outputs.add(forward(b[0], false).copy()); // the workspace recycles the original
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
        return outputs.size() == 1 ? outputs.get(0) : Ops.concatenate(outputs.toArray(new Tensor[0]), 0);
    }

    // ------------------------------------------------------------------ data helpers

    private static int[] withBatchAxis(int[] shape) {
        int[] s = shape.clone();
        s[0] = -1;
        return s;
    }

    private static void checkData(String xName, Tensor x, String yName, Tensor y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException(xName + " and " + yName + " must both be given; received "
                    + xName + "=" + (x == null ? "null" : Arrays.toString(x.shape())) + ", "
                    + yName + "=" + (y == null ? "null" : Arrays.toString(y.shape())) + ".");
        }
        if (x.rank() == 0 || y.rank() == 0) {
            throw new IllegalArgumentException(xName + " and " + yName + " need a batch axis; received shapes "
                    + Arrays.toString(x.shape()) + " and " + Arrays.toString(y.shape()) + ".");
        }
        if (x.dim(0) != y.dim(0)) {
            throw new IllegalArgumentException("Data cardinality is ambiguous: " + xName + " has " + x.dim(0)
                    + " samples (shape " + Arrays.toString(x.shape()) + ") but " + yName + " has " + y.dim(0)
                    + " samples (shape " + Arrays.toString(y.shape()) + "). Make sure all arrays contain the same number of samples.");
        }
        if (x.dim(0) == 0) {
            throw new IllegalArgumentException(xName + " has no samples (shape " + Arrays.toString(x.shape()) + ").");
        }
    }

    private static void checkWeights(String name, Tensor w, Tensor x) {
        if (w.rank() != 1 || w.dim(0) != x.dim(0)) {
            throw new IllegalArgumentException(name + " must have shape [" + x.dim(0) + "] (one weight per sample); received shape "
                    + Arrays.toString(w.shape()) + ".");
        }
    }

    private static void checkTargets(Tensor y, Tensor yPred) {
        int[] ys = y.shape(), ps = yPred.shape();
        boolean sparse = ys.length == ps.length - 1 || (ys.length == ps.length && ys[ys.length - 1] == 1);
        boolean same = Arrays.equals(Arrays.copyOfRange(ys, 1, ys.length), Arrays.copyOfRange(ps, 1, ps.length));
        if (!same && !sparse) {
            throw new IllegalArgumentException("Target y has shape " + Arrays.toString(ys) + " but the model output has shape "
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
