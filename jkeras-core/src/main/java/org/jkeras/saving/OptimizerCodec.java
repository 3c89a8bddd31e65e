package org.jkeras.saving;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.optimizers.Adam;
import org.jkeras.optimizers.Optimizer;
import org.jkeras.optimizers.RMSprop;
import org.jkeras.optimizers.SGD;

/** Optimizers to and from Keras's serialized dicts (Keras 3 {@code compile_config}, Keras 2 {@code optimizer_config}). */
final class OptimizerCodec {
    private OptimizerCodec() {}

    static Map<String, Object> serialize(Optimizer opt, boolean keras3) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (keras3) {
            m.put("module", "keras.optimizers");
        }
        m.put("class_name", opt.getClass().getSimpleName());
        m.put("config", new LinkedHashMap<>(opt.getConfig()));
        if (keras3) {
            m.put("registered_name", null);
        }
        return m;
    }

    /** An optimizer from a name string or a serialized dict; fails naming the class when jkeras lacks it. */
    static Optimizer deserialize(Object spec) {
        if (spec instanceof String) {
            return org.jkeras.optimizers.Optimizers.get((String) spec);
        }
        Map<String, Object> m = ConfigValues.map(spec, "The optimizer config");
        String cls = String.valueOf(m.get("class_name"));
        if (cls.startsWith("Custom>")) {
            cls = cls.substring("Custom>".length()); // tf.keras 2.11+ writes its new optimizers as Custom>Adam
        }
        Map<String, Object> c = m.get("config") == null ? new LinkedHashMap<>() : ConfigValues.map(m.get("config"), "The optimizer's config");
        Object lrObj = c.containsKey("learning_rate") ? c.get("learning_rate") : c.get("lr");
        if (lrObj != null && !(lrObj instanceof Number)) {
            throw new IllegalArgumentException("Optimizer learning_rate " + Json.write(lrObj) + " is a schedule; jkeras "
                    + "restores constant learning rates only.");
        }
        for (String k : new String[] {"weight_decay", "clipnorm", "global_clipnorm", "clipvalue", "gradient_accumulation_steps"}) {
            if (c.get(k) != null) {
                throw new IllegalArgumentException("Optimizer option " + k + "=" + c.get(k) + " is not supported by jkeras yet.");
            }
        }
        if (Boolean.TRUE.equals(c.get("use_ema"))) {
            throw new IllegalArgumentException("Optimizer option use_ema=true is not supported by jkeras yet.");
        }
        if (c.get("decay") instanceof Number && ((Number) c.get("decay")).doubleValue() != 0) {
            throw new IllegalArgumentException("Keras 2 optimizer decay=" + c.get("decay") + " (a learning-rate schedule) is "
                    + "not supported by jkeras.");
        }
        String name = c.get("name") == null ? null : String.valueOf(c.get("name"));
        switch (cls) {
            case "Adam": {
                Adam.Builder b = Adam.builder().learningRate(ConfigValues.number(c, "learning_rate", ConfigValues.number(c, "lr", 0.001)))
                        .beta1(ConfigValues.number(c, "beta_1", 0.9)).beta2(ConfigValues.number(c, "beta_2", 0.999))
                        .epsilon(ConfigValues.number(c, "epsilon", 1e-7)).amsgrad(ConfigValues.bool(c, "amsgrad", false));
                if (name != null) {
                    b.name(name);
                }
                return b.build();
            }
            case "SGD": {
                SGD.Builder b = SGD.builder().learningRate(ConfigValues.number(c, "learning_rate", ConfigValues.number(c, "lr", 0.01)))
                        .momentum(ConfigValues.number(c, "momentum", 0)).nesterov(ConfigValues.bool(c, "nesterov", false));
                if (name != null) {
                    b.name(name);
                }
                return b.build();
            }
            case "RMSprop": {
                RMSprop.Builder b = RMSprop.builder().learningRate(ConfigValues.number(c, "learning_rate", ConfigValues.number(c, "lr", 0.001)))
                        .rho(ConfigValues.number(c, "rho", 0.9)).momentum(ConfigValues.number(c, "momentum", 0))
                        .epsilon(ConfigValues.number(c, "epsilon", 1e-7)).centered(ConfigValues.bool(c, "centered", false));
                if (name != null) {
                    b.name(name);
                }
                return b.build();
            }
            default:
                throw new IllegalArgumentException("Unknown optimizer class '" + cls + "' in the compile config; jkeras has "
                        + "Adam, SGD and RMSprop. Load with compile=false and compile the model yourself.");
        }
    }
}
