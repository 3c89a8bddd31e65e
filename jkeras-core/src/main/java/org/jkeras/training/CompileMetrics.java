package org.jkeras.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.metrics.Metric;
import org.jkeras.metrics.Metrics;
import org.jkeras.tensor.Tensor;

/**
 * The compiled metrics of a model (Keras 3's {@code compile_utils.CompileMetrics}): the {@code metrics} and
 * {@code weighted_metrics} of compile, per output, resolved on the first batch (a name such as
 * {@code "accuracy"} becomes binary, categorical or sparse from the shapes, as Keras 3 does), and named as
 * Keras 3 names them: {@code <output>_<metric>} with several outputs, {@code _1}, {@code _2} for duplicates,
 * {@code weighted_<metric>} for a weighted metric colliding with a plain one.
 *
 * <pre>{@code
 * CompileMetrics m = CompileMetrics.of(List.of("accuracy"), null, List.of("out"), "model");
 * m.update(ys, preds, ws, compileLoss);
 * Map<String, Double> logs = new LinkedHashMap<>();
 * m.results(logs);                                  // {accuracy=...}
 * }</pre>
 */
final class CompileMetrics {
    private final List<List<Object>> specs;
    private final List<List<Object>> weightedSpecs;
    private final List<String> outputs;
    /** Resolved on the first batch (accuracy depends on shapes). */
    private List<Slot> slots;

    private static final class Slot {
        final int output;
        final Metric metric;
        final boolean weighted;
        String key;

        Slot(int output, Metric metric, boolean weighted) {
            this.output = output;
            this.metric = metric;
            this.weighted = weighted;
        }
    }

    private CompileMetrics(List<List<Object>> specs, List<List<Object>> weightedSpecs, List<String> outputs) {
        this.specs = specs;
        this.weightedSpecs = weightedSpecs;
        this.outputs = outputs;
    }

    /** Resolves the metrics and weighted_metrics arguments of compile for these outputs. */
    static CompileMetrics of(Object metrics, Object weightedMetrics, List<String> outs, String model) {
        return new CompileMetrics(specs(metrics, outs, "metrics", model), specs(weightedMetrics, outs,
                "weighted_metrics", model), outs);
    }

