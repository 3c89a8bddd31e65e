package org.jkeras.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.callbacks.Callback;
import org.jkeras.callbacks.CallbackList;
import org.jkeras.callbacks.History;
import org.jkeras.data.BatchStreams;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * The epoch loops of {@code fit}, {@code evaluate} and {@code predict} over any {@link DataAdapter} (arrays,
 * Sequence, generator) — the bodies of Keras 3's {@code Trainer.fit/evaluate/predict} around its
 * {@code EpochIterator}: the callback list and its hooks in Keras's order (KERAS-SEMANTICS.md §9.2), metric
 * resets, validation every {@code validationFreq} epochs, {@code stopTraining}, the "ran out of data" warning, and
 * the {@link Trainer#trainStep}/{@link Trainer#testStep}/{@link Trainer#predictStep} of each batch, each inside
 * the trainer's workspace.
 *
 * <pre>{@code
 * History h = EpochLoops.fit(model, train, validation, options);
 * }</pre>
 */
final class EpochLoops {
    private EpochLoops() {}

    /** Keras 3's params: verbose, epochs, steps (null when unknown). */
    private static Map<String, Object> params(int verbose, int epochs, int steps) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("verbose", verbose);
        params.put("epochs", epochs);
        params.put("steps", steps < 0 ? null : steps);
        return params;
    }

    /**
     * The first epoch: {@code initialEpoch}, or later when a callback (BackupAndRestore) set the model's initial
     * epoch in onTrainBegin. Arrays draw one shuffle per pass from one stream, so the skipped epochs' batches are
     * drawn (not trained on) and later epochs see the uninterrupted run's order and position; Sequence streams
     * shuffle by epoch index. (callbacks branch)
     */
    private static int resumeAt(Integer resume, DataAdapter train, FitOptions o) {
        if (resume == null || resume <= o.initialEpoch) {
            return o.initialEpoch;
        }
        for (int skipped = o.initialEpoch; train instanceof ArrayDataAdapter && skipped < resume
                && skipped < o.epochs; skipped++) {
            train.startEpoch(skipped);
            while (train.next() != null) {
                // consumed as the interrupted run did, so stepsPerEpoch's position carries on too
            }
            train.endEpoch();
        }
        return resume;
    }

    /** fit on {@code data}, validating on fit's validation data or the {@code split} arrays. */
    static History fit(Trainer model, DataAdapters.Source data, Tensor[] split, FitOptions o) {
        DataFlattener f = new DataFlattener(model);
        DataAdapter train = DataAdapters.get(f, data, DataAdapters.Settings.training(o));
        DataAdapter validation;
        try {
            validation = DataAdapters.validation(f, o, split);
        } catch (RuntimeException e) {
            train.close(); // the validation data was refused
            throw e;
        }
        return fit(model, train, validation, o);
    }

    /** The one training loop behind every form of {@code fit}; closes both adapters. */
    static History fit(Trainer model, DataAdapter train, DataAdapter validation, FitOptions o) {
        History h = new History();
        Map<String, Double> epochLogs = new LinkedHashMap<>();
        boolean finished = false;
        boolean began = false;
        CallbackList callbacks = null;
        try {
            callbacks = CallbackList.build(o.callbacks, h, o.verbose, model,
                    params(o.verbose, o.epochs, train.numBatches()));
            model.setHistory(h);
            model.setStopTraining(false); // Keras 3: before onTrainBegin, so a callback may stop at once
            boolean built = false;
            boolean warned = false;
            model.takeResumeEpoch();
            callbacks.onTrainBegin(null);
            began = true;
            int firstEpoch = resumeAt(model.takeResumeEpoch(), train, o);
            for (int epoch = firstEpoch; epoch < o.epochs; epoch++) {
                model.resetMetrics();
                callbacks.onEpochBegin(epoch, null);
                int steps = train.startEpoch(epoch);
                boolean ranOut = false;
                Map<String, Double> last = null;
                for (int step = 0; steps < 0 || step < steps; step++) {
                    Tensor[] b = train.next();
                    if (b == null) {
                        ranOut = train.ranOut();
                        break;
                    }
                    if (!built) {
                        build(model, b);
                        model.stepVariables = model.trainableWeights(); // fixed for the whole fit
                        built = true;
                    }
                    callbacks.onTrainBatchBegin(step, null);
                    last = runStep(model, b, true);
                    callbacks.onTrainBatchEnd(step, last);
                    if (model.stopTraining()) {
                        break;
                    }
                }
                train.endEpoch();
                if (ranOut) {
                    if (!warned) {
                        System.err.println("UserWarning: " + BatchStreams.RAN_OUT_OF_DATA_WARNING);
                        warned = true;
                    }
                    if (train.ranOutStopsTraining()) {
                        model.setStopTraining(true);
                    }
                }
                epochLogs = new LinkedHashMap<>(resultOrLogs(model, last));
                if (validation != null && (epoch + 1) % o.validationFreq == 0) {
                    for (Map.Entry<String, Double> e : evaluate(model, validation, callbacks).entrySet()) {
                        epochLogs.put("val_" + e.getKey(), e.getValue());
                    }
                }
                callbacks.onEpochEnd(epoch, epochLogs);
                if (model.stopTraining()) {
                    break;
                }
            }
            if (built) {
                model.optimizer().finalizeVariableValues(model.stepVariables); // EMA: the averages become the weights
            }
            finished = true;
        } finally {
            model.stepVariables = null;
            train.close();
            if (validation != null) {
                validation.close();
            }
            if (began) {
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
        }
        return h;
    }

    /** evaluate on its own: its own callback list; closes the adapter. */
    static Map<String, Double> evaluate(Trainer model, DataAdapter data, EvaluateOptions o) {
        try (data) {
            CallbackList callbacks = CallbackList.build(o.callbacks, null, o.verbose, model,
                    params(o.verbose, 1, data.numBatches()));
            return evaluate(model, data, callbacks);
        }
    }

    /** The one evaluation loop: over validation data inside fit, and behind every form of evaluate. */
    static Map<String, Double> evaluate(Trainer model, DataAdapter data, Callback callbacks) {
        callbacks.onTestBegin(null);
        model.resetMetrics();
        data.reset(); // Keras 3: every evaluation starts at the beginning of its data
        int steps = data.startEpoch(0);
        Map<String, Double> last = null;
        for (int step = 0; steps < 0 || step < steps; step++) {
            Tensor[] b = data.next();
            if (b == null) {
                break;
            }
            build(model, b);
            callbacks.onTestBatchBegin(step, null);
            last = runStep(model, b, false);
            callbacks.onTestBatchEnd(step, last);
        }
        data.endEpoch();
        Map<String, Double> result = resultOrLogs(model, last);
        callbacks.onTestEnd(result);
        return result.keySet().equals(model.metricsResult().keySet()) ? ordered(model, result) : result;
    }

    /**
     * The one prediction loop; returns the outputs of all batches stacked (null when no batch ran). Closes the
     * adapter.
     */
    static List<Tensor> predict(Trainer model, DataAdapter data, EvaluateOptions o) {
        CallbackList callbacks = CallbackList.build(o.callbacks, null, o.verbose, model,
                params(o.verbose, 1, data.numBatches()));
        List<List<Tensor>> outputs = new ArrayList<>();
        try (data) {
            callbacks.onPredictBegin(null);
            int planned = data.startEpoch(0);
            for (int step = 0; planned < 0 || step < planned; step++) {
                Tensor[] b = data.next();
                if (b == null) {
                    break;
                }
                build(model, b);
                callbacks.onPredictBatchBegin(step, null);
                List<Tensor> outs = runPredictStep(model, b);
                for (int k = 0; k < outs.size(); k++) {
                    if (outputs.size() <= k) {
                        outputs.add(new ArrayList<>());
                    }
                    outputs.get(k).add(outs.get(k));
                }
                callbacks.onPredictBatchEnd(step, null);
            }
            data.endEpoch();
            callbacks.onPredictEnd(null);
        }
        if (outputs.isEmpty()) {
            return null;
        }
        List<Tensor> stacked = new ArrayList<>();
        for (List<Tensor> parts : outputs) {
            stacked.add(parts.size() == 1 ? parts.get(0) : Ops.concatenate(parts.toArray(new Tensor[0]), 0));
        }
        return stacked;
    }

    /** The outputs of predict over arrays in the model's form; zero rows give the outputs of zero rows. */
    static Structure predictArrays(Trainer model, Structure x, EvaluateOptions o) {
        DataAdapters.checkLoaderOptions(o.loader.given, "predict()", false);
        DataFlattener f = new DataFlattener(model);
        Tensor[] xs = f.inputs(x, "x");
        f.checkCardinality(xs, "x", null); // predict accepts zero rows
        build(model, xs);
        List<Tensor> out = predict(model, DataAdapters.get(f, DataAdapters.Source.arrays(xs),
                DataAdapters.Settings.inference(o, false)), o);
        if (out == null) {
            out = model.forward(Arrays.asList(xs), false); // no samples: [0, ...] maps to [0, ...]
        }
        return Structure.of(model.packOutputs(out));
    }

    /** The outputs of predict over a Sequence or generator in the model's form; no batch at all is an error. */
    static Structure predictStream(Trainer model, DataAdapters.Source data, EvaluateOptions o) {
        List<Tensor> out = predict(model, DataAdapters.get(new DataFlattener(model), data,
                DataAdapters.Settings.inference(o, false)), o);
        if (out == null) {
            throw new IllegalArgumentException("predict received no batches from its Sequence or generator; there is "
                    + "nothing to predict.");
        }
        return Structure.of(model.packOutputs(out));
    }

    /**
     * Keras's {@code _get_metrics_result_or_logs}: the compiled results, unless a custom step returned logs with
     * other keys, which then are the epoch's (or evaluation's) logs as its last batch returned them.
     */
    private static Map<String, Double> resultOrLogs(Trainer model, Map<String, Double> last) {
        Map<String, Double> result = model.metricsResult();
        return last == null || last.keySet().equals(result.keySet()) ? result : last;
    }

    /** Builds the model for the input shapes of a flat batch (batch axis -1), checking them. */
    static void build(Trainer model, Tensor[] flat) {
        List<int[]> shapes = new ArrayList<>();
        for (int i = 0; i < model.inputNames().size(); i++) {
            int[] s = flat[i].shape().clone();
            s[0] = -1;
            shapes.add(s);
        }
        model.ensureBuilt(shapes);
    }

    /** The logs in Keras's {@code metrics_names} order. */
    static Map<String, Double> ordered(Trainer model, Map<String, Double> logs) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String k : model.metricsNames()) {
            out.put(k, logs.get(k));
        }
        return out;
    }

    /** One train or test step on a flat batch inside the model's workspace; returns its logs. */
    static Map<String, Double> runStep(Trainer model, Tensor[] flat, boolean train) {
        StepData data = StepData.of(flat, model.inputNames().size());
        model.workspace().enter();
        try {
            return train ? model.trainStep(data) : model.testStep(data);
        } finally {
            model.workspace().exit(); // everything computed above is consumed: its arrays serve the next step
        }
    }

    /** One predict step; the outputs are copied out of the workspace, which recycles the originals. */
    static List<Tensor> runPredictStep(Trainer model, Tensor[] flat) {
        List<Tensor> outs = new ArrayList<>();
        model.workspace().enter();
        try {
            for (Tensor t : model.predictStep(StepData.of(flat, model.inputNames().size()).x())) {
                outs.add(t.copy());
            }
        } finally {
            model.workspace().exit();
        }
        return outs;
    }
}
