package org.jkeras.layers.preprocessing.text;

import java.util.Arrays;
import java.util.List;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.tensor.StringTensor;
import org.jkeras.tensor.Tensor;

/**
 * A preprocessing layer that takes strings ({@link StringTensor}) and gives numbers: {@link TextVectorization},
 * {@link StringLookup}, {@link Hashing}. A model whose first layer is one takes a {@code StringTensor} in
 * {@code model.predict(StringTensor)}. Not differentiable and without trainable weights; ids come back as exact
 * integers in float32 tensors, as token ids do everywhere in jkeras.
 *
 * <pre>{@code
 * StringLookup lookup = new StringLookup().vocabulary(List.of("a", "b"));
 * Tensor ids = lookup.call(StringTensor.of("a", "b", "zz"));   // [1, 2, 0]
 * }</pre>
 */
public abstract class TextLayer extends Layer {
    /** The layer on strings: Keras's {@code layer(tf.constant([...]))}. */
    public abstract Tensor call(StringTensor input);

    /**
     * The layer on numbers (integer ids held in float32). Text layers that only take strings refuse it with a message
     * saying to pass a {@link StringTensor}.
     */
    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        throw new IllegalArgumentException(className() + " '" + name() + "' takes strings: call it on a StringTensor "
                + "(layer.call(StringTensor.of(...))), or predict a model with model.predict(StringTensor); received a "
                + "float tensor of shape " + Arrays.toString(inputs.get(0).shape()) + ".");
    }

    /**
     * The vocabulary Keras's {@code save_assets} writes to {@code assets/<layer path>/vocabulary.txt} of a .keras file
     * (every token, special ones included, joined by newlines), or null when the layer has none there (a vocabulary
     * given as a list lives in the config; Hashing has none).
     */
    public String vocabularyAsset() {
        return null;
    }

    /** Keras's {@code load_assets}: restores the vocabulary from a vocabulary.txt asset. */
    public void loadVocabularyAsset(String text) {}

    /** The idf weights Keras's {@code save_own_variables} stores as {@code vars/idf_weights} (tf_idf only), else null. */
    public float[] idfVariable() {
        return null;
    }

    /** Keras's {@code load_own_variables}: restores the idf weights. */
    public void loadIdfVariable(float[] weights) {}

    /**
     * True when Keras also saves the layer's inner {@code _lookup_layer} (TextVectorization): its assets and variables
     * are written twice, under the layer's path and under {@code <path>/_lookup_layer}.
     */
    public boolean hasNestedLookup() {
        return false;
    }

    /**
     * Keras's {@code numerical_utils.encode_categorical_inputs}: {@code ids} of {@code shape} in {@code int} mode as
     * they are, else one-hot (a trailing axis of 1 replaced, or one appended) / multi-hot / count over the last axis
     * (times {@code idf} for tf_idf) over {@code depth} bins; ids outside {@code [0, depth)} (a masked token) count
     * nowhere, as TensorFlow's bincount and one_hot drop them.
     */
    static Tensor encode(float[] ids, int[] shape, String mode, int depth, float[] idf) {
        if ("int".equals(mode)) {
            return Tensor.of(ids, shape);
        }
        int[] out = encodedShape(shape, mode, depth);
        float[] o = new float[sizeOf(out)];
        boolean oneHot = "one_hot".equals(mode);
        int perRow = oneHot || shape.length == 0 ? 1 : shape[shape.length - 1];
        for (int i = 0; i < ids.length; i++) {
            int id = (int) ids[i];
            if (id < 0 || id >= depth) {
                continue;
            }
            int at = (perRow == 0 ? 0 : i / perRow) * depth + id;
            if ("multi_hot".equals(mode) || oneHot) {
                o[at] = 1f;
            } else {
                o[at] += 1f;
            }
        }
        if (idf != null) {
            for (int i = 0; i < o.length; i++) {
                o[i] *= idf[i % depth];
            }
        }
        return Tensor.of(o, out);
    }

    static int sizeOf(int[] s) {
        int n = 1;
        for (int d : s) {
            n *= d;
        }
        return n;
    }

    /** Output shape of {@link #encode} for an input of {@code shape} ({@code -1} for an unknown size). */
    static int[] encodedShape(int[] shape, String mode, int depth) {
        if ("int".equals(mode)) {
            return shape.clone();
        }
        if (shape.length == 0) {
            return new int[] {depth};
        }
        if ("one_hot".equals(mode)) {
            int[] out = shape.length > 1 && shape[shape.length - 1] == 1 ? shape.clone()
                    : java.util.Arrays.copyOf(shape, shape.length + 1);
            out[out.length - 1] = depth;
            return out;
        }
        int[] out = shape.clone();
        out[out.length - 1] = depth;
        return out;
    }
}
