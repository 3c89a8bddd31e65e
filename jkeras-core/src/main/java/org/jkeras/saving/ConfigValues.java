package org.jkeras.saving;

import java.util.List;
import java.util.Map;

/** Typed reads from a Keras config dict, with errors that name the layer, the key and the value found. */
final class ConfigValues {
    private ConfigValues() {}

    static String where(Map<String, Object> c) {
        Object n = c.get("name");
        return n == null ? "a layer config" : "the config of layer '" + n + "'";
    }

    static int integer(Map<String, Object> c, String key) {
        Object v = c.get(key);
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("Key '" + key + "' in " + where(c) + " should be an integer; received: "
                    + key + "=" + v + ".");
        }
        return ((Number) v).intValue();
    }

    static double number(Map<String, Object> c, String key, double dflt) {
        Object v = c.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Number)) {
            throw new IllegalArgumentException("Key '" + key + "' in " + where(c) + " should be a number; received: "
                    + key + "=" + v + ".");
        }
        return ((Number) v).doubleValue();
    }

    static Double nullableNumber(Map<String, Object> c, String key) {
        Object v = c.get(key);
        return v == null ? null : number(c, key, 0);
    }

    static boolean bool(Map<String, Object> c, String key, boolean dflt) {
        Object v = c.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Boolean)) {
            throw new IllegalArgumentException("Key '" + key + "' in " + where(c) + " should be true or false; received: "
                    + key + "=" + v + ".");
        }
        return (Boolean) v;
    }

    static String string(Map<String, Object> c, String key, String dflt) {
        Object v = c.get(key);
        return v == null ? dflt : String.valueOf(v);
    }

    /** A shape list such as {@code [null, 28, 28]}; null entries become -1. */
    static int[] shape(Object v, String what) {
        if (!(v instanceof List)) {
            throw new IllegalArgumentException(what + " should be a list of dimensions such as [null, 784]; received: " + v + ".");
        }
        List<?> l = (List<?>) v;
        int[] s = new int[l.size()];
        for (int i = 0; i < s.length; i++) {
            Object d = l.get(i);
            s[i] = d == null ? -1 : ((Number) d).intValue();
        }
        return s;
    }

    /** Fails when an argument jkeras does not implement yet has a non-default value. */
    static void requireNull(Map<String, Object> c, String... keys) {
        for (String k : keys) {
            if (c.get(k) != null) {
                throw new IllegalArgumentException("Key '" + k + "' in " + where(c) + " is " + Json.write(c.get(k))
                        + ", but jkeras does not support " + k + " yet (only null). Remove it from the model before saving "
                        + "in Keras, or register a custom layer that implements it.");
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object v, String what) {
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException(what + " should be a JSON object; received: " + v + ".");
        }
        return (Map<String, Object>) v;
    }

    /**
     * The dtype of an InputLayer config: {@code float32} (default), or {@code int32} / {@code int64} for token ids and
     * lookups (their values stay integers: jkeras holds them exactly in float32 up to 2^24).
     */
    static String inputDtype(Map<String, Object> c) {
        Object d = c.get("dtype");
        String name = d instanceof String ? (String) d : null;
        if (d instanceof Map) {
            Object cfg = ((Map<?, ?>) d).get("config");
            name = cfg instanceof Map ? String.valueOf(((Map<?, ?>) cfg).get("name")) : null;
        }
        if (d == null) {
            return "float32";
        }
        if (!org.jkeras.layers.core.InputLayer.isSupportedDtype(name)) {
            throw new IllegalArgumentException("Input dtype " + Json.write(d) + " in " + where(c) + " is not supported: "
                    + "jkeras inputs are float32, an integer type (int8, int16, int32, int64, uint8, uint16) or string.");
        }
        return name;
    }

    /** The dtype entry: "float32" or a DTypePolicy dict; only float32 is supported. */
    static void checkDtype(Map<String, Object> c) {
        Object d = c.get("dtype");
        String name = null;
        if (d instanceof String) {
            name = (String) d;
        } else if (d instanceof Map) {
            Object cfg = ((Map<?, ?>) d).get("config");
            name = cfg instanceof Map ? String.valueOf(((Map<?, ?>) cfg).get("name")) : null;
        }
        if (d != null && !"float32".equals(name)) {
            throw new IllegalArgumentException("Layer dtype " + Json.write(d) + " in " + where(c)
                    + " is not supported: jkeras computes in float32. Save the model with dtype float32.");
        }
    }
}
