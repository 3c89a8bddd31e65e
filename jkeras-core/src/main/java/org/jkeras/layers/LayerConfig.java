package org.jkeras.layers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.constraints.Constraint;
import org.jkeras.constraints.Constraints;
import org.jkeras.initializers.Initializer;
import org.jkeras.initializers.Initializers;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.regularizers.Regularizers;

/**
 * A layer's Keras config dict, read with typed accessors whose errors name the layer, the key, the value found and
 * the expected form: the argument of each layer's {@code static fromConfig(LayerConfig)}, which sits beside its
 * {@code getConfig()}. Nested objects (initializers, regularizers, constraints) are decoded by the file reader's
 * {@link Objects}; without one, names ({@code "l2"}) and objects already built are accepted.
 *
 * <pre>{@code
 * public static Dropout fromConfig(LayerConfig c) {
 *     Dropout d = new Dropout(c.number("rate", 0));
 *     if (c.has("seed")) d.seed(c.integer("seed"));
 *     return d;
 * }
 * }</pre>
 */
public final class LayerConfig {
    /** Decodes the nested objects of a config (the saving package supplies Keras's serialized dict forms). */
    public interface Objects {
        Initializer initializer(Object spec, String dflt, String what);

        Regularizer regularizer(Object spec, String what);

        Constraint constraint(Object spec, String what);
    }

    /** Accepts objects already built (as {@code getConfig} holds them), Keras names and null. */
    public static final Objects PLAIN = new Objects() {
        @Override
        public Initializer initializer(Object spec, String dflt, String what) {
            return spec == null ? Initializers.get(dflt) : spec instanceof Initializer ? (Initializer) spec
                    : Initializers.get(plainName(spec, what));
        }

        @Override
        public Regularizer regularizer(Object spec, String what) {
            return spec == null ? null : spec instanceof Regularizer ? (Regularizer) spec
                    : Regularizers.get(plainName(spec, what));
        }

        @Override
        public Constraint constraint(Object spec, String what) {
            return spec == null ? null : spec instanceof Constraint ? (Constraint) spec
                    : Constraints.get(plainName(spec, what));
        }
    };

    private final Map<String, Object> map;
    private final Objects objects;

    private LayerConfig(Map<String, Object> map, Objects objects) {
        this.map = map;
        this.objects = objects;
    }

    /** A config read with {@link #PLAIN} nested objects. */
    public static LayerConfig of(Map<String, Object> map) {
        return of(map, PLAIN);
    }

    public static LayerConfig of(Map<String, Object> map, Objects objects) {
        if (map == null) {
            throw new IllegalArgumentException("A layer config must be a map of Keras keys (layer.getConfig()); received null.");
        }
        return new LayerConfig(new LinkedHashMap<>(map), objects);
    }

    private static String plainName(Object spec, String what) {
        if (spec instanceof String) {
            return (String) spec;
        }
        throw new IllegalArgumentException(what + " is " + spec + ": a serialized Keras object can only be decoded when "
                + "the config comes from a file reader (org.jkeras.saving); pass a name such as \"l2\" or the object.");
    }

    /** The raw map (a copy). */
    public Map<String, Object> asMap() {
        return new LinkedHashMap<>(map);
    }

    /** The raw value of {@code key}, or null. */
    public Object get(String key) {
        return map.get(key);
    }

    /** True when {@code key} is present and not null. */
    public boolean has(String key) {
        return map.get(key) != null;
    }

    /** {@code the config of layer 'dense_1'}. */
    public String where() {
        Object n = map.get("name");
        return n == null ? "a layer config" : "the config of layer '" + n + "'";
    }

    private IllegalArgumentException wrong(String key, String expected) {
        return new IllegalArgumentException("Key '" + key + "' in " + where() + " should be " + expected + "; received: "
                + key + "=" + map.get(key) + ".");
    }

    /** A required integer. */
    public int integer(String key) {
        Object v = map.get(key);
        if (!(v instanceof Number) || ((Number) v).doubleValue() != Math.rint(((Number) v).doubleValue())) {
            throw wrong(key, "an integer");
        }
        return ((Number) v).intValue();
    }

