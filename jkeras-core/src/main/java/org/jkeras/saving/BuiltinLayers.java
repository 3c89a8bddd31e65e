package org.jkeras.saving;

import static org.jkeras.saving.ConfigValues.bool;
import static org.jkeras.saving.ConfigValues.integer;
import static org.jkeras.saving.ConfigValues.number;
import static org.jkeras.saving.ConfigValues.requireNull;
import static org.jkeras.saving.ConfigValues.string;

import java.util.List;
import java.util.Map;
import org.jkeras.layers.activations.Activation;
import org.jkeras.layers.activations.ReLU;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.InputLayer;
import org.jkeras.layers.merging.Add;
import org.jkeras.layers.merging.Average;
import org.jkeras.layers.merging.Concatenate;
import org.jkeras.layers.merging.Dot;
import org.jkeras.layers.merging.Maximum;
import org.jkeras.layers.merging.Minimum;
import org.jkeras.layers.merging.Multiply;
import org.jkeras.layers.merging.Subtract;
import org.jkeras.layers.regularization.Dropout;
import org.jkeras.layers.reshaping.Flatten;
import org.jkeras.layers.reshaping.Reshape;

/**
 * The Keras layers jkeras has, registered in {@link SavingRegistry} under their Keras class names. A new built-in
 * layer joins file loading by adding one {@code registerBuiltin} line here (and, when its saved variables are not
 * "trainable then non-trainable", a {@link LayerSerializer#savedVariables} override).
 */
final class BuiltinLayers {
    private BuiltinLayers() {}

    static void registerAll() {
        SavingRegistry.registerBuiltin("InputLayer", InputLayer.class, BuiltinLayers::inputLayer);
        SavingRegistry.registerBuiltin("Dense", Dense.class, BuiltinLayers::dense);
        SavingRegistry.registerBuiltin("Dropout", Dropout.class, c -> {
            requireNull(c, "noise_shape");
            Dropout d = new Dropout(number(c, "rate", 0));
            if (c.get("seed") instanceof Number) {
                d.seed(((Number) c.get("seed")).longValue());
            }
            return d;
        });
        SavingRegistry.registerBuiltin("Activation", Activation.class, c -> new Activation(string(c, "activation", "linear")));
        SavingRegistry.registerBuiltin("Flatten", Flatten.class, c -> {
            if (!"channels_last".equals(string(c, "data_format", "channels_last"))) {
                throw new IllegalArgumentException("Flatten with data_format=" + c.get("data_format") + " in "
                        + ConfigValues.where(c) + " is not supported; jkeras uses channels_last.");
            }
            return new Flatten();
        });
        SavingRegistry.registerBuiltin("Reshape", Reshape.class, c -> {
            int[] target = ConfigValues.shape(c.get("target_shape"), "target_shape of " + ConfigValues.where(c));
            return new Reshape(target);
        });
        SavingRegistry.registerBuiltin("Concatenate", Concatenate.class, c -> new Concatenate((int) number(c, "axis", -1)));
        SavingRegistry.registerBuiltin("Add", Add.class, c -> new Add());
        SavingRegistry.registerBuiltin("Subtract", Subtract.class, c -> new Subtract());
        SavingRegistry.registerBuiltin("Multiply", Multiply.class, c -> new Multiply());
        SavingRegistry.registerBuiltin("Average", Average.class, c -> new Average());
        SavingRegistry.registerBuiltin("Maximum", Maximum.class, c -> new Maximum());
        SavingRegistry.registerBuiltin("Minimum", Minimum.class, c -> new Minimum());
        SavingRegistry.registerBuiltin("Dot", Dot.class, BuiltinLayers::dot);
        SavingRegistry.registerBuiltin("ReLU", ReLU.class, c -> new ReLU(ConfigValues.nullableNumber(c, "max_value"),
                number(c, "negative_slope", 0), number(c, "threshold", 0)));
    }

    private static InputLayer inputLayer(Map<String, Object> c) {
        Object shape = c.containsKey("batch_shape") ? c.get("batch_shape") : c.get("batch_input_shape");
        if (shape == null && c.get("shape") != null) {
            int[] s = ConfigValues.shape(c.get("shape"), "shape of " + ConfigValues.where(c));
            return new InputLayer(s);
        }
        int[] s = ConfigValues.shape(shape, "batch_shape of " + ConfigValues.where(c));
        if (bool(c, "sparse", false) || bool(c, "ragged", false)) {
            throw new IllegalArgumentException("Sparse or ragged inputs in " + ConfigValues.where(c) + " are not supported by jkeras.");
        }
        int[] sample = java.util.Arrays.copyOfRange(s, 1, s.length);
        for (int d : sample) {
            if (d < 0) {
                throw new IllegalArgumentException("InputLayer '" + c.get("name") + "' has an unknown (null) dimension in "
                        + "batch_shape " + Json.write(shape) + "; jkeras needs every dimension but the batch axis fixed.");
            }
        }
        return new InputLayer(sample);
    }

    private static Dense dense(Map<String, Object> c) {
        requireNull(c, "quantization_config");
        if (c.get("lora_rank") != null) {
            throw new IllegalArgumentException("Dense with lora_rank in " + ConfigValues.where(c) + " is not supported by jkeras.");
        }
        Object act = c.get("activation");
        if (act != null && !(act instanceof String)) {
            throw new IllegalArgumentException("Activation " + Json.write(act) + " in " + ConfigValues.where(c)
                    + " is not a built-in activation name; jkeras supports names such as \"relu\" or \"softmax\".");
        }
        Dense d = new Dense(integer(c, "units"), (String) act);
        d.useBias(bool(c, "use_bias", true));
        d.kernelInitializer(InitializerCodec.deserialize(c.get("kernel_initializer"), "glorot_uniform"));
        d.biasInitializer(InitializerCodec.deserialize(c.get("bias_initializer"), "zeros"));
        String where = ConfigValues.where(c);
        if (c.get("kernel_regularizer") != null) {
            d.kernelRegularizer(ObjectCodec.regularizer(c.get("kernel_regularizer"), "kernel_regularizer of " + where));
        }
        if (c.get("bias_regularizer") != null) {
            d.biasRegularizer(ObjectCodec.regularizer(c.get("bias_regularizer"), "bias_regularizer of " + where));
        }
        if (c.get("activity_regularizer") != null) {
            d.activityRegularizer(ObjectCodec.regularizer(c.get("activity_regularizer"), "activity_regularizer of " + where));
        }
        if (c.get("kernel_constraint") != null) {
            d.kernelConstraint(ObjectCodec.constraint(c.get("kernel_constraint"), "kernel_constraint of " + where));
        }
        if (c.get("bias_constraint") != null) {
            d.biasConstraint(ObjectCodec.constraint(c.get("bias_constraint"), "bias_constraint of " + where));
        }
        return d;
    }

    private static Dot dot(java.util.Map<String, Object> c) {
        Object axes = c.get("axes");
        boolean normalize = bool(c, "normalize", false);
        if (axes instanceof Number) {
            return new Dot(((Number) axes).intValue(), normalize);
        }
        if (axes instanceof List && ((List<?>) axes).size() == 2) {
            List<?> l = (List<?>) axes;
            return new Dot(((Number) l.get(0)).intValue(), ((Number) l.get(1)).intValue(), normalize);
        }
        throw new IllegalArgumentException("Dot axes " + Json.write(axes) + " in " + ConfigValues.where(c)
                + " should be an integer or a list of two integers.");
    }
}
