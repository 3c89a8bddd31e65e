package org.jkeras.losses;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The loss registry, Keras 3's {@code keras.losses.get} for strings: function names
 * ({@code "categorical_crossentropy"}, {@code "mean_squared_error"}, ...), class names
 * ({@code "CategoricalCrossentropy"}, ...) and Keras's aliases ({@code "mse"}, {@code "MSE"}, {@code "mae"},
 * {@code "MAE"}, {@code "bce"}, {@code "BCE"}). Lookup is case-sensitive, as in Keras.
 *
 * <p>Naming follows Keras 3's {@code compile}: a loss given by a function name or alias is wrapped under that
 * very string ({@code get("mse").name()} is {@code "mse"}), a class name gives the class's default snake_case
 * name ({@code get("MeanSquaredError").name()} is {@code "mean_squared_error"}).
 *
 * <pre>{@code
 * Loss a = Losses.get("categorical_crossentropy");
 * Loss b = Losses.resolve("crossentropy", new int[] {32}, new int[] {32, 10});   // sparse, named "crossentropy"
 * }</pre>
 */
public final class Losses {
    private Losses() {}

    private static final Map<String, Function<String, Loss>> REGISTRY = new LinkedHashMap<>();
    private static final Map<String, String> CLASS_DEFAULT_NAMES = new LinkedHashMap<>();

    private static void fn(String name, Function<String, Loss> factory, String... aliases) {
        REGISTRY.put(name, factory);
        for (String a : aliases) {
            REGISTRY.put(a, factory);
        }
    }

    private static void cls(String className, String defaultName) {
        REGISTRY.put(className, REGISTRY.get(defaultName));
        CLASS_DEFAULT_NAMES.put(className, defaultName);
    }

    static {
        fn("mean_squared_error", MeanSquaredError::new, "mse", "MSE");
        fn("mean_absolute_error", MeanAbsoluteError::new, "mae", "MAE");
        fn("categorical_crossentropy", n -> new CategoricalCrossentropy(n, false, 0.0));
        fn("sparse_categorical_crossentropy", n -> new SparseCategoricalCrossentropy(n, false));
        fn("binary_crossentropy", n -> new BinaryCrossentropy(n, false, 0.0), "bce", "BCE");
        cls("MeanSquaredError", "mean_squared_error");
        cls("MeanAbsoluteError", "mean_absolute_error");
        cls("CategoricalCrossentropy", "categorical_crossentropy");
        cls("SparseCategoricalCrossentropy", "sparse_categorical_crossentropy");
        cls("BinaryCrossentropy", "binary_crossentropy");
    }

    /** Every name {@link #get} accepts, in registry order. */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(REGISTRY.keySet()));
    }

    /**
     * The loss registered under {@code name}, with Keras defaults.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Loss get(String name) {
        Function<String, Loss> f = name == null ? null : REGISTRY.get(name);
        if (f == null) {
            String hint = "";
            if (name != null) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (REGISTRY.containsKey(lower)) {
                    hint = " Names are case-sensitive: did you mean '" + lower + "'?";
                } else if (lower.equals("crossentropy") || lower.equals("ce")) {
                    hint = " '" + name + "' depends on the target and output shapes: use Losses.resolve(name, "
                            + "yTrueShape, yPredShape).";
                }
            }
            throw new IllegalArgumentException("Could not interpret loss identifier: loss=" + (name == null ? "null"
                    : "'" + name + "'") + "." + hint + " Valid names: " + String.join(", ", REGISTRY.keySet())
                    + " (and 'crossentropy'/'ce' via Losses.resolve).");
        }
        return f.apply(CLASS_DEFAULT_NAMES.getOrDefault(name, name));
    }

    /**
     * Keras 3's {@code compile_utils.get_loss}: the shortcuts {@code "crossentropy"} and {@code "ce"} (any case)
     * pick the loss from the shapes of one batch — {@code y_pred} last dim 1 ⇒ binary; else
     * {@code rank(y_true) < rank(y_pred)} or ({@code y_true} last dim 1 and {@code y_pred} last dim &gt; 1) ⇒
     * sparse categorical; else categorical — and keep the string as the loss's name. Any other name goes to
     * {@link #get}.
     */
    public static Loss resolve(String name, int[] yTrueShape, int[] yPredShape) {
        if (name != null) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("crossentropy") || lower.equals("ce")) {
                int rt = yTrueShape.length, rp = yPredShape.length;
                int tLast = rt == 0 ? -1 : yTrueShape[rt - 1], pLast = rp == 0 ? -1 : yPredShape[rp - 1];
                if (pLast == 1) {
                    return new BinaryCrossentropy(name, false, 0.0);
                }
                if (rt < rp || (tLast == 1 && pLast > 1)) {
                    return new SparseCategoricalCrossentropy(name, false);
                }
                return new CategoricalCrossentropy(name, false, 0.0);
            }
        }
        return get(name);
    }
}
