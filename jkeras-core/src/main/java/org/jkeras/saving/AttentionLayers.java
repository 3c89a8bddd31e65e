package org.jkeras.saving;

import org.jkeras.layers.attention.AdditiveAttention;
import org.jkeras.layers.attention.Attention;
import org.jkeras.layers.attention.MultiHeadAttention;
import org.jkeras.layers.core.EinsumDense;

/**
 * The attention layers' entries in the saving registry, under Keras's class names. MultiHeadAttention's four projections
 * are saved as Keras 3 saves them, one EinsumDense group each ({@link org.jkeras.layers.NestedVariables}).
 *
 * <pre>{@code
 * AttentionLayers.registerAll();   // called once by BuiltinLayers.registerAll()
 * }</pre>
 */
final class AttentionLayers {
    private AttentionLayers() {}

    static void registerAll() {
        BuiltinLayers.builtin("EinsumDense", EinsumDense.class, EinsumDense::fromConfig);
        BuiltinLayers.builtin("Attention", Attention.class, Attention::fromConfig);
        BuiltinLayers.builtin("AdditiveAttention", AdditiveAttention.class, AdditiveAttention::fromConfig);
        BuiltinLayers.builtin("MultiHeadAttention", MultiHeadAttention.class, MultiHeadAttention::fromConfig);
    }
}
