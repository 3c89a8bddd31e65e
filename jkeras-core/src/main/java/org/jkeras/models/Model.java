package org.jkeras.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jkeras.autodiff.Variable;
import org.jkeras.layers.Layer;
import org.jkeras.layers.Names;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.Trainer;

/**
 * A Keras {@code Model}: layers plus the training API of {@link Trainer} ({@code compile}, {@code fit},
 * {@code evaluate}, {@code predict}), weights access in Keras order and {@code summary()}.
 * {@link Sequential} is the stack-of-layers model.
 *
 * <pre>{@code
 * Model model = new Sequential(new Dense(32, "relu").inputDim(784), new Dense(10, "softmax"));
 * model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * model.summary();
 * }</pre>
 */
public abstract class Model extends Trainer {
    private final String name;

    protected Model(String name, String defaultPrefix) {
        this.name = name != null ? name : Names.unique(defaultPrefix);
    }

    /** The model's name ({@code sequential}, {@code sequential_1}, ... unless given). */
    public String name() {
        return name;
    }

    /** The layers in order. */
    public abstract List<Layer> layers();

    /** True once every layer has its variables. */
    public abstract boolean built();

    /** All variables (trainable and not) in Keras's {@code model.weights} order. */
    public List<Variable> weights() {
        requireBuilt("weights()");
        List<Variable> out = new ArrayList<>();
        for (Layer l : layers()) {
            out.addAll(l.weights());
        }
        return out;
    }

    @Override
    public List<Variable> trainableWeights() {
        List<Variable> out = new ArrayList<>();
        for (Layer l : layers()) {
            out.addAll(l.trainableWeights());
        }
        return out;
    }

    public List<Variable> nonTrainableWeights() {
        List<Variable> out = new ArrayList<>();
        for (Layer l : layers()) {
            out.addAll(l.nonTrainableWeights());
        }
        return out;
    }

    @Override
    protected List<Tensor> regularizationLosses() {
        List<Tensor> out = new ArrayList<>();
        for (Layer l : layers()) {
            out.addAll(l.losses());
        }
        return out;
    }

    @Override
    protected void applyConstraints() {
        for (Layer l : layers()) {
            l.applyConstraints();
        }
    }

    /** Copies of all weights, in Keras's {@code get_weights()} order. */
    public List<Tensor> getWeights() {
        List<Tensor> out = new ArrayList<>();
        for (Variable v : weights()) {
            out.add(v.value().copy());
        }
        return out;
    }

    /** Sets all weights from a list in {@code get_weights()} order; counts and shapes must match. */
    public void setWeights(List<Tensor> values) {
        List<Variable> vars = weights();
        if (values.size() != vars.size()) {
            throw new IllegalArgumentException("setWeights() got " + values.size() + " arrays but model '" + name
                    + "' has " + vars.size() + " weights (" + describe(vars) + ").");
        }
        for (int i = 0; i < vars.size(); i++) {
            Variable v = vars.get(i);
            if (!Arrays.equals(v.shape(), values.get(i).shape())) {
                throw new IllegalArgumentException("setWeights(): weight " + i + " ('" + v.name() + "') has shape "
                        + Arrays.toString(v.shape()) + " but the given array has shape "
                        + Arrays.toString(values.get(i).shape()) + ".");
            }
        }
        for (int i = 0; i < vars.size(); i++) {
            vars.get(i).assign(values.get(i));
        }
    }

    private static String describe(List<Variable> vars) {
        List<String> parts = new ArrayList<>();
        for (Variable v : vars) {
            parts.add(v.name() + Arrays.toString(v.shape()));
        }
        return String.join(", ", parts);
    }

    /** Total number of scalars in all weights. */
    public long countParams() {
        requireBuilt("countParams()");
        long n = 0;
        for (Layer l : layers()) {
            n += l.countParams();
        }
        return n;
    }

    /**
     * Keras's {@code model.save(path)}: writes the whole model (architecture, weights, compile config and
     * optimizer state) in the Keras 3 {@code .keras} format, or as a legacy Keras 2 HDF5 file when the name
     * ends in {@code .h5}/{@code .hdf5}. The file is written to a temporary name and renamed, so a failed save
     * never leaves a partial file. Load it with {@code org.jkeras.saving.Models.load(path)}.
     */
    public void save(Path path) throws IOException {
        ModelFiles.get().save(this, path);
    }

    /** Keras's {@code model.save_weights(path)}: {@code .weights.h5} (Keras 3 layout) or a legacy {@code .h5}. */
    public void saveWeights(Path path) throws IOException {
        ModelFiles.get().saveWeights(this, path);
    }

    /** Keras's {@code model.load_weights(path)}: a Keras 3 {@code .weights.h5}, a legacy weights file or a {@code .keras}/{@code .h5} model. */
    public void loadWeights(Path path) throws IOException {
        ModelFiles.get().loadWeights(this, path);
    }

    /** Keras's {@code model.to_json()}: the architecture only. Rebuild it with {@code org.jkeras.saving.Models.fromJson}. */
    public String toJson() {
        return ModelFiles.get().toJson(this);
    }

    /** Prints the Keras 3 summary table to standard output. */
    public void summary() {
        System.out.print(summaryText(Summary.DEFAULT_LINE_LENGTH));
    }

    /** The Keras 3 summary table as text, {@code lineLength} columns wide (Keras's {@code line_length}). */
    public String summaryText(int lineLength) {
        requireBuilt("summary()");
        return Summary.render((Sequential) this, lineLength);
    }

    /** Fails with Keras's advice when the model has no weights yet. */
    protected void requireBuilt(String what) {
        if (!built()) {
            throw new IllegalStateException("Model '" + name + "' has not been built yet, so " + what
                    + " is not available. Give the first layer an input shape (e.g. inputShape(784) or an InputLayer), "
                    + "call build(inputShape), or call fit()/predict() on data first.");
        }
    }
}