    /** An integer, or {@code dflt} when absent or null. */
    public int integer(String key, int dflt) {
        return has(key) ? integer(key) : dflt;
    }

    /** A number, or {@code dflt} when absent or null. */
    public double number(String key, double dflt) {
        Object v = map.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Number)) {
            throw wrong(key, "a number");
        }
        return ((Number) v).doubleValue();
    }

    /** A number, or null (Keras's {@code None}). */
    public Double nullableNumber(String key) {
        return has(key) ? number(key, 0) : null;
    }

    public boolean bool(String key, boolean dflt) {
        Object v = map.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Boolean)) {
            throw wrong(key, "true or false");
        }
        return (Boolean) v;
    }

    public String string(String key, String dflt) {
        Object v = map.get(key);
        return v == null ? dflt : String.valueOf(v);
    }

    /**
     * An integer or a list of {@code n} integers (Keras's tuple arguments: {@code size=2} or {@code size=[2, 3]}),
     * or {@code dflt} when absent.
     */
    public int[] ints(String key, int n, int[] dflt) {
        Object v = map.get(key);
        if (v == null) {
            return dflt == null ? null : dflt.clone();
        }
        if (v instanceof Number) {
            int[] out = new int[n];
            Arrays.fill(out, integer(key));
            return out;
        }
        if (!(v instanceof List) || ((List<?>) v).size() != n) {
            throw wrong(key, "an integer or a list of " + n + " integers");
        }
        return intList(key);
    }

    /** A list of integers; JSON nulls (Keras's {@code None} dimensions) become -1. */
    public int[] intList(String key) {
        Object v = map.get(key);
        if (!(v instanceof List)) {
            throw wrong(key, "a list of integers such as [null, 784]");
        }
        List<?> l = (List<?>) v;
        int[] s = new int[l.size()];
        for (int i = 0; i < s.length; i++) {
            Object d = l.get(i);
            if (d != null && !(d instanceof Number)) {
                throw wrong(key, "a list of integers such as [null, 784]");
            }
            s[i] = d == null ? -1 : ((Number) d).intValue();
        }
        return s;
    }

    /** A list of pairs ({@code [[1, 2], [3, 4]]}, Keras's nested tuples), or an integer / a list of n integers each meaning (v, v). */
    public int[][] pairs(String key, int n, int dflt) {
        Object v = map.get(key);
        int[][] out = new int[n][2];
        if (v == null || v instanceof Number) {
            int x = v == null ? dflt : integer(key);
            for (int[] p : out) {
                p[0] = x;
                p[1] = x;
            }
            return out;
        }
        if (!(v instanceof List) || ((List<?>) v).size() != n) {
            throw wrong(key, "an integer, a list of " + n + " integers, or a list of " + n + " pairs");
        }
        for (int i = 0; i < n; i++) {
            Object e = ((List<?>) v).get(i);
            if (e instanceof Number) {
                out[i][0] = out[i][1] = ((Number) e).intValue();
            } else if (e instanceof List && ((List<?>) e).size() == 2 && ((List<?>) e).get(0) instanceof Number
                    && ((List<?>) e).get(1) instanceof Number) {
                out[i][0] = ((Number) ((List<?>) e).get(0)).intValue();
                out[i][1] = ((Number) ((List<?>) e).get(1)).intValue();
            } else {
                throw wrong(key, "an integer, a list of " + n + " integers, or a list of " + n + " pairs");
            }
        }
        return out;
    }

    /** Fails when an argument jkeras does not implement has a value other than null. */
    public void requireNull(String... keys) {
        for (String k : keys) {
            if (has(k)) {
                throw new IllegalArgumentException("Key '" + k + "' in " + where() + " is " + map.get(k) + ", but jkeras "
                        + "does not support " + k + " yet (only null). Remove it from the model before saving in Keras, "
                        + "or register a custom layer that implements it.");
            }
        }
    }

    public Initializer initializer(String key, String dflt) {
        return objects.initializer(map.get(key), dflt, key + " of " + where());
    }

    public Regularizer regularizer(String key) {
        return objects.regularizer(map.get(key), key + " of " + where());
    }

    public Constraint constraint(String key) {
        return objects.constraint(map.get(key), key + " of " + where());
    }
}
