package org.jkeras.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.tensor.Tensor;

/**
 * Data in one of Keras's three forms for inputs, targets, sample weights and predictions: one {@link Tensor}
 * (a model with one input or output), a {@code List<Tensor>} in the model's order, or a
 * {@code Map<String, Tensor>} keyed by input or output name. {@link #of} checks the form once, so the trainer
 * never passes bare {@code Object}s around; the typed readers say which form was given when it is not the one
 * asked for. Every entry point that takes data as {@code Object} also takes a Structure.
 *
 * <pre>{@code
 * Structure p = Structure.of(model.predictOutputs(Map.of("a", xa, "b", xb), EvaluateOptions.defaults()));
 * Tensor first = p.isMap() ? p.map().get("out_a") : p.list().get(0);
 * }</pre>
 */
public final class Structure {
    private final Object value;

    private Structure(Object value) {
        this.value = value;
    }

    /**
     * Wraps a Tensor, a {@code List} of Tensors or a {@code Map} from String to Tensor (entries may be null
     * where an output needs no data).
     *
     * @throws IllegalArgumentException for null or anything else, naming the class received
     */
    public static Structure of(Object value) {
        return of(value, "data");
    }

    /** {@link #of(Object)} with the argument's name for the message ({@code "x"}, {@code "validation y"}). */
    public static Structure of(Object value, String what) {
        if (value instanceof Structure) {
            return (Structure) value;
        }
        if (value == null) {
            throw new IllegalArgumentException(what + " is null; pass a Tensor, a List<Tensor> or a Map<String, Tensor>.");
        }
        if (value instanceof Map) {
            for (Object k : ((Map<?, ?>) value).keySet()) {
                if (!(k instanceof String)) {
                    throw new IllegalArgumentException(what + " is a map with the key " + k + " ("
                            + (k == null ? "null" : k.getClass().getName()) + "); key each Tensor by its input or "
                            + "output name (a String).");
                }
            }
        } else if (!(value instanceof Tensor) && !(value instanceof List)) {
            throw new IllegalArgumentException(what + " must be a Tensor, a List<Tensor> or a Map<String, Tensor>; "
                    + "received " + value.getClass().getName() + ".");
        }
        return new Structure(value);
    }

    /** Like {@link #of(Object, String)}, but null stays null (an optional argument such as sample weights). */
    static Structure ofNullable(Object value, String what) {
        return value == null ? null : of(value, what);
    }

    public boolean isTensor() {
        return value instanceof Tensor;
    }

    public boolean isList() {
        return value instanceof List;
    }

    public boolean isMap() {
        return value instanceof Map;
    }

    /** The single Tensor; an IllegalStateException naming the form when it is a list or a map. */
    public Tensor tensor() {
        if (!isTensor()) {
            throw new IllegalStateException("This data is a " + form() + ", not a single Tensor; use "
                    + (isMap() ? "map()" : "list()") + ".");
        }
        return (Tensor) value;
    }

    /** The list, in the model's order (read-only). */
    @SuppressWarnings("unchecked")
    public List<Tensor> list() {
        if (!isList()) {
            throw new IllegalStateException("This data is a " + form() + ", not a List<Tensor>.");
        }
        return Collections.unmodifiableList((List<Tensor>) value);
    }

    /** The map by name, in its own order (read-only). */
    @SuppressWarnings("unchecked")
    public Map<String, Tensor> map() {
        if (!isMap()) {
            throw new IllegalStateException("This data is a " + form() + ", not a Map<String, Tensor>.");
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Tensor>) value));
    }

    /** The value as given (a Tensor, List or Map), for the public {@code <T> T} forms that return it. */
    public Object value() {
        return value;
    }

    /** {@code "Tensor"}, {@code "List"} or {@code "Map"}. */
    public String form() {
        return isTensor() ? "Tensor" : isList() ? "List" : "Map";
    }

    @Override
    public String toString() {
        return "Structure(" + form() + ")";
    }
}
