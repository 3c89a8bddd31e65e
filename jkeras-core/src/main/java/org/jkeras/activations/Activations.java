package org.jkeras.activations;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jkeras.tensor.UnaryOp;

/**
 * The registry of Keras activations by name ({@code keras.activations.get}). Parameters follow Keras 3:
 * {@code elu} alpha 1, {@code leaky_relu} negative slope 0.2, {@code hard_sigmoid} = relu6(x + 3) / 6,
 * {@code gelu} exact (erf), {@code swish} = {@code silu}.
 *
 * <pre>{@code
 * ActivationFunction a = Activations.get("relu");
 * ActivationFunction none = Activations.get(null);   // linear, as Keras's activation=None
 * }</pre>
 */
public final class Activations {
    private static final Map<String, ActivationFunction> REGISTRY = new LinkedHashMap<>();

    static {
        put("linear", UnaryOp.LINEAR, 0f);
        put("relu", UnaryOp.RELU, 0f);
        put("sigmoid", UnaryOp.SIGMOID, 0f);
        put("tanh", UnaryOp.TANH, 0f);
        REGISTRY.put("softmax", new ActivationFunction("softmax", null, 0f));
        put("elu", UnaryOp.ELU, 1f);
        put("selu", UnaryOp.SELU, 0f);
        put("softplus", UnaryOp.SOFTPLUS, 0f);
        put("softsign", UnaryOp.SOFTSIGN, 0f);
        put("gelu", UnaryOp.GELU, 0f);
        put("silu", UnaryOp.SILU, 0f);
        REGISTRY.put("swish", new ActivationFunction("silu", UnaryOp.SILU, 0f));
        put("leaky_relu", UnaryOp.LEAKY_RELU, 0.2f);
        put("hard_sigmoid", UnaryOp.HARD_SIGMOID, 0f);
        put("exponential", UnaryOp.EXPONENTIAL, 0f);
        put("relu6", UnaryOp.RELU6, 0f);
        put("mish", UnaryOp.MISH, 0f);
    }

    private Activations() {}

    private static void put(String name, UnaryOp op, float param) {
        REGISTRY.put(name, new ActivationFunction(name, op, param));
    }

    /** Resolves a Keras activation name; null or empty means linear. */
    public static ActivationFunction get(String name) {
        if (name == null || name.isEmpty()) {
            return REGISTRY.get("linear");
        }
        ActivationFunction a = REGISTRY.get(name.toLowerCase(Locale.ROOT));
        if (a == null) {
            throw new IllegalArgumentException("Unknown activation: '" + name + "'. Expected one of "
                    + REGISTRY.keySet() + ".");
        }
        return a;
    }

    /** The names this registry resolves. */
    public static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(REGISTRY.keySet());
    }
}
