package org.jkeras.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jkeras.callbacks.CSVLogger;
import org.jkeras.callbacks.Callback;
import org.jkeras.callbacks.EarlyStopping;
import org.jkeras.callbacks.ModelCheckpoint;
import org.jkeras.callbacks.TensorBoard;
import org.jkeras.models.Model;
import org.jkeras.saving.Models;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.FitOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jkeras fit MODEL --x DATA --y DATA --save OUT}: Keras's {@code model.fit} with its arguments, on a
 * {@code .keras}/{@code .h5} model (compiled from its file, or from {@code --optimizer --loss --metrics}) or a Keras
 * JSON config (built fresh with {@code --seed}); then saves the trained model.
 *
 * <pre>{@code
 * jkeras fit model.keras --x train.npz:x --y train.npz:y --epochs 5 --validation-split 0.1 --save trained.keras
 * jkeras fit model.keras --x images/train --workers 2 --epochs 3 --save trained.keras
 * }</pre>
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Train MODEL with Keras's model.fit(x, y, ...) and save it to --save (.keras, .h5 or .weights.h5).")
final class FitCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model: .keras, .h5 or a Keras JSON config (then built fresh).")
    Path model;

    @Mixin
    ModelArgs modelArgs;

    @Mixin
    CompileArgs compileArgs;

    @Mixin
    DataArgs data;

    @Option(names = "--y", paramLabel = "DATA", description = "Targets, in the same forms as --x (not with an image folder, whose sub-folders are the classes).")
    String y;

    @Option(names = "--save", required = true, paramLabel = "OUT", description = "Where to save the trained model: .keras, .h5 or .weights.h5.")
    Path save;

    @Option(names = "--epochs", defaultValue = "1", description = "Number of epochs (Keras's epochs; default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--initial-epoch", defaultValue = "0", description = "Epoch to start from, for resuming (Keras's initial_epoch; default: ${DEFAULT-VALUE}).")
    int initialEpoch;

    @Option(names = "--steps-per-epoch", paramLabel = "N", description = "Batches per epoch (Keras's steps_per_epoch; default: the whole data).")
    Integer stepsPerEpoch;

    @Option(names = "--validation-split", defaultValue = "0", description = "Fraction of the arrays held out for validation, taken from the end before shuffling (Keras's validation_split; default: ${DEFAULT-VALUE}).")
    double validationSplit;

    @Option(names = "--validation-data", paramLabel = "X,Y", description = "Validation inputs and targets, two data arguments joined by a comma (Keras's validation_data).")
    String validationData;

    @Option(names = "--shuffle", defaultValue = "true", paramLabel = "true|false|batch",
            description = "Shuffle the training data before each epoch; batch = shuffle blocks of batch-size rows (Keras's shuffle; default: ${DEFAULT-VALUE}).")
    String shuffle;

    @Option(names = "--class-weight", split = ",", paramLabel = "CLASS=WEIGHT",
            description = "Loss weight per class index, e.g. 0=1,1=5 (Keras's class_weight; default: none).")
    Map<Integer, Double> classWeight;

    @Option(names = "--checkpoint", paramLabel = "PATTERN", description = "Save the model after every epoch to PATTERN, e.g. ckpt-{epoch:02d}.keras (ModelCheckpoint).")
    String checkpoint;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE", description = "Stop when val_loss (loss without validation data) has not improved for PATIENCE epochs (EarlyStopping).")
    Integer earlyStopping;

    @Option(names = "--csv-log", paramLabel = "FILE", description = "Write each epoch's logs to a CSV file (CSVLogger).")
    Path csvLog;

    @Option(names = "--tensorboard", paramLabel = "DIR", description = "Write TensorBoard event files to DIR (TensorBoard).")
    Path tensorboard;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed of weight initialisation and shuffling (keras.utils.set_random_seed; default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        validate();
        Seeds.setGlobalSeed(seed);
        Model m = modelArgs.load(model, true);
        compileArgs.apply(m);
        Signature sig = Signature.of(m);
        FitOptions o = options();
        List<Tensor> xs = data.inputs(sig);
        if (xs == null) {
            if (validationSplit > 0 || validationData != null || "batch".equals(shuffle)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "an image folder takes neither --validation-split, --validation-data nor --shuffle batch");
            }
            m.fitGenerator(data.images(sig, !"false".equals(shuffle), seed), o.workers(data.workers));
        } else {
            if (y == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--y is required with array data");
            }
            List<Tensor> ys = DataSpec.parse(y, "--y").arrays(sig.outputNames(), "y");
            if (validationData != null) {
                String[] xy = splitPair(validationData);
                List<Tensor> vx = DataSpec.parse(xy[0], "--validation-data").arrays(sig.inputNames(), "x");
                List<Tensor> vy = DataSpec.parse(xy[1], "--validation-data").arrays(sig.outputNames(), "y");
                o.validationData(Outputs.x(vx), Outputs.x(vy));
            }
            m.fit(Outputs.x(xs), Outputs.x(ys), o);
        }
        String n = save.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".weights.h5")) {
            Models.saveWeights(m, save);
        } else {
            Models.save(m, save);
        }
        System.out.println("jkeras: saved the trained model to " + save);
        return 0;
    }

    private FitOptions options() {
        FitOptions o = FitOptions.defaults().epochs(epochs).batchSize(data.batchSize).verbose(data.verbose)
                .initialEpoch(initialEpoch).seed(seed);
        if (validationSplit > 0) {
            o.validationSplit(validationSplit);
        }
        if ("batch".equals(shuffle)) {
            o.shuffle("batch");
        } else {
            o.shuffle(Boolean.parseBoolean(shuffle));
        }
        if (classWeight != null) {
            o.classWeight(new LinkedHashMap<>(classWeight));
        }
        if (stepsPerEpoch != null) {
            o.stepsPerEpoch(stepsPerEpoch);
        }
        List<Callback> callbacks = new ArrayList<>();
        if (checkpoint != null) {
            callbacks.add(new ModelCheckpoint(checkpoint));
        }
        if (earlyStopping != null) {
            EarlyStopping es = new EarlyStopping().patience(earlyStopping);
            if (validationSplit == 0 && validationData == null) {
                es.monitor("loss");
            }
            callbacks.add(es);
        }
        if (csvLog != null) {
            callbacks.add(new CSVLogger(csvLog));
        }
        if (tensorboard != null) {
            callbacks.add(new TensorBoard(tensorboard));
        }
        return o.callbacks(callbacks.toArray(new Callback[0]));
    }

    /** X,Y: the comma after which both sides name existing files. */
    private String[] splitPair(String pair) {
        for (int i = pair.indexOf(','); i >= 0; i = pair.indexOf(',', i + 1)) {
            String a = pair.substring(0, i), b = pair.substring(i + 1);
            if (Files.exists(DataSpec.parse(a, "x").path) && Files.exists(DataSpec.parse(b, "y").path)) {
                return new String[] {a, b};
            }
        }
        throw new CliException("--validation-data " + pair + ": expected X,Y, two existing data files joined by a comma");
    }

    private void validate() {
        data.validate(spec.commandLine());
        CommandLine cl = spec.commandLine();
        if (epochs < 1) {
            throw new CommandLine.ParameterException(cl, "--epochs must be a positive number of epochs; received: " + epochs);
        }
        if (initialEpoch < 0 || initialEpoch >= epochs) {
            throw new CommandLine.ParameterException(cl, "--initial-epoch must be in [0, epochs); received: " + initialEpoch);
        }
        if (validationSplit < 0 || validationSplit >= 1) {
            throw new CommandLine.ParameterException(cl, "--validation-split must be in [0, 1); received: " + validationSplit);
        }
        if (!List.of("true", "false", "batch").contains(shuffle)) {
            throw new CommandLine.ParameterException(cl, "--shuffle must be true, false or batch; received: " + shuffle);
        }
        if (stepsPerEpoch != null && stepsPerEpoch < 1) {
            throw new CommandLine.ParameterException(cl, "--steps-per-epoch must be positive; received: " + stepsPerEpoch);
        }
        String n = save.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!n.endsWith(".keras") && !n.endsWith(".h5")) {
            throw new CommandLine.ParameterException(cl, "--save must name a .keras, .h5 or .weights.h5 file; received: " + save);
        }
    }
}
