package org.jkeras.layers.core;

import java.util.List;
import org.jkeras.layers.KerasTensor;

/**
 * Keras's {@code keras.Input(shape, name)}: the symbolic input of a functional model. The shape excludes the batch
 * axis; the returned {@link KerasTensor} has shape {@code (-1, ...shape)} and is produced by a new
 * {@link InputLayer} of the same name ({@code input_layer}, {@code input_layer_1}, ... unless given).
 *
 * <pre>{@code
 * KerasTensor a = Input.of("input_1", 3), b = Input.of("input_2", 5);
 * KerasTensor merged = new Concatenate().apply(new Dense(8, "relu").apply(a), new Dense(8, "relu").apply(b));
 * Model model = new Model(List.of(a, b), new Dense(1, "sigmoid").name("output").apply(merged));
 * }</pre>
 */
public final class Input {
    private Input() {}

    /** An unnamed input: named {@code input_layer}, {@code input_layer_1}, ... as Keras does. */
    public static KerasTensor of(int... shape) {
        return of(null, shape);
    }

    /** A named input; {@code shape} excludes the batch axis and must be positive. */
    public static KerasTensor of(String name, int... shape) {
        return of(name, "float32", shape);
    }

    /**
     * A named input of a dtype ({@code "float32"}, {@code "int32"} or {@code "int64"}), Keras's
     * {@code keras.Input(shape, dtype="int32")}: e.g. {@code Input.of("tokens", "int32", 20)} before an Embedding.
     */
    public static KerasTensor of(String name, String dtype, int... shape) {
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException("Input.of() needs the shape of one sample (without the batch axis), "
                    + "e.g. Input.of(\"features\", 784); received shape=" + (shape == null ? "null" : "()") + ".");
        }
        InputLayer layer = new InputLayer(shape).dtype(dtype);
        if (name != null) {
            layer.name(name);
        }
        int[] batchShape = layer.declaredInputShape();
        layer.build(batchShape);
        return layer.output();
    }
}
