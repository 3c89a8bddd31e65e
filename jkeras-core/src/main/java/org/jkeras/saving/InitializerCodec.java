package org.jkeras.saving;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.initializers.Initializer;
import org.jkeras.initializers.Initializers;
import org.jkeras.tensor.Tensor;

/**
 * Initializers to and from Keras's serialized dicts. A loaded initializer keeps the class name and config the
 * file gave, so saving the model again writes them unchanged.
 */
final class InitializerCodec {
    private InitializerCodec() {}

    /** Keras 3 form: {@code {"module": "keras.initializers", "class_name", "config", "registered_name": null}}. */
    static Map<String, Object> serialize(Initializer init, boolean keras3) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (keras3) {
            m.put("module", "keras.initializers");
        }
        m.put("class_name", init.className());
        m.put("config", new LinkedHashMap<>(init.getConfig()));
        if (keras3) {
            m.put("registered_name", null);
        }
        return m;
    }

    /** An initializer from a dict, a name string, or null (the default given). */
    static Initializer deserialize(Object spec, String dflt) {
        if (spec == null) {
            return Initializers.get(dflt);
        }
        if (spec instanceof String) {
            return Initializers.get((String) spec);
        }
        Map<String, Object> m = ConfigValues.map(spec, "An initializer");
        String cls = String.valueOf(m.get("class_name"));
        Map<String, Object> cfg = m.get("config") == null ? new LinkedHashMap<>() : ConfigValues.map(m.get("config"), "Initializer config");
        Initializer delegate = build(cls, cfg);
        return new Loaded(cls, cfg, delegate);
    }

    private static Initializer build(String cls, Map<String, Object> cfg) {
        switch (cls) {
            case "RandomNormal":
                return seeded(Initializers.randomNormal((float) ConfigValues.number(cfg, "mean", 0), (float) ConfigValues.number(cfg, "stddev", 0.05)), cfg);
            case "RandomUniform":
                return seeded(Initializers.randomUniform((float) ConfigValues.number(cfg, "minval", -0.05), (float) ConfigValues.number(cfg, "maxval", 0.05)), cfg);
            case "Orthogonal":
                return seeded(Initializers.orthogonal(ConfigValues.number(cfg, "gain", 1.0)), cfg);
            case "Constant":
                return Initializers.constant("Constant", (float) ConfigValues.number(cfg, "value", 0));
            case "VarianceScaling": {
                String dist = ConfigValues.string(cfg, "distribution", "truncated_normal");
                return seeded(Initializers.varianceScaling("VarianceScaling", ConfigValues.number(cfg, "scale", 1.0),
                        ConfigValues.string(cfg, "mode", "fan_in"), !dist.equals("uniform")), cfg);
            }
            default:
                try {
                    return seeded(Initializers.get(cls), cfg);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Unknown initializer class '" + cls + "' in the model config; jkeras knows "
                            + Initializers.names() + ", RandomNormal, RandomUniform, Constant and VarianceScaling.", e);
                }
        }
    }

    /** Honours a config {@code seed}: the same seed always gives the same values. */
    private static Initializer seeded(Initializer base, Map<String, Object> cfg) {
        Object seed = cfg.get("seed");
        if (!(seed instanceof Number)) {
            return base;
        }
        long s = ((Number) seed).longValue();
        return new Initializer() {
            @Override
            public Tensor init(int[] shape, long ignored) {
                return base.init(shape, s);
            }

            @Override
            public String className() {
                return base.className();
            }

            @Override
            public Map<String, Object> getConfig() {
                return base.getConfig();
            }
        };
    }

    /** An initializer read from a file: computes like its jkeras equivalent, serializes as the file said. */
    private static final class Loaded implements Initializer {
        private final String className;
        private final Map<String, Object> config;
        private final Initializer delegate;

        Loaded(String className, Map<String, Object> config, Initializer delegate) {
            this.className = className;
            this.config = config;
            this.delegate = delegate;
        }

        @Override
        public Tensor init(int[] shape, long seed) {
            return delegate.init(shape, seed);
        }

        @Override
        public String className() {
            return className;
        }

        @Override
        public Map<String, Object> getConfig() {
            return new LinkedHashMap<>(config);
        }
    }
}
