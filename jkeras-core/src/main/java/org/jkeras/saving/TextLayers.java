package org.jkeras.saving;

import org.jkeras.layers.preprocessing.text.Hashing;
import org.jkeras.layers.preprocessing.text.IntegerLookup;
import org.jkeras.layers.preprocessing.text.StringLookup;
import org.jkeras.layers.preprocessing.text.TextVectorization;

/**
 * Registers the text preprocessing layers ({@code org.jkeras.layers.preprocessing.text}) under Keras's class names.
 *
 * <pre>{@code
 * TextLayers.registerAll();   // done once by BuiltinLayers
 * }</pre>
 */
final class TextLayers {
    /** Keras's class names of the text layers (their configs carry int64 or string dtypes). */
    static final java.util.Set<String> NAMES = java.util.Set.of("Hashing", "StringLookup", "IntegerLookup",
            "TextVectorization");

    private TextLayers() {}

    static void registerAll() {
        BuiltinLayers.builtin("Hashing", Hashing.class, Hashing::fromConfig);
        BuiltinLayers.builtin("StringLookup", StringLookup.class, StringLookup::fromConfig);
        BuiltinLayers.builtin("IntegerLookup", IntegerLookup.class, IntegerLookup::fromConfig);
        BuiltinLayers.builtin("TextVectorization", TextVectorization.class, TextVectorization::fromConfig);
    }
}
