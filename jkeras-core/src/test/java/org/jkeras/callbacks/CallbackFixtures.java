package org.jkeras.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jkeras.data.Npy;
import org.jkeras.data.TestData;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.InputLayer;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.Optimizer;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.FitOptions;

/** The keras3-callbacks fixture: its model, data and helpers shared by the callback tests. */
final class CallbackFixtures {
    static final Path DIR = TestData.fixture("keras3-callbacks");
    static final JsonNode SCENARIOS;
    static final Map<String, Tensor> DATA;
    static final Map<String, Tensor> INIT;

    static {
        try {
            SCENARIOS = new ObjectMapper().readTree(DIR.resolve("callbacks.json").toFile());
            DATA = Npy.readNpz(DIR.resolve("data.npz"));
            INIT = Npy.readNpz(DIR.resolve("init_weights.npz"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CallbackFixtures() {}

    /** Sequential Input(4) > Dense(8 relu) > Dense(3 softmax) from init_weights.npz, compiled as the fixture. */
    static Sequential model(Optimizer optimizer) {
        Sequential m = new Sequential(new InputLayer(4), new Dense(8, "relu"), new Dense(3, "softmax"));
        m.setWeights(List.of(INIT.get("arr_0"), INIT.get("arr_1"), INIT.get("arr_2"), INIT.get("arr_3")));
        m.compile(optimizer, "categorical_crossentropy", "accuracy");
        return m;
    }

    /** batch_size 16, shuffle=False, validation_data=(x_val, y_val). */
    static FitOptions fit(int epochs, int verbose, Callback... callbacks) {
        return FitOptions.defaults().batchSize(16).shuffle(false).epochs(epochs).verbose(verbose)
                .validationData(DATA.get("x_val"), DATA.get("y_val")).callbacks(callbacks);
    }

    /** batch_size 16, shuffle=False, no validation. */
    static FitOptions fitWithoutValidation(int epochs, Callback... callbacks) {
        return FitOptions.defaults().batchSize(16).shuffle(false).epochs(epochs).verbose(0).callbacks(callbacks);
    }

    /** Runs {@code body} with System.out captured; returns what it printed. */
    static String stdout(Runnable body) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static <T> T quiet(Supplier<T> body) {
        Object[] out = new Object[1];
        stdout(() -> out[0] = body.get());
        @SuppressWarnings("unchecked")
        T t = (T) out[0];
        return t;
    }

    /** The step timings ("- 0s - 22ms/step") vary run to run: both sides replace them by a marker. */
    static String withoutTimings(String s) {
        return s.replaceAll(" - \\d+s - \\d+(\\.\\d+)?(ms|us|s)/step", " - <time>/step");
    }

    static void assertWeights(JsonNode expected, List<Tensor> got, double tol, String what) {
        assertEquals(expected.size(), got.size(), what + ": number of weights");
        for (int i = 0; i < got.size(); i++) {
            float[] g = got.get(i).toArray();
            double[] e = flatten(expected.get(i));
            assertEquals(e.length, g.length, what + ": size of weight " + i);
            for (int j = 0; j < g.length; j++) {
                // relative for large weights (lr 1e6 drives them to ~6e4, where float32 steps are ~4e-3)
                assertEquals(e[j], g[j], tol * Math.max(1, Math.abs(e[j])), what + ": weight " + i + "[" + j + "]");
            }
        }
    }

    static void assertWeights(List<Tensor> expected, List<Tensor> got, double tol, String what) {
        assertEquals(expected.size(), got.size(), what + ": number of weights");
        for (int i = 0; i < got.size(); i++) {
            float[] e = expected.get(i).toArray(), g = got.get(i).toArray();
            assertEquals(e.length, g.length, what + ": size of weight " + i);
            for (int j = 0; j < g.length; j++) {
                assertEquals(e[j], g[j], tol, what + ": weight " + i + "[" + j + "]");
            }
        }
    }

    private static double[] flatten(JsonNode n) {
        java.util.ArrayList<Double> out = new java.util.ArrayList<>();
        collect(n, out);
        double[] d = new double[out.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = out.get(i);
        }
        return d;
    }

    private static void collect(JsonNode n, List<Double> out) {
        if (n.isArray()) {
            n.forEach(c -> collect(c, out));
        } else {
            out.add(n.asDouble());
        }
    }
}
