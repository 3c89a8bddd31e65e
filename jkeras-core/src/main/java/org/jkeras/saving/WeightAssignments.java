package org.jkeras.saving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jkeras.autodiff.Variable;
import org.jkeras.layers.Layer;
import org.jkeras.tensor.Tensor;

/**
 * Weight values checked against their variables first and assigned only when all fit, so a bad file never
 * leaves a model half loaded.
 */
final class WeightAssignments {
    private final List<Variable> targets = new ArrayList<>();
    private final List<Tensor> values = new ArrayList<>();
    private final String source;

    WeightAssignments(String source) {
        this.source = source;
    }

    /** Queues {@code value} for variable {@code index} of {@code layer}, failing now on a shape mismatch. */
    void add(Layer layer, int index, Variable v, Tensor value, String where) throws ModelFileException {
        int[] expected = v.shape();
        int[] found = value.shape();
        if (!Arrays.equals(expected, found)) {
            if (found.length == 0 && expected.length == 0) {
                return;
            }
            throw new ModelFileException("Weight shape mismatch in " + source + " for layer '" + layer.name() + "' ("
                    + layer.className() + "), variable " + index + " ('" + v.name() + "'): the model expects shape "
                    + shape(expected) + " but the file has shape " + shape(found) + " at '" + where + "'. The file was "
                    + "saved from a model with a different architecture; build the model with the same layer sizes "
                    + "(or load the whole model with Models.load).");
        }
        targets.add(v);
        values.add(value);
    }

    /** Checks that a layer gets exactly as many values as it has variables. */
    static void checkCount(String source, Layer layer, int expected, int found, String where) throws ModelFileException {
        if (expected != found) {
            throw new ModelFileException("Layer '" + layer.name() + "' (" + layer.className() + ") expects " + expected
                    + " variables but " + source + " holds " + found + " at '" + where + "'. The file was saved from a "
                    + "different architecture; use the same layers as the saved model.");
        }
    }

    void assignAll() {
        for (int i = 0; i < targets.size(); i++) {
            targets.get(i).assign(values.get(i));
        }
    }

    static String shape(int[] s) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            sb.append(i > 0 ? ", " : "").append(s[i]);
        }
        return sb.append(s.length == 1 ? ",)" : ")").toString();
    }
}
