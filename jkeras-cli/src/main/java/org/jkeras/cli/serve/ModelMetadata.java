package org.jkeras.cli.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.cli.Signature;

/**
 * The JSON of TensorFlow Serving's model status ({@code GET /v1/models/NAME}) and metadata
 * ({@code GET /v1/models/NAME/metadata}: the {@code serving_default} signature with each input's and output's
 * dtype and shape, {@code -1} for the batch axis).
 *
 * <pre>{@code
 * Json.write(ModelMetadata.metadata("mlp", Signature.of(model)));
 * }</pre>
 */
final class ModelMetadata {
    private ModelMetadata() {}

    static Map<String, Object> status() {
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("error_code", "OK");
        st.put("error_message", "");
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("version", "1");
        v.put("state", "AVAILABLE");
        v.put("status", st);
        return Map.of("model_version_status", List.of(v));
    }

    static Map<String, Object> metadata(String name, Signature sig) {
        Map<String, Object> inputs = new LinkedHashMap<>(), outputs = new LinkedHashMap<>();
        for (int i = 0; i < sig.inputNames().size(); i++) {
            inputs.put(sig.inputNames().get(i), tensorInfo(sig.inputNames().get(i), sig.inputShape(i)));
        }
        for (int i = 0; i < sig.outputNames().size(); i++) {
            outputs.put(sig.outputNames().get(i), tensorInfo(sig.outputNames().get(i), sig.outputShape(i)));
        }
        Map<String, Object> def = new LinkedHashMap<>();
        def.put("inputs", inputs);
        def.put("outputs", outputs);
        def.put("method_name", "tensorflow/serving/predict");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", name);
        spec.put("signature_name", "");
        spec.put("version", "1");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model_spec", spec);
        out.put("metadata", Map.of("signature_def", Map.of("signature_def", Map.of("serving_default", def))));
        return out;
    }

    private static Map<String, Object> tensorInfo(String name, int[] shape) {
        List<Object> dims = new ArrayList<>();
        for (int d : shape) {
            Map<String, Object> dim = new LinkedHashMap<>();
            dim.put("size", String.valueOf(d));
            dim.put("name", "");
            dims.add(dim);
        }
        Map<String, Object> ts = new LinkedHashMap<>();
        ts.put("dim", dims);
        ts.put("unknown_rank", false);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("dtype", "DT_FLOAT");
        info.put("tensor_shape", ts);
        info.put("name", name);
        return info;
    }
}
