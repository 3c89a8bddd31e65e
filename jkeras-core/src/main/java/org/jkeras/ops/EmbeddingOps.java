package org.jkeras.ops;

import java.util.Arrays;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.Workspace;

/**
 * The differentiable row lookup of Keras's {@code Embedding} ({@code ops.take(embeddings, ids, axis=0)}): integer ids
 * of any shape pick rows of a {@code [inputDim, outputDim]} table; the output has the ids' shape plus
 * {@code outputDim}. The backward pass scatter-adds each output row's gradient into the row it came from (only the
 * looked-up rows are non-zero; repeated ids accumulate). Ids must be integral and in {@code [0, inputDim)}.
 *
 * <pre>{@code
 * Tensor vectors = EmbeddingOps.lookup(table, Tensor.of(new float[] {3, 0, 7}, 1, 3), "embedding");  // [1, 3, dim]
 * }</pre>
 */
public final class EmbeddingOps {
    private EmbeddingOps() {}

    /** The ids of {@code indices} as ints, checked: integral and in range; {@code who} names the layer in messages. */
    public static int[] ids(Tensor indices, int inputDim, String who) {
        float[] d = indices.buffer();
        int off = indices.offset(), n = indices.size();
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            float v = d[off + i];
            int id = (int) v;
            if (id != v) {
                throw new IllegalArgumentException(who + ": input values must be integer ids; received " + v
                        + " at flat position " + i + " of an input of shape " + Arrays.toString(indices.shape()) + ".");
            }
            if (id < 0 || id >= inputDim) {
                throw new IllegalArgumentException(who + ": index " + id + " at flat position " + i + " is out of range "
                        + "for input_dim=" + inputDim + " (valid ids are 0.." + (inputDim - 1) + "). Raise input_dim or "
                        + "map the id into the vocabulary.");
            }
            ids[i] = id;
        }
        return ids;
    }

    /** Rows of {@code table} picked by {@code indices} (see the class comment). */
    public static Tensor lookup(Tensor table, Tensor indices, String who) {
        if (table.rank() != 2) {
            throw new IllegalArgumentException(who + ": the embeddings table must be 2-D [input_dim, output_dim]; "
                    + "received shape " + Arrays.toString(table.shape()) + ".");
        }
        int rows = table.dim(0), dim = table.dim(1);
        int[] ids = ids(indices, rows, who);
        float[] t = table.buffer();
        int toff = table.offset();
        float[] out = Workspace.floats(ids.length * dim);
        for (int i = 0; i < ids.length; i++) {
            System.arraycopy(t, toff + ids[i] * dim, out, i * dim, dim);
        }
        int[] os = Arrays.copyOf(indices.shape(), indices.rank() + 1);
        os[indices.rank()] = dim;
        Tensor y = Tensor.of(out, os);
        GradientTape.record("embedding_lookup", y, new Tensor[] {table, indices}, (g, grads) -> {
            if (grads.wants(0)) {
                grads.add(0, scatterAdd(g, ids, rows, dim));
            }
        });
        return y;
    }

    /** A {@code [rows, dim]} gradient with {@code g}'s rows added into the rows {@code ids} name. */
    static Tensor scatterAdd(Tensor g, int[] ids, int rows, int dim) {
        float[] gd = g.buffer();
        int goff = g.offset();
        float[] out = new float[rows * dim];
        for (int i = 0; i < ids.length; i++) {
            int dst = ids[i] * dim, src = goff + i * dim;
            for (int j = 0; j < dim; j++) {
                out[dst + j] += gd[src + j];
            }
        }
        return Tensor.of(out, rows, dim);
    }
}
