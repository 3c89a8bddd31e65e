package org.jkeras.saving;

import static org.jkeras.saving.ConfigValues.bool;
import static org.jkeras.saving.ConfigValues.number;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.optimizers.Adadelta;
import org.jkeras.optimizers.Adagrad;
import org.jkeras.optimizers.Adam;
import org.jkeras.optimizers.AdamW;
import org.jkeras.optimizers.Adamax;
import org.jkeras.optimizers.Ftrl;
import org.jkeras.optimizers.Lion;
import org.jkeras.optimizers.Nadam;
import org.jkeras.optimizers.Optimizer;
import org.jkeras.optimizers.RMSprop;
import org.jkeras.optimizers.SGD;
import org.jkeras.optimizers.schedules.LearningRateSchedule;

/**
 * Optimizers to and from Keras's serialized dicts (Keras 3 {@code compile_config}, Keras 2 {@code optimizer_config}),
 * with the common arguments ({@code clipnorm}, {@code clipvalue}, {@code global_clipnorm}, {@code weight_decay},
 * {@code use_ema}, {@code ema_momentum}, {@code ema_overwrite_frequency}) and learning-rate schedules.
 */
final class OptimizerCodec {
    private OptimizerCodec() {}

    static Map<String, Object> serialize(Optimizer opt, boolean keras3) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (keras3) {
            m.put("module", "keras.optimizers");
        }
        m.put("class_name", opt.getClass().getSimpleName());
        Map<String, Object> c = new LinkedHashMap<>(opt.getConfig());
        if (opt.learningRateSchedule() != null) {
            c.put("learning_rate", ObjectCodec.serializeSchedule(opt.learningRateSchedule(), keras3));
        }
        m.put("config", c);
        if (keras3) {
            m.put("registered_name", null);
        }
        return m;
    }

    /** An optimizer from a name string or a serialized dict; fails naming the class or option jkeras lacks. */
    static Optimizer deserialize(Object spec) {
        if (spec instanceof String) {
            return org.jkeras.optimizers.Optimizers.get((String) spec);
        }
        Map<String, Object> m = ConfigValues.map(spec, "The optimizer config");
        String cls = ObjectCodec.className(m, "The optimizer config");
        Map<String, Object> c = ObjectCodec.config(m, "The optimizer");
        Object lrObj = c.containsKey("learning_rate") ? c.get("learning_rate") : c.get("lr");
        LearningRateSchedule schedule = null;
        if (lrObj instanceof Map) {
            schedule = ObjectCodec.schedule(lrObj);
        } else if (lrObj != null && !(lrObj instanceof Number)) {
            throw new IllegalArgumentException("Optimizer learning_rate " + Json.write(lrObj) + " is neither a number nor a "
                    + "serialized learning rate schedule.");
        }
        if (c.get("gradient_accumulation_steps") != null) {
            throw new IllegalArgumentException("Optimizer option gradient_accumulation_steps=" + c.get("gradient_accumulation_steps")
                    + " is not supported by jkeras yet.");
        }
        if (c.get("loss_scale_factor") != null) {
            throw new IllegalArgumentException("Optimizer option loss_scale_factor=" + c.get("loss_scale_factor")
                    + " is not supported by jkeras.");
        }
        if (c.get("decay") instanceof Number && ((Number) c.get("decay")).doubleValue() != 0) {
            throw new IllegalArgumentException("Keras 2 optimizer decay=" + c.get("decay") + " (a learning-rate schedule) is "
                    + "not supported by jkeras.");
        }
        double lr = lrObj instanceof Number ? ((Number) lrObj).doubleValue() : Double.NaN;
        String name = c.get("name") == null ? null : String.valueOf(c.get("name"));
        Optimizer opt = create(cls, c, lr, name);
        if (schedule != null) {
            opt.learningRate(schedule);
        }
        if (c.get("clipnorm") != null) {
            opt.clipnorm(number(c, "clipnorm", 0));
        }
        if (c.get("clipvalue") != null) {
            opt.clipvalue(number(c, "clipvalue", 0));
        }
        if (c.get("global_clipnorm") != null) {
            opt.globalClipnorm(number(c, "global_clipnorm", 0));
        }
        if (c.get("weight_decay") != null && !(opt instanceof AdamW)) {
            opt.weightDecay(number(c, "weight_decay", 0));
        }
        if (bool(c, "use_ema", false)) {
            opt.useEma(true);
            opt.emaMomentum(number(c, "ema_momentum", 0.99));
            if (c.get("ema_overwrite_frequency") != null) {
                opt.emaOverwriteFrequency(ConfigValues.integer(c, "ema_overwrite_frequency"));
            }
        }
        return opt;
    }

    private static double lr(double lr, double dflt) {
        return Double.isNaN(lr) ? dflt : lr;
    }

    private static Optimizer create(String cls, Map<String, Object> c, double lr, String name) {
        switch (cls) {
            case "Adam": {
                Adam.Builder b = Adam.builder().learningRate(lr(lr, 0.001)).beta1(number(c, "beta_1", 0.9))
                        .beta2(number(c, "beta_2", 0.999)).epsilon(number(c, "epsilon", 1e-7)).amsgrad(bool(c, "amsgrad", false));
                if (name != null) {
                    b.name(name);
                }
                return b.build();
            }
            case "AdamW":
                return new AdamW(lr(lr, 0.001), number(c, "weight_decay", 0.004), number(c, "beta_1", 0.9),
                        number(c, "beta_2", 0.999), number(c, "epsilon", 1e-7), bool(c, "amsgrad", false));
            case "SGD": {
                SGD.Builder b = SGD.builder().learningRate(lr(lr, 0.01)).momentum(number(c, "momentum", 0))
                        .nesterov(bool(c, "nesterov", false));
                if (name != null) {
                    b.name(name);
                }
                return b.build();
            }
            case "RMSprop": {
                RMSprop.Builder b = RMSprop.builder().learningRate(lr(lr, 0.001)).rho(number(c, "rho", 0.9))
                        .momentum(number(c, "momentum", 0)).epsilon(number(c, "epsilon", 1e-7)).centered(bool(c, "centered", false));
                if (name != null) {
                    b.name(name);
                }
                return b.build();
            }
            case "Adadelta":
                return new Adadelta(lr(lr, 0.001), number(c, "rho", 0.95), number(c, "epsilon", 1e-7));
            case "Adagrad":
                return new Adagrad(lr(lr, 0.001), number(c, "initial_accumulator_value", 0.1), number(c, "epsilon", 1e-7));
            case "Adamax":
                return new Adamax(lr(lr, 0.001), number(c, "beta_1", 0.9), number(c, "beta_2", 0.999), number(c, "epsilon", 1e-7));
            case "Nadam":
                return new Nadam(lr(lr, 0.001), number(c, "beta_1", 0.9), number(c, "beta_2", 0.999), number(c, "epsilon", 1e-7));
            case "Lion":
                return new Lion(lr(lr, 0.001), number(c, "beta_1", 0.9), number(c, "beta_2", 0.99));
            case "Ftrl":
                return Ftrl.builder().learningRate(lr(lr, 0.001)).learningRatePower(number(c, "learning_rate_power", -0.5))
                        .initialAccumulatorValue(number(c, "initial_accumulator_value", 0.1))
                        .l1(number(c, "l1_regularization_strength", 0)).l2(number(c, "l2_regularization_strength", 0))
                        .l2Shrinkage(number(c, "l2_shrinkage_regularization_strength", 0)).beta(number(c, "beta", 0)).build();
            default:
                throw new IllegalArgumentException("Unknown optimizer class '" + cls + "' in the compile config; jkeras has "
                        + "Adam, AdamW, SGD, RMSprop, Adadelta, Adagrad, Adamax, Nadam, Lion and Ftrl. Load with "
                        + "compile=false and compile the model yourself.");
        }
    }
}
