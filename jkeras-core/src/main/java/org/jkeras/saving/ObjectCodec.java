package org.jkeras.saving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.constraints.Constraint;
import org.jkeras.constraints.Constraints;
import org.jkeras.constraints.MaxNorm;
import org.jkeras.constraints.MinMaxNorm;
import org.jkeras.constraints.NonNeg;
import org.jkeras.constraints.UnitNorm;
import org.jkeras.optimizers.schedules.CosineDecay;
import org.jkeras.optimizers.schedules.CosineDecayRestarts;
import org.jkeras.optimizers.schedules.ExponentialDecay;
import org.jkeras.optimizers.schedules.InverseTimeDecay;
import org.jkeras.optimizers.schedules.LearningRateSchedule;
import org.jkeras.optimizers.schedules.PiecewiseConstantDecay;
import org.jkeras.optimizers.schedules.PolynomialDecay;
import org.jkeras.regularizers.L1;
import org.jkeras.regularizers.L1L2;
import org.jkeras.regularizers.L2;
import org.jkeras.regularizers.OrthogonalRegularizer;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.regularizers.Regularizers;

/**
 * Regularizers, constraints and learning-rate schedules to and from Keras's serialized dicts: Keras 3
 * {@code {"module": "keras.regularizers", "class_name": "L2", "config": {"l2": 0.01}, "registered_name": null}},
 * Keras 2 {@code {"class_name": "L1L2", "config": {...}}}, or a bare name such as {@code "l2"}.
 */
final class ObjectCodec {
    private ObjectCodec() {}

    static String className(Object spec, String what) {
        if (spec instanceof String) {
            return (String) spec;
        }
        Map<String, Object> m = ConfigValues.map(spec, what);
        Object cn = m.get("class_name");
        if (!(cn instanceof String)) {
            throw new IllegalArgumentException(what + " " + Json.write(spec) + " has no class_name.");
        }
        String s = (String) cn;
        return s.startsWith("Custom>") ? s.substring("Custom>".length()) : s;
    }

    static Map<String, Object> config(Object spec, String what) {
        if (!(spec instanceof Map)) {
            return new LinkedHashMap<>();
        }
        Object c = ((Map<?, ?>) spec).get("config");
        return c == null ? new LinkedHashMap<>() : ConfigValues.map(c, what + " config");
    }

    /** A regularizer from its serialized form, or null for null. */
    static Regularizer regularizer(Object spec, String what) {
        if (spec == null) {
            return null;
        }
        if (spec instanceof String) {
            return Regularizers.get((String) spec);
        }
        String cls = className(spec, what);
        Map<String, Object> c = config(spec, what);
        switch (cls) {
            case "L1":
            case "l1":
                return new L1(ConfigValues.number(c, "l1", 0.01));
            case "L2":
            case "l2":
                return new L2(ConfigValues.number(c, "l2", 0.01));
            case "L1L2":
            case "l1_l2":
                return new L1L2(ConfigValues.number(c, "l1", 0), ConfigValues.number(c, "l2", 0));
            case "OrthogonalRegularizer":
                return new OrthogonalRegularizer(ConfigValues.number(c, "factor", 0.01),
                        ConfigValues.string(c, "mode", "rows"));
            default:
                throw new IllegalArgumentException("Unknown regularizer class '" + cls + "' in " + what + "; jkeras has L1, "
                        + "L2, L1L2 and OrthogonalRegularizer.");
        }
    }

    /** A constraint from its serialized form, or null for null. */
    static Constraint constraint(Object spec, String what) {
        if (spec == null) {
            return null;
        }
        if (spec instanceof String) {
            return Constraints.get((String) spec);
        }
        String cls = className(spec, what);
        Map<String, Object> c = config(spec, what);
        switch (cls) {
            case "MaxNorm":
            case "max_norm":
                return new MaxNorm(ConfigValues.number(c, "max_value", 2), axis(c, 0));
            case "MinMaxNorm":
            case "min_max_norm":
                return new MinMaxNorm(ConfigValues.number(c, "min_value", 0), ConfigValues.number(c, "max_value", 1),
                        ConfigValues.number(c, "rate", 1), axis(c, 0));
            case "NonNeg":
            case "non_neg":
                return new NonNeg();
            case "UnitNorm":
            case "unit_norm":
                return new UnitNorm(axis(c, 0));
            default:
                throw new IllegalArgumentException("Unknown constraint class '" + cls + "' in " + what + "; jkeras has "
                        + "MaxNorm, MinMaxNorm, NonNeg and UnitNorm.");
        }
    }

