/**
 * Training, split as Keras 3 splits {@code keras/src/trainers}: a thin {@link org.jkeras.training.Trainer} (compile,
 * the train / test / predict steps and the public entry points), {@code CompileLoss} and {@code CompileMetrics}
 * (Keras's {@code compile_utils}), {@code DataFlattener} and the one {@code DataAdapters} factory with
 * {@code ArrayDataAdapter} and {@code StreamDataAdapter} (Keras's {@code data_adapters}, used for training,
 * validation, evaluate and predict data alike), and {@code EpochLoops} (the loops of fit, evaluate and predict over
 * an epoch of batches, with the callbacks' hooks in Keras's order).
 *
 * <p><b>Data in every Keras form.</b> Inputs {@code x}, targets {@code y} and sample weights are each a
 * {@code Tensor} (single input / output), a {@code List<Tensor>} in the model's input (output) order, or a
 * {@code Map<String, Tensor>} keyed by input (output) name ({@link org.jkeras.training.Structure}). A map must
 * name exactly the model's inputs; targets are needed for the outputs that have a loss or metrics. One
 * sample-weight Tensor applies to every output; it is {@code [N]}, or {@code [N, T]} (one weight per time step)
 * for an output with a time axis. Batches from a {@code Sequence} or a generator may use the same three forms.
 *
 * <p><b>Losses and logs.</b> The total loss is {@code Σ lossWeight_i · loss_i} over the outputs that have a
 * loss, plus the regularization penalties; with more than one loss each is also logged, before weighting, as
 * {@code <output>_loss}. With several outputs, metrics are logged as {@code <output>_<metric>} (e.g.
 * {@code out_b_accuracy}); duplicates get {@code _1}, {@code _2}; a weighted metric whose name collides with a
 * plain one becomes {@code <output>_weighted_<metric>}. Validation keys add the {@code val_} prefix. These are
 * Keras 3's names. Callbacks see the keys sorted, then any key a callback added (Keras's {@code pythonify_logs});
 * {@code evaluate} and {@code trainOnBatch} return them in {@code metrics_names} order.
 *
 * <p><b>Semantics</b> follow Keras 3: batches are consecutive slices of the (reshuffled) index order, the last one
 * partial; the epoch {@code loss} is the batch losses' mean weighted by batch rows; metrics accumulate over the
 * epoch; batch logs hold running values; {@code validation_split} holds out the tail before shuffling; callbacks
 * run user-first, then History, then the progress bar. Deliberate differences, where Keras is error-prone:
 * {@code validationSplit} outside [0, 1) and {@code batchSize <= 0} are errors, a loss list shorter than the
 * outputs is an error, map keys that name no input or output are errors, and {@code onTrainEnd} runs even when
 * training fails (then the exception propagates).
 *
 * <p><b>Custom training (Keras's {@code train_step}).</b> Override {@code trainStep} (and {@code testStep},
 * {@code predictStep}) in a model to change what one batch does; fit, its callbacks, progress bar and logs stay
 * as they are. The building blocks are {@code forward}, {@code computeLoss} (which also records the loss for the
 * logs), {@code updateMetrics} and {@code metricsResult}; the step runs inside the trainer's workspace, so
 * anything it keeps beyond the step must be copied.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Dense(1).inputDim(3)) {
 *     protected Map<String, Double> trainStep(StepData data) {
 *         List<Variable> vars = trainableWeights();
 *         List<Tensor> yPred;
 *         Tensor[] grads;
 *         try (GradientTape tape = new GradientTape()) {
 *             tape.watch(vars);
 *             yPred = forward(data.x(), true);
 *             grads = tape.gradient(computeLoss(data, yPred), vars);
 *         }
 *         optimizer().apply(vars, clip(grads));           // e.g. clip the gradients yourself
 *         updateMetrics(data, yPred);
 *         return metricsResult();
 *     }
 * };
 * }</pre>
 */
package org.jkeras.training;