    /** Normalises a metrics argument to one list of specs (String or Metric) per output. */
    private static List<List<Object>> specs(Object spec, List<String> outs, String what, String model) {
        int n = outs.size();
        List<List<Object>> per = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            per.add(new ArrayList<>());
        }
        if (spec == null) {
            return per;
        }
        if (spec instanceof String || spec instanceof Metric) {
            spec = List.of(spec);
        }
        if (spec instanceof Map) {
            Map<?, ?> map = (Map<?, ?>) spec;
            CompileLoss.checkKeys(map.keySet(), outs, what, model);
            for (int i = 0; i < n; i++) {
                Object v = map.get(outs.get(i));
                if (v != null) {
                    for (Object m : v instanceof List ? (List<?>) v : List.of(v)) {
                        per.get(i).add(checkMetric(m, what + "['" + outs.get(i) + "']"));
                    }
                }
            }
            return per;
        }
        if (!(spec instanceof List)) {
            throw new IllegalArgumentException(what + " must be a list of names/Metrics, a list of such lists (one per "
                    + "output) or a map by output name; received " + spec.getClass().getName() + ".");
        }
        List<?> list = (List<?>) spec;
        boolean nested = !list.isEmpty() && list.stream().allMatch(e -> e == null || e instanceof List);
        if (nested) {
            if (list.size() != n) {
                throw new IllegalArgumentException(what + " is a list of " + list.size() + " lists but model '" + model
                        + "' has " + n + " output(s) " + outs + "; give one list per output (empty for none) or a map.");
            }
            for (int i = 0; i < n; i++) {
                if (list.get(i) != null) {
                    for (Object m : (List<?>) list.get(i)) {
                        per.get(i).add(checkMetric(m, what + "[" + i + "]"));
                    }
                }
            }
            return per;
        }
        for (Object m : list) {
            checkMetric(m, what);
            if (m instanceof Metric && n > 1) {
                throw new IllegalArgumentException(what + ": the Metric object " + m + " cannot be applied to all " + n
                        + " outputs " + outs + " (it would mix their values); give metric names, or one Metric per "
                        + "output in a map by output name.");
            }
            for (int i = 0; i < n; i++) {
                per.get(i).add(m);
            }
        }
        return per;
    }

    private static Object checkMetric(Object m, String what) {
        if (m instanceof String) {
            Metrics.get((String) m); // validates the name now, with the list of valid names
            return m;
        }
        if (m instanceof Metric) {
            return m;
        }
        throw new IllegalArgumentException(what + " must hold metric names or Metric objects; received "
                + (m == null ? "null" : m.getClass().getName()) + ".");
    }

    /** Whether output {@code i} has metrics (then it needs targets). */
    boolean has(int output) {
        return !specs.get(output).isEmpty() || !weightedSpecs.get(output).isEmpty();
    }

    /** The metric names of the first output as given to compile (Keras's {@code compile_config["metrics"]}). */
    List<String> compiledNames() {
        List<String> names = new ArrayList<>();
        if (!specs.isEmpty()) {
            for (Object m : specs.get(0)) {
                names.add(m instanceof Metric ? ((Metric) m).name() : String.valueOf(m));
            }
        }
        return names;
    }

    /** The log keys of the metrics, known once a batch has run (empty before). */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        if (slots != null) {
            for (Slot s : slots) {
                keys.add(s.key);
            }
        }
        return keys;
    }

    /**
     * Updates every metric with a batch; resolves and names them on the first batch, the loss keys being names a
     * metric must not take.
     */
    void update(Tensor[] ys, List<Tensor> preds, Tensor[] ws, CompileLoss loss) {
        update(ys, preds, ws, null, loss);
    }

    /**
     * As above; {@code masksOnly} (may be null) are the output masks as weights: plain metrics weigh masked timesteps 0
     * too, as Keras 3's metrics read the predictions' mask ({@code ws} has the masks folded in already).
     */
    void update(Tensor[] ys, List<Tensor> preds, Tensor[] ws, Tensor[] masksOnly, CompileLoss loss) {
        for (Slot s : slots != null ? slots : slots(ys, preds, loss.keys())) {
            Tensor w = s.weighted ? ws[s.output] : masksOnly == null ? null : masksOnly[s.output];
            s.metric.updateState(ys[s.output], preds.get(s.output), w);
        }
    }

    /** Every resolved metric's state values, in slot order (empty before the first batch). */
    double[] stateValues() {
        List<double[]> parts = new ArrayList<>();
        int n = 0;
        if (slots != null) {
            for (Slot s : slots) {
                double[] v = s.metric.stateValues();
                parts.add(v);
                n += v.length;
            }
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] v : parts) {
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    /** Restores {@link #stateValues} from {@code v[from..]}; returns the values used. */
    int setStateValues(double[] v, int from) {
        int at = from;
        if (slots != null) {
            for (Slot s : slots) {
                int len = s.metric.stateValues().length;
                s.metric.setStateValues(java.util.Arrays.copyOfRange(v, at, at + len));
                at += len;
            }
        }
        return at - from;
    }

    void reset() {
        if (slots != null) {
            for (Slot s : slots) {
                s.metric.resetState();
            }
        }
    }

    /** Puts every metric's running value under its key. */
    void results(Map<String, Double> into) {
        if (slots != null) {
            for (Slot s : slots) {
                into.put(s.key, s.metric.result());
            }
        }
    }

    private List<Slot> slots(Tensor[] ys, List<Tensor> preds, List<String> reserved) {
        if (slots != null) {
            return slots;
        }
        List<Slot> list = new ArrayList<>();
        IdentityHashMap<Metric, Boolean> used = new IdentityHashMap<>();
        for (int pass = 0; pass < 2; pass++) {
            List<List<Object>> perOutput = pass == 0 ? specs : weightedSpecs;
            for (int i = 0; i < perOutput.size(); i++) {
                for (Object s : perOutput.get(i)) {
                    Metric m = s instanceof Metric ? (Metric) s
                            : Metrics.resolve((String) s, ys[i].shape(), preds.get(i).shape());
                    if (used.put(m, Boolean.TRUE) != null) {
                        throw new IllegalArgumentException("The Metric object " + m + " is given more than once; "
                                + "each output and list needs its own instance.");
                    }
                    list.add(new Slot(i, m, pass == 1));
                }
            }
        }
        // Keras 3's CompileMetrics.result(): output prefix with several outputs; duplicates get _1, _2; a weighted
        // metric colliding with a plain one becomes weighted_<name>.
        boolean prefix = outputs.size() > 1;
        Map<String, Integer> counters = new HashMap<>();
        for (String r : reserved) {
            counters.put(r, 1);
        }
        for (Slot s : list) {
            String p = prefix ? outputs.get(s.output) + "_" : "";
            String key = p + s.metric.name();
            if (!counters.containsKey(key)) {
                counters.put(key, 1);
            } else if (!s.weighted) {
                key = key + "_" + (counters.merge(key, 1, Integer::sum) - 1);
            } else {
                key = p + "weighted_" + s.metric.name();
                if (!counters.containsKey(key)) {
                    counters.put(key, 1);
                } else {
                    key = key + "_" + (counters.merge(key, 1, Integer::sum) - 1);
                }
            }
            s.key = key;
        }
        slots = list;
        return slots;
    }

    /**
     * Keras's {@code _direction} of the resolved metric named {@code name} ("up", "down"; null when none has that
     * name or it does not say); the last metric of that name wins, as Keras's MonitorCallback loop (callbacks branch).
     */
    String direction(String name) {
        String direction = null;
        if (slots != null) {
            for (Slot s : slots) {
                if (s.metric.name().equals(name) && s.metric.direction() != null) {
                    direction = s.metric.direction();
                }
            }
        }
        return direction;
    }
}
