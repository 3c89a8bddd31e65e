package org.jkeras.layers.preprocessing.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jkeras.data.TestData;
import org.jkeras.layers.Layer;
import org.jkeras.saving.Json;
import org.jkeras.saving.LayerSerialization;
import org.jkeras.tensor.StringTensor;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of test-data/fixtures/keras3-text/cases.json (written by real Keras 3, TensorFlow backend, with
 * {@code generate.py}): the layer rebuilt from Keras's config (adapted ones adapted on the same data) reproduces
 * Keras's output exactly, and its vocabulary.
 */
class KerasTextFixturesTest {
    static Path fixture(String file) {
        return TestData.fixture("keras3-text/" + file);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cases() throws IOException {
        Map<String, Object> all = (Map<String, Object>) Json.parse(Files.readString(fixture("cases.json")));
        return (List<Map<String, Object>>) all.get("cases");
    }

    static Stream<String> caseNames() throws IOException {
        return cases().stream().map(c -> (String) c.get("name"));
    }

    static Map<String, Object> find(String name) throws IOException {
        return cases().stream().filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow();
    }

    /** Flattens nested lists into their leaves and shape. */
    static List<Object> flatten(Object nested, List<Integer> shape, int depth) {
        List<Object> out = new ArrayList<>();
        if (nested instanceof List) {
            List<?> l = (List<?>) nested;
            if (shape.size() == depth) {
                shape.add(l.size());
            }
            for (Object o : l) {
                out.addAll(flatten(o, shape, depth + 1));
            }
        } else {
            out.add(nested);
        }
        return out;
    }

    static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    static StringTensor strings(Object nested) {
        List<Integer> shape = new ArrayList<>();
        List<Object> flat = flatten(nested, shape, 0);
        return StringTensor.of(flat.stream().map(o -> (String) o).toArray(String[]::new), ints(shape));
    }

    static Tensor numbers(Object nested) {
        List<Integer> shape = new ArrayList<>();
        List<Object> flat = flatten(nested, shape, 0);
        float[] v = new float[flat.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ((Number) flat.get(i)).floatValue();
        }
        return Tensor.of(v, ints(shape));
    }

    static Layer layer(Map<String, Object> c) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("module", "keras.layers");
        spec.put("class_name", c.get("class"));
        spec.put("config", c.get("config"));
        spec.put("registered_name", null);
        return LayerSerialization.deserialize(spec);
    }

    @ParameterizedTest
    @MethodSource("caseNames")
    void reproducesKeras(String name) throws IOException {
        Map<String, Object> c = find(name);
        Layer layer = layer(c);
        Object out = run(layer, c);
        if (out instanceof Tensor) {
            Tensor expected = numbers(c.get("output"));
            Tensor got = (Tensor) out;
            assertArrayEquals(expected.shape(), got.shape(), name + ": shape");
            float[] e = expected.toArray();
            float[] g = got.toArray();
            for (int i = 0; i < e.length; i++) {
                assertEquals(e[i], g[i], 1e-6 * Math.max(1, Math.abs(e[i])), name + ": element " + i);
            }
        } else {
            StringTensor expected = strings(c.get("output"));
            StringTensor got = (StringTensor) out;
            assertArrayEquals(expected.shape(), got.shape(), name + ": shape");
            assertArrayEquals(expected.toArray(), got.toArray(), name);
        }
    }

    /** Runs one case: adapt when the case was adapted, then call on strings or numbers. */
    static Object run(Layer layer, Map<String, Object> c) {
        boolean strings = "string".equals(c.get("input_dtype"));
        Object adapt = c.get("adapt");
        if (adapt != null && layer instanceof StringLookup) {
            ((StringLookup) layer).adapt(strings(adapt));
        } else if (adapt != null && layer instanceof TextVectorization) {
            ((TextVectorization) layer).adapt(strings(adapt));
        } else if (adapt != null && layer instanceof IntegerLookup) {
            ((IntegerLookup) layer).adapt(numbers(adapt));
        }
        if (c.get("vocabulary") != null && layer instanceof TextVectorization) {
            assertEquals(c.get("vocabulary"), ((TextVectorization) layer).vocabulary(), c.get("name") + ": vocabulary");
        }
        if (c.get("idf_weights") != null && layer instanceof TextVectorization) {
            Tensor w = numbers(c.get("idf_weights"));
            assertArrayEquals(w.toArray(), layer instanceof TextLayer ? ((TextLayer) layer).idfVariable() : null, 1e-6f,
                    c.get("name") + ": idf weights");
        }
        if (c.get("vocabulary") != null && layer instanceof IndexLookup) {
            List<String> expected = new ArrayList<>();
            for (Object o : (List<?>) c.get("vocabulary")) {
                expected.add(String.valueOf(o));
            }
            assertEquals(expected, ((IndexLookup) layer).vocabularyStrings(), c.get("name") + ": vocabulary");
        }
        if (c.get("idf_weights") != null && layer instanceof IndexLookup) {
            Tensor w = numbers(c.get("idf_weights"));
            float[] got = ((IndexLookup) layer).idfWeights();
            assertArrayEquals(w.toArray(), got, 1e-6f, c.get("name") + ": idf weights");
        }
        if (layer instanceof StringLookup && ((StringLookup) layer).invert) {
            return ((StringLookup) layer).invertLookup(numbers(c.get("input")));
        }
        if (layer instanceof TextLayer && strings) {
            return ((TextLayer) layer).call(strings(c.get("input")));
        }
        return layer.call(numbers(c.get("input")));
    }
}
