package org.jkeras.saving;

import java.util.Map;
import org.jkeras.layers.Layer;

/**
 * Keras's {@code keras.layers.serialize} / {@code deserialize}: one layer to its Keras 3 config entry
 * ({@code module}, {@code class_name}, {@code config}, {@code registered_name}, {@code build_config}) and back, as
 * the {@code .keras} format writes it; also as JSON text.
 *
 * <pre>{@code
 * String json = LayerSerialization.toJson(new Dense(3, "relu"));
 * Layer copy = LayerSerialization.fromJson(json);   // a new, unbuilt Dense with the same config
 * }</pre>
 */
public final class LayerSerialization {
    private LayerSerialization() {}

    /** The layer's Keras 3 config entry; its class must be registered (built-ins are). */
    public static Map<String, Object> serialize(Layer layer) {
        return ModelConfig.serializeLayer(layer, true);
    }

    /** A new, unbuilt layer from a config entry (Keras 2 or 3). */
    @SuppressWarnings("unchecked")
    public static Layer deserialize(Map<String, Object> entry) {
        return ModelConfig.layer(entry);
    }

    /** {@link #serialize} as JSON text. */
    public static String toJson(Layer layer) {
        return Json.write(serialize(layer));
    }

    /** {@link #deserialize} from JSON text. */
    public static Layer fromJson(String json) {
        return deserialize(ConfigValues.map(Json.parse(json), "A layer config"));
    }
}
