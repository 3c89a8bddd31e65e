package org.jkeras.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jkeras.tensor.Tensor;

/**
 * The value {@code predict} returns (a Tensor, a {@code List<Tensor>} or a {@code Map<String, Tensor>} by output
 * name) as a list in the model's output order.
 *
 * <pre>{@code
 * List<Tensor> ys = Outputs.list(model.predictOutputs(x, o), Signature.of(model).outputNames());
 * }</pre>
 */
final class Outputs {
    private Outputs() {}

    static List<Tensor> list(Object predicted, List<String> names) {
        if (predicted instanceof Tensor) {
            return List.of((Tensor) predicted);
        }
        if (predicted instanceof Map) {
            List<Tensor> out = new ArrayList<>();
            for (String n : names) {
                out.add((Tensor) ((Map<?, ?>) predicted).get(n));
            }
            return out;
        }
        List<Tensor> out = new ArrayList<>();
        for (Object o : (List<?>) predicted) {
            out.add((Tensor) o);
        }
        return out;
    }

    /** The model's {@code x} argument for a list of inputs: the Tensor itself for one input. */
    static Object x(List<Tensor> xs) {
        return xs.size() == 1 ? xs.get(0) : xs;
    }
}
