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
 * {@code "MAE"}, {@code "bce"}, {@code "BCE"}, {@code "mape"}, {@code "MAPE"}, {@code "msle"}, {@code "MSLE"},
 * {@code "kld"}, {@code "KLD"}). Lookup is case-sensitive, as in Keras.
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
        cls(className, defaultName, defaultName);
    }

    /** A class name whose default loss name differs from its function's name (Huber: "huber_loss"). */
    private static void cls(String className, String functionName, String defaultName) {
        REGISTRY.put(className, REGISTRY.get(functionName));
        CLASS_DEFAULT_NAMES.put(className, defaultName);
    }

    static {
        fn("mean_squared_error", MeanSquaredError::new, "mse", "MSE");
        fn("mean_absolute_error", MeanAbsoluteError::new, "mae", "MAE");
        fn("categorical_crossentropy", n -> new CategoricalCrossentropy(n, false, 0.0));
        fn("sparse_categorical_crossentropy", n -> new SparseCategoricalCrossentropy(n, false));
        fn("binary_crossentropy", n -> new BinaryCrossentropy(n, false, 0.0), "bce", "BCE");
        fn("mean_absolute_percentage_error", MeanAbsolutePercentageError::new, "mape", "MAPE");
        fn("mean_squared_logarithmic_error", MeanSquaredLogarithmicError::new, "msle", "MSLE");
        fn("binary_focal_crossentropy", n -> new BinaryFocalCrossentropy(n, false, 0.25, 2.0, false, 0.0));
        fn("hinge", Hinge::new);
        fn("squared_hinge", SquaredHinge::new);
        fn("categorical_hinge", CategoricalHinge::new);
        fn("huber", n -> new Huber(n, 1.0));
        fn("log_cosh", LogCosh::new);
        fn("kl_divergence", KLDivergence::new, "kld", "KLD");
        fn("poisson", Poisson::new);
        fn("cosine_similarity", n -> new CosineSimilarity(n, -1));
        cls("MeanSquaredError", "mean_squared_error");
        cls("MeanAbsoluteError", "mean_absolute_error");
        cls("CategoricalCrossentropy", "categorical_crossentropy");
        cls("SparseCategoricalCrossentropy", "sparse_categorical_crossentropy");
        cls("BinaryCrossentropy", "binary_crossentropy");
        cls("MeanAbsolutePercentageError", "mean_absolute_percentage_error");
        cls("MeanSquaredLogarithmicError", "mean_squared_logarithmic_error");
        cls("BinaryFocalCrossentropy", "binary_focal_crossentropy");
        cls("Hinge", "hinge");
        cls("SquaredHinge", "squared_hinge");
        cls("CategoricalHinge", "categorical_hinge");
        cls("Huber", "huber", "huber_loss");
        cls("LogCosh", "log_cosh");
        cls("KLDivergence", "kl_divergence");
        cls("Poisson", "poisson");
        cls("CosineSimilarity", "cosine_similarity");
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
