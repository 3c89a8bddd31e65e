package org.jkeras.saving;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.layers.Layer;

/**
 * How one layer class is rebuilt from its Keras config and which variables it saves, in Keras's order. Register
 * one per class with {@link SavingRegistry#register(String, Class, LayerSerializer)}; built-in layers are
 * registered already.
 *
 * <pre>{@code
 * SavingRegistry.register("my_package>Scale", Scale.class,
 *     config -> new Scale(((Number) config.get("factor")).floatValue()));
 * }</pre>
 */
@FunctionalInterface
public interface LayerSerializer {
    /**
     * A new, unbuilt layer from the Keras {@code config} dict (its {@code name}, {@code trainable} and, for a first
     * layer, {@code batch_input_shape} are applied afterwards by the loader).
     */
    Layer fromConfig(Map<String, Object> config);

    /**
     * The variables the layer saves, in the order Keras numbers them ({@code vars/0, vars/1, ...} and legacy
     * {@code weight_names}): by default trainable variables, then non-trainable ones, each in creation order.
     */
    default List<Variable> savedVariables(Layer layer) {
        List<Variable> out = new ArrayList<>(layer.trainableWeights());
        out.addAll(layer.nonTrainableWeights());
        return out;
    }
}
