package org.jkeras.cli.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.cli.Signature;
import org.jkeras.tensor.Tensor;

/**
 * A TensorFlow Serving REST predict request, read by streaming: {@code {"instances": [...]}} (row format: each
 * instance a value, or an object by input name) or {@code {"inputs": ...}} (columnar: a batch, or an object of
 * batches by input name); {@code signature_name} is accepted and ignored. Every input is checked against the
 * model's shape; the instance count is capped while reading.
 *
 * <pre>{@code
 * PredictRequest r = PredictRequest.read(body, signature, 10_000);
 * r.rows();          // true for "instances"
 * r.inputs();        // one Tensor per model input, in model order
 * }</pre>
 */
final class PredictRequest {
    /** The body stays open after parsing: the server drains what follows the JSON. */
    private static final JsonFactory JSON = JsonFactory.builder().disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE).build();
    private final boolean rows;
    private final List<Tensor> inputs;

    private PredictRequest(boolean rows, List<Tensor> inputs) {
        this.rows = rows;
        this.inputs = inputs;
    }

    boolean rows() {
        return rows;
    }

    List<Tensor> inputs() {
        return inputs;
    }

    int instances() {
        return inputs.get(0).dim(0);
    }

    static PredictRequest read(InputStream body, Signature sig, int maxInstances) throws IOException {
        Map<String, NestedArray> arrays = new LinkedHashMap<>();
        Boolean rows = null;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new HttpError(400, "the request body must be a JSON object with \"instances\" or \"inputs\"");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.getCurrentName();
                p.nextToken();
                if (field.equals("instances") || field.equals("inputs")) {
                    if (rows != null) {
                        throw new HttpError(400, "give either \"instances\" or \"inputs\", not both");
                    }
                    rows = field.equals("instances");
                    if (rows) {
                        readRows(p, sig, arrays, maxInstances);
                    } else {
                        readColumns(p, sig, arrays, maxInstances);
                    }
                } else {
                    p.skipChildren(); // signature_name and anything else
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new HttpError(400, "the JSON body is incomplete");
            }
        } catch (JsonParseException e) {
            String why = e.getOriginalMessage().replace('\n', ' ')
                    .replaceAll(" ?\\(start marker at \\[Source: .*?; line: (\\d+), column: (\\d+)\\]\\)", " (opened at line $1, column $2)");
            throw new HttpError(400, "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + why);
        }
        if (rows == null) {
            throw new HttpError(400, "the request needs \"instances\" (row format) or \"inputs\" (columnar format)");
        }
        return new PredictRequest(rows, tensors(arrays, sig));
    }

    private static void readRows(JsonParser p, Signature sig, Map<String, NestedArray> arrays, int max) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new HttpError(400, "\"instances\" must be a list");
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = inputName(p.getCurrentName(), sig);
                    p.nextToken();
                    arrays.computeIfAbsent(name, n -> new NestedArray(n, max)).readInstance(p);
                }
            } else {
                if (sig.inputNames().size() != 1) {
                    throw new HttpError(400, "the model has inputs " + sig.inputNames()
                            + "; each instance must be an object by input name");
                }
                String name = sig.inputNames().get(0);
                arrays.computeIfAbsent(name, n -> new NestedArray(n, max)).readInstance(p);
            }
        }
    }

    private static void readColumns(JsonParser p, Signature sig, Map<String, NestedArray> arrays, int max) throws IOException {
        if (p.currentToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = inputName(p.getCurrentName(), sig);
                p.nextToken();
                NestedArray a = new NestedArray(name, max);
                a.readBatch(p);
                arrays.put(name, a);
            }
        } else {
            if (sig.inputNames().size() != 1) {
                throw new HttpError(400, "the model has inputs " + sig.inputNames()
                        + "; \"inputs\" must be an object by input name");
            }
            NestedArray a = new NestedArray(sig.inputNames().get(0), max);
            a.readBatch(p);
            arrays.put(a.name(), a);
        }
    }

    private static String inputName(String name, Signature sig) {
        if (!sig.inputNames().contains(name)) {
            throw new HttpError(400, "unknown input '" + name + "'; the model's inputs are " + sig.inputNames());
        }
        return name;
    }

    private static List<Tensor> tensors(Map<String, NestedArray> arrays, Signature sig) {
        List<Tensor> out = new ArrayList<>();
        int count = -1;
        for (int i = 0; i < sig.inputNames().size(); i++) {
            String name = sig.inputNames().get(i);
            NestedArray a = arrays.get(name);
            if (a == null) {
                throw new HttpError(400, "missing input '" + name + "'; the model's inputs are " + sig.inputNames());
            }
            int[] shape = a.shape();
            if (count >= 0 && shape[0] != count) {
                throw new HttpError(400, "input '" + name + "' has " + shape[0] + " instances; the others have " + count);
            }
            count = shape[0];
            if (count == 0) {
                throw new HttpError(400, "the request has no instances");
            }
            int[] want = sig.inputShape(i);
            boolean ok = want.length == shape.length;
            for (int d = 1; ok && d < want.length; d++) {
                ok = want[d] < 0 || want[d] == shape[d];
            }
            if (!ok) {
                throw new HttpError(400, "input '" + name + "' of the model expects shape " + Signature.python(want)
                        + "; the request has shape " + Signature.python(shape));
            }
            out.add(Tensor.of(java.util.Arrays.copyOf(a.data(), a.size()), shape));
        }
        return out;
    }
}
