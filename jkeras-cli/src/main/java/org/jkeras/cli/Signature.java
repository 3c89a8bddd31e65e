package org.jkeras.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.KerasTensor;
import org.jkeras.models.Model;
import org.jkeras.models.Sequential;
import org.jkeras.tensor.Tensor;

/**
 * A model's input and output names and shapes (batch axis {@code -1}, Keras's {@code None}), and the check that
 * data fit them: the error names the input and both shapes.
 *
 * <pre>{@code
 * Signature s = Signature.of(model);
 * s.inputNames();                      // [input_1, input_2]
 * s.check("input_1", x, "--x a.npz");  // CliException: input 'input_1' expects (None, 3); a.npz has (10, 4)
 * }</pre>
 */
public final class Signature {
    private final List<String> inputNames;
    private final List<int[]> inputShapes;
    private final List<String> outputNames;
    private final List<int[]> outputShapes;

    private Signature(List<String> inputNames, List<int[]> inputShapes, List<String> outputNames,
            List<int[]> outputShapes) {
        this.inputNames = inputNames;
        this.inputShapes = inputShapes;
        this.outputNames = outputNames;
        this.outputShapes = outputShapes;
    }

    /** The signature of a built model; a CliException when a Sequential model has no input shape. */
    public static Signature of(Model model) {
        List<int[]> in = new ArrayList<>(), out = new ArrayList<>();
        if (model instanceof Sequential && !model.isGraph()) {
            Sequential s = (Sequential) model;
            if (s.inputShape() == null) {
                throw new CliException("the Sequential model '" + model.name() + "' has no input shape (it was never "
                        + "built); re-save it after calling it on data or add an Input layer");
            }
            in.add(s.inputShape());
            out.add(s.outputShape());
        } else {
            for (KerasTensor t : model.inputs()) {
                in.add(t.shape());
            }
            for (KerasTensor t : model.outputs()) {
                out.add(t.shape());
            }
        }
        return new Signature(model.inputNames(), in, model.outputNames(), out);
    }

    public List<String> inputNames() {
        return inputNames;
    }

    public List<String> outputNames() {
        return outputNames;
    }

    public int[] inputShape(int i) {
        return inputShapes.get(i).clone();
    }

    public int[] outputShape(int i) {
        return outputShapes.get(i).clone();
    }

    /** Checks the data given for input {@code name} (all axes after the batch axis must match). */
    void check(String name, Tensor x, String source) {
        int[] want = inputShapes.get(inputNames.indexOf(name));
        int[] got = x.shape();
        boolean ok = got.length == want.length;
        for (int a = 1; ok && a < want.length; a++) {
            ok = want[a] < 0 || want[a] == got[a];
        }
        if (!ok) {
            throw new CliException("input '" + name + "' of the model expects shape " + python(want) + "; " + source
                    + " has shape " + python(got));
        }
    }

    /** Checks every input of {@code inputs} (a map by input name). */
    void checkAll(Map<String, Tensor> inputs, String source) {
        for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
            check(e.getKey(), e.getValue(), source);
        }
    }

    /** A shape as Python prints it, {@code -1} as {@code None}: {@code (None, 3)}. */
    public static String python(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i] < 0 ? "None" : String.valueOf(shape[i]));
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < inputNames.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(inputNames.get(i)).append(Arrays.toString(inputShapes.get(i)));
        }
        return sb.toString();
    }
}
