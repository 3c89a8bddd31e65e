package org.jkeras.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jkeras.models.Model;
import org.jkeras.models.Sequential;

/**
 * What a model takes and gives, without the model: input and output names in model order and each one's shape
 * without the batch axis. It travels to the executors with the tasks, so rows can be checked and reshaped there.
 *
 * <pre>{@code
 * ModelSignature s = ModelSignature.of(model);
 * int n = s.inputSize(0);          // e.g. 20 floats per row for Input(shape=(20,))
 * }</pre>
 */
public final class ModelSignature implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> inputNames;
    private final List<int[]> inputShapes;
    private final List<String> outputNames;
    private final List<int[]> outputShapes;

    private ModelSignature(List<String> inputNames, List<int[]> inputShapes, List<String> outputNames,
            List<int[]> outputShapes) {
        this.inputNames = List.copyOf(inputNames);
        this.inputShapes = inputShapes;
        this.outputNames = List.copyOf(outputNames);
        this.outputShapes = outputShapes;
    }

    /** Reads the signature of a built model; every axis but the batch axis must be known. */
    public static ModelSignature of(Model model) {
        List<int[]> inShapes = new ArrayList<>();
        if (model instanceof Sequential) {
            int[] s = ((Sequential) model).inputShape();
            if (s == null) {
                throw new IllegalArgumentException("Model '" + model.name() + "' is not built (no input shape); "
                        + "give its first layer an input shape or load it from a .keras file of a built model.");
            }
            inShapes.add(s);
        } else {
            model.inputs().forEach(t -> inShapes.add(t.shape()));
        }
        List<int[]> outShapes = model.computeOutputShape(inShapes);
        List<int[]> in = new ArrayList<>();
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < inShapes.size(); i++) {
            in.add(withoutBatch(inShapes.get(i), "input '" + model.inputNames().get(i) + "'", model));
        }
        for (int i = 0; i < outShapes.size(); i++) {
            out.add(withoutBatch(outShapes.get(i), "output '" + model.outputNames().get(i) + "'", model));
        }
        return new ModelSignature(model.inputNames(), in, model.outputNames(), out);
    }

    private static int[] withoutBatch(int[] shape, String what, Model model) {
        int[] s = Arrays.copyOfRange(shape, 1, shape.length);
        for (int d : s) {
            if (d < 0) {
                throw new IllegalArgumentException("The " + what + " of model '" + model.name() + "' has shape "
                        + Arrays.toString(shape) + " with an unknown axis besides the batch axis; distributed "
                        + "predict needs fixed per-row shapes (rows are flat float arrays).");
            }
        }
        return s;
    }

    /** The input names, in model order. */
    public List<String> inputNames() {
        return inputNames;
    }

    /** The output names, in model order. */
    public List<String> outputNames() {
        return outputNames;
    }

    /** Input {@code i}'s shape without the batch axis. */
    public int[] inputShape(int i) {
        return inputShapes.get(i).clone();
    }

    /** Output {@code i}'s shape without the batch axis. */
    public int[] outputShape(int i) {
        return outputShapes.get(i).clone();
    }

    /** How many floats one row of input {@code i} holds. */
    public int inputSize(int i) {
        return size(inputShapes.get(i));
    }

    /** How many floats one row of output {@code i} holds. */
    public int outputSize(int i) {
        return size(outputShapes.get(i));
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
