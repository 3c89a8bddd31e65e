package org.jkeras.layers.preprocessing.text;

import java.util.Arrays;
import java.util.List;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.layers.preprocessing.CategoryEncoding;
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
     * Keras's {@code numerical_utils.encode_categorical_inputs}: {@code ids} of {@code shape} in {@code int} mode as
     * they are, else one-hot / multi-hot / count (times {@code idf} for tf_idf) over {@code depth} bins.
     */
    static Tensor encode(float[] ids, int[] shape, String mode, int depth, float[] idf) {
        Tensor t = Tensor.of(ids, shape);
        if ("int".equals(mode)) {
            return t;
        }
        if (shape.length == 0) {
            t = Tensor.of(ids, 1);
        }
        Tensor out = new CategoryEncoding(depth).outputMode("tf_idf".equals(mode) ? "count" : mode).call(t);
        if (idf != null) {
            float[] o = out.toArray();
            for (int i = 0; i < o.length; i++) {
                o[i] *= idf[i % depth];
            }
            out = Tensor.of(o, out.shape());
        }
        return out;
    }

    /** Output shape of {@link #encode} for an input of {@code shape}. */
    static int[] encodedShape(int[] shape, String mode, int depth) {
        if ("int".equals(mode)) {
            return shape.clone();
        }
        if (shape.length == 0) {
            return new int[] {depth};
        }
        return new CategoryEncoding(depth).outputMode("tf_idf".equals(mode) ? "count" : mode)
                .computeOutputShape(List.of(shape)).get(0);
    }
}
