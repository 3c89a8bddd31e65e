package org.jkeras.saving;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.layers.Layer;
import org.jkeras.layers.attention.AdditiveAttention;
import org.jkeras.layers.attention.Attention;
import org.jkeras.layers.attention.MultiHeadAttention;
import org.jkeras.layers.core.EinsumDense;

/**
 * The attention layers' entries in the saving registry, under Keras's class names. MultiHeadAttention saves its
 * four projections as Keras 3 does, one EinsumDense group each: {@code query_dense/vars/0} (kernel),
 * {@code query_dense/vars/1} (bias), then {@code key_dense}, {@code value_dense}, {@code output_dense}.
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
        SavingRegistry.registerBuiltin("MultiHeadAttention", MultiHeadAttention.class, new LayerSerializer() {
            @Override
            public Layer fromConfig(Map<String, Object> c) {
                org.jkeras.layers.LayerConfig config = BuiltinLayers.config(c);
                MultiHeadAttention l = MultiHeadAttention.fromConfig(config);
                l.readBaseConfig(config);
                return l;
            }

            @Override
            public Map<String, List<Variable>> savedGroups(Layer layer) {
                List<List<Variable>> subs = ((MultiHeadAttention) layer).sublayerVariables();
                Map<String, List<Variable>> out = new LinkedHashMap<>();
                for (int i = 0; i < subs.size(); i++) {
                    out.put(MultiHeadAttention.SAVED_GROUPS.get(i) + "/vars", subs.get(i));
                }
                return out;
            }
        });
    }
}
