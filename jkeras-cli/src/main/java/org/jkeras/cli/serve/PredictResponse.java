package org.jkeras.cli.serve;

import java.util.List;
import org.jkeras.tensor.Tensor;

/**
 * TensorFlow Serving's predict response: {@code {"predictions": [...]}} for a row request (each prediction a value,
 * or an object by output name when the model has several outputs) and {@code {"outputs": ...}} for a columnar one
 * (the batch, or an object of batches by output name). Floats are written with Java's shortest round-trip form.
 *
 * <pre>{@code
 * String json = PredictResponse.json(true, List.of("dense_2"), List.of(y));   // {"predictions": [[0.1, 0.9], ...]}
 * }</pre>
 */
final class PredictResponse {
    private PredictResponse() {}

    static String json(boolean rows, List<String> names, List<Tensor> outputs) {
        StringBuilder sb = new StringBuilder(64 + 16 * outputs.get(0).size());
        int n = outputs.get(0).dim(0);
        if (rows) {
            sb.append("{\"predictions\": [");
            for (int r = 0; r < n; r++) {
                sb.append(r == 0 ? "" : ", ");
                if (outputs.size() == 1) {
                    row(sb, outputs.get(0), r);
                } else {
                    sb.append('{');
                    for (int o = 0; o < outputs.size(); o++) {
                        sb.append(o == 0 ? "\"" : ", \"").append(names.get(o)).append("\": ");
                        row(sb, outputs.get(o), r);
                    }
                    sb.append('}');
                }
            }
            return sb.append("]}").toString();
        }
        sb.append("{\"outputs\": ");
        if (outputs.size() == 1) {
            batch(sb, outputs.get(0));
        } else {
            sb.append('{');
            for (int o = 0; o < outputs.size(); o++) {
                sb.append(o == 0 ? "\"" : ", \"").append(names.get(o)).append("\": ");
                batch(sb, outputs.get(o));
            }
            sb.append('}');
        }
        return sb.append('}').toString();
    }

    private static void batch(StringBuilder sb, Tensor t) {
        sb.append('[');
        for (int r = 0; r < t.dim(0); r++) {
            sb.append(r == 0 ? "" : ", ");
            row(sb, t, r);
        }
        sb.append(']');
    }

    /** Row {@code r} of {@code t} as nested lists (a bare number when the output has no axis after the batch). */
    private static void row(StringBuilder sb, Tensor t, int r) {
        int[] shape = t.shape();
        int per = t.size() / shape[0];
        nested(sb, t.buffer(), t.offset() + r * per, shape, 1);
    }

    private static void nested(StringBuilder sb, float[] data, int at, int[] shape, int axis) {
        if (axis == shape.length) {
            float v = data[at];
            sb.append(Float.isFinite(v) ? Float.toString(v) : "NaN");
            return;
        }
        int stride = 1;
        for (int a = axis + 1; a < shape.length; a++) {
            stride *= shape[a];
        }
        sb.append('[');
        for (int i = 0; i < shape[axis]; i++) {
            sb.append(i == 0 ? "" : ", ");
            nested(sb, data, at + i * stride, shape, axis + 1);
        }
        sb.append(']');
    }
}
