package org.jkeras.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The metric registry: {@link #get} is Keras 3's {@code keras.metrics.get} for strings (snake_case and class
 * names, plus the aliases {@code mse}/{@code MSE}, {@code mae}/{@code MAE}, {@code bce}/{@code BCE},
 * {@code mape}/{@code MAPE}, {@code msle}/{@code MSLE}; case-sensitive; {@code LogCoshError} is also found under
 * its metric name {@code "logcosh"}, which Keras's registry lacks), and {@link #resolve} is what {@code compile(metrics=[...])} does with a string
 * ({@code compile_utils.get_metric}): the shortcuts {@code "accuracy"}/{@code "acc"} become binary, sparse
 * categorical or categorical accuracy depending on the shapes, and the metric is named by the string given.
 *
 * <pre>{@code
 * Metric acc = Metrics.resolve("accuracy", new int[] {32}, new int[] {32, 10});   // sparse, named "accuracy"
 * Metric mse = Metrics.resolve("mse", yTrueShape, yPredShape);                    // MeanSquaredError named "mse"
 * Metric exact = Metrics.get("accuracy");                                         // keras.metrics.Accuracy
 * }</pre>
 */
public final class Metrics {
    private Metrics() {}

    private static final Map<String, Function<String, Metric>> REGISTRY = new LinkedHashMap<>();
    private static final Map<String, String> DEFAULT_NAMES = new LinkedHashMap<>();

    private static void put(String defaultName, Function<String, Metric> factory, String... otherKeys) {
        REGISTRY.put(defaultName, factory);
        DEFAULT_NAMES.put(defaultName, defaultName);
        for (String k : otherKeys) {
            REGISTRY.put(k, factory);
            DEFAULT_NAMES.put(k, defaultName);
        }
    }

    static {
        put("accuracy", Accuracy::new, "Accuracy");
        put("binary_accuracy", BinaryAccuracy::new, "BinaryAccuracy");
        put("categorical_accuracy", CategoricalAccuracy::new, "CategoricalAccuracy");
        put("sparse_categorical_accuracy", SparseCategoricalAccuracy::new, "SparseCategoricalAccuracy");
        put("mean_squared_error", MeanSquaredError::new, "MeanSquaredError", "mse", "MSE");
        put("mean_absolute_error", MeanAbsoluteError::new, "MeanAbsoluteError", "mae", "MAE");
        put("top_k_categorical_accuracy", n -> new TopKCategoricalAccuracy(n, 5), "TopKCategoricalAccuracy");
        put("sparse_top_k_categorical_accuracy", n -> new SparseTopKCategoricalAccuracy(n, 5),
                "SparseTopKCategoricalAccuracy");
        put("precision", n -> new Precision(n, null, null, null), "Precision");
        put("recall", n -> new Recall(n, null, null, null), "Recall");
        put("auc", n -> new AUC(n, 200, "ROC", "interpolation"), "AUC");
        put("root_mean_squared_error", RootMeanSquaredError::new, "RootMeanSquaredError");
        put("mean_absolute_percentage_error", MeanAbsolutePercentageError::new, "MeanAbsolutePercentageError", "mape",
                "MAPE");
        put("mean_squared_logarithmic_error", MeanSquaredLogarithmicError::new, "MeanSquaredLogarithmicError", "msle",
                "MSLE");
        put("cosine_similarity", CosineSimilarity::new, "CosineSimilarity");
        put("logcosh", LogCoshError::new, "LogCoshError", "log_cosh_error");
        put("mean", Mean::new, "Mean");
        put("sum", Sum::new, "Sum");
        put("categorical_crossentropy", n -> new MeanMetricWrapper(n, MetricFunctions::categoricalCrossentropy).direction("down"),
                "CategoricalCrossentropy");
        put("sparse_categorical_crossentropy",
                n -> new MeanMetricWrapper(n, MetricFunctions::sparseCategoricalCrossentropy).direction("down"),
                "SparseCategoricalCrossentropy");
        put("binary_crossentropy", n -> new MeanMetricWrapper(n, MetricFunctions::binaryCrossentropy).direction("down"),
                "BinaryCrossentropy", "bce", "BCE");
    }

    /** Every name {@link #get} accepts, in registry order. */
    public static List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(REGISTRY.keySet()));
    }

    /**
     * A new metric for {@code name}, under its Keras default name (as {@code keras.metrics.get}: {@code get("mse")}
     * is a {@code MeanSquaredError} named {@code "mean_squared_error"}). {@code "accuracy"} here is the exact-match
     * {@link Accuracy}; so are {@code "acc"} and other spellings of the compile shortcut (named as given), accepted
     * so that compile can check names early. For compile's shape-dependent meaning use {@link #resolve}.
     *
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Metric get(String name) {
        if (name != null && !REGISTRY.containsKey(name) && isAccuracyShortcut(name)) {
            // "acc", "ACC", "Acc", ...: not in keras.metrics.get, but compile accepts them; accepting them here lets
            // compile validate metric names before the first batch. Resolve them with resolve() once shapes are known.
            return new Accuracy(name);
        }
        return factory(name).apply(DEFAULT_NAMES.get(name));
    }

    private static boolean isAccuracyShortcut(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.equals("accuracy") || lower.equals("acc");
    }

    private static Function<String, Metric> factory(String name) {
        Function<String, Metric> f = name == null ? null : REGISTRY.get(name);
        if (f == null) {
            String hint = "";
            if (name != null) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (REGISTRY.containsKey(lower)) {
                    hint = " Names are case-sensitive: did you mean '" + lower + "'?";
                }
            }
            throw new IllegalArgumentException("Could not interpret metric identifier: metric=" + (name == null
                    ? "null" : "'" + name + "'") + "." + hint + " Valid names: " + String.join(", ", REGISTRY.keySet())
                    + ", acc.");
        }
        return f;
    }

    /**
     * Keras 3's {@code compile_utils.get_metric} for a string, given the shapes of one batch's {@code y_true} and
     * {@code y_pred}. {@code "accuracy"} and {@code "acc"} (any case) resolve by shape only, never by the loss:
     * {@code y_pred} last dim == 1 ⇒ {@link BinaryAccuracy}; else {@code rank(y_true) < rank(y_pred)} or
     * ({@code y_true} last dim == 1 and {@code y_pred} last dim &gt; 1) ⇒ {@link SparseCategoricalAccuracy};
     * else {@link CategoricalAccuracy}. Every other name goes through {@link #get}. Either way the metric is
     * named by the string exactly as given ({@code "acc"} stays {@code "acc"}, {@code "mse"} stays
     * {@code "mse"}), which is the key in logs and History.
     */
    public static Metric resolve(String name, int[] yTrueShape, int[] yPredShape) {
        if (name != null) {
            if (isAccuracyShortcut(name)) {
                int rt = yTrueShape.length, rp = yPredShape.length;
                int tLast = rt == 0 ? -1 : yTrueShape[rt - 1], pLast = rp == 0 ? -1 : yPredShape[rp - 1];
                if (pLast == 1) {
                    return new BinaryAccuracy(name);
                }
                if (rt < rp || (tLast == 1 && pLast > 1)) {
                    return new SparseCategoricalAccuracy(name);
                }
                return new CategoricalAccuracy(name);
            }
        }
        return factory(name).apply(name);
    }
}