    private static int axis(Map<String, Object> c, int dflt) {
        Object a = c.get("axis");
        if (a == null) {
            return dflt;
        }
        if (a instanceof List) {
            List<?> l = (List<?>) a;
            if (l.size() != 1) {
                throw new IllegalArgumentException("Constraint axis " + Json.write(a) + " with several axes is not supported "
                        + "by jkeras; use one axis.");
            }
            a = l.get(0);
        }
        return ((Number) a).intValue();
    }

    /** Keras's serialization of a schedule: {@code {"module": "keras.optimizers.schedules", ...}}. */
    static Map<String, Object> serializeSchedule(LearningRateSchedule s, boolean keras3) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (keras3) {
            m.put("module", "keras.optimizers.schedules");
        }
        m.put("class_name", s.getClass().getSimpleName());
        m.put("config", new LinkedHashMap<>(s.getConfig()));
        if (keras3) {
            m.put("registered_name", null);
        }
        return m;
    }

    /** A learning-rate schedule from its serialized form. */
    static LearningRateSchedule schedule(Object spec) {
        String what = "The learning_rate schedule";
        String cls = className(spec, what);
        Map<String, Object> c = config(spec, what);
        switch (cls) {
            case "ExponentialDecay":
                return new ExponentialDecay(ConfigValues.number(c, "initial_learning_rate", 0),
                        req(c, "decay_steps"), req(c, "decay_rate"), ConfigValues.bool(c, "staircase", false));
            case "InverseTimeDecay":
                return new InverseTimeDecay(ConfigValues.number(c, "initial_learning_rate", 0),
                        req(c, "decay_steps"), req(c, "decay_rate"), ConfigValues.bool(c, "staircase", false));
            case "PolynomialDecay":
                return new PolynomialDecay(ConfigValues.number(c, "initial_learning_rate", 0), req(c, "decay_steps"),
                        ConfigValues.number(c, "end_learning_rate", 0.0001), ConfigValues.number(c, "power", 1),
                        ConfigValues.bool(c, "cycle", false));
            case "CosineDecay":
                return new CosineDecay(ConfigValues.number(c, "initial_learning_rate", 0), req(c, "decay_steps"),
                        ConfigValues.number(c, "alpha", 0), ConfigValues.nullableNumber(c, "warmup_target"),
                        ConfigValues.number(c, "warmup_steps", 0));
            case "CosineDecayRestarts":
                return new CosineDecayRestarts(ConfigValues.number(c, "initial_learning_rate", 0),
                        req(c, "first_decay_steps"), ConfigValues.number(c, "t_mul", 2), ConfigValues.number(c, "m_mul", 1),
                        ConfigValues.number(c, "alpha", 0));
            case "PiecewiseConstantDecay": {
                List<?> b = (List<?>) c.get("boundaries");
                List<?> v = (List<?>) c.get("values");
                if (b == null || v == null) {
                    throw new IllegalArgumentException("PiecewiseConstantDecay config " + Json.write(c) + " needs boundaries and values.");
                }
                long[] bs = new long[b.size()];
                for (int i = 0; i < bs.length; i++) {
                    bs[i] = ((Number) b.get(i)).longValue();
                }
                double[] vs = new double[v.size()];
                for (int i = 0; i < vs.length; i++) {
                    vs[i] = ((Number) v.get(i)).doubleValue();
                }
                return new PiecewiseConstantDecay(bs, vs);
            }
            default:
                throw new IllegalArgumentException("Unknown learning rate schedule '" + cls + "'; jkeras has ExponentialDecay, "
                        + "InverseTimeDecay, PolynomialDecay, CosineDecay, CosineDecayRestarts and PiecewiseConstantDecay.");
        }
    }

    private static double req(Map<String, Object> c, String key) {
        if (!(c.get(key) instanceof Number)) {
            throw new IllegalArgumentException("The learning rate schedule config " + Json.write(c) + " has no number '"
                    + key + "'.");
        }
        return ((Number) c.get(key)).doubleValue();
    }

    static List<Object> list(Object... xs) {
        List<Object> l = new ArrayList<>();
        for (Object x : xs) {
            l.add(x);
        }
        return l;
    }
}
