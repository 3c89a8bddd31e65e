package org.jkeras.training;

import java.util.ArrayList;
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
     * epoch in onTrainBegin. Arrays draw one shuffle per epoch from one stream, so the skipped epochs' shuffles are
     * drawn and later epochs see the uninterrupted run's order; Sequence streams shuffle by epoch index. (callbacks
     * branch)
     */
    private static int resumeAt(Integer resume, DataAdapter train, FitOptions o) {
        if (resume == null || resume <= o.initialEpoch) {
            return o.initialEpoch;
        }
        for (int skipped = o.initialEpoch; train instanceof ArrayDataAdapter && skipped < resume
                && skipped < o.epochs; skipped++) {
            train.startEpoch(skipped);
            train.endEpoch();
        }
        return resume;
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
                for (int step = 0; steps < 0 || step < steps; step++) {
                    Tensor[] b = train.next();
                    if (b == null) {
                        ranOut = train.ranOut();
                        break;
                    }
                    if (!built) {
                        model.beginSteps(b);
                        built = true;
                    }
                    callbacks.onTrainBatchBegin(step, null);
                    Map<String, Double> logs = model.runStep(b, true);
                    callbacks.onTrainBatchEnd(step, logs);
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
                epochLogs = new LinkedHashMap<>(model.metricsResult());
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
                model.optimizer().finalizeVariableValues(model.stepVariables()); // EMA: the averages become the weights
            }
            finished = true;
        } finally {
            model.endSteps();
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
        for (int step = 0; steps < 0 || step < steps; step++) {
            Tensor[] b = data.next();
            if (b == null) {
                break;
            }
            model.ensureBuiltFor(b);
            callbacks.onTestBatchBegin(step, null);
            Map<String, Double> logs = model.runStep(b, false);
            callbacks.onTestBatchEnd(step, logs);
        }
        data.endEpoch();
        Map<String, Double> result = model.metricsResult();
        callbacks.onTestEnd(result);
        return model.ordered(result);
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
                model.ensureBuiltFor(b);
                callbacks.onPredictBatchBegin(step, null);
                List<Tensor> outs = model.runPredictStep(b);
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
}
