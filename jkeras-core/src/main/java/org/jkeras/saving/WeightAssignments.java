package org.jkeras.saving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jkeras.autodiff.Variable;
import org.jkeras.layers.Layer;
import org.jkeras.tensor.Tensor;

/**
 * Weight values checked against their variables first and assigned only when all fit, so a bad file never
 * leaves a model half loaded. A model built from the file itself (Models.load), which nobody holds yet when
 * loading fails, is filled directly instead: no second copy of the weights exists at any time.
 *
 * <pre>{@code
 * WeightAssignments todo = new WeightAssignments("m.weights.h5", false);
 * todo.add(layer, 0, layer.weights().get(0), dataset, "layers/dense/vars/0");   // shape checked, value read
 * todo.assignAll();                                                             // all at once
 * }</pre>
 */
final class WeightAssignments {
    private final List<Variable> targets = new ArrayList<>();
    private final List<Tensor> values = new ArrayList<>();
    private final String source;
    private final boolean direct;

    /** With {@code intoFreshModel}, values go straight into the variables (see above). */
    WeightAssignments(String source, boolean intoFreshModel) {
        this.source = source;
        this.direct = intoFreshModel;
    }

    /** Reads {@code ds} for variable {@code index} of {@code layer}, failing first on a shape mismatch. */
    void add(Layer layer, int index, Variable v, io.jhdf.api.Dataset ds, String where) throws ModelFileException {
        checkShape(layer, index, v, ds.getDimensions(), where);
        if (direct) {
            Hdf5.readInto(ds, v);
        } else {
            targets.add(v);
            values.add(Hdf5.tensor(ds));
        }
    }

    private void checkShape(Layer layer, int index, Variable v, int[] found, String where) throws ModelFileException {
        int[] expected = v.shape();
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
