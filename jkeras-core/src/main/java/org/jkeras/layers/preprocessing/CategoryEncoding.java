package org.jkeras.layers.preprocessing;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code CategoryEncoding}: integer category ids in {@code [0, num_tokens)} to dense vectors.
 * {@code "multi_hot"} (default) and {@code "count"} encode each sample (the last axis of a rank-2 input, or a whole
 * rank-1 input) into one {@code [num_tokens]} row, 1 where an id occurs or the number of times it occurs;
 * {@code "one_hot"} encodes every id, replacing a trailing axis of size 1 (or appending one). An id outside the range
 * is refused with its value and position (Keras's jax backend drops it silently). Not differentiable: it encodes data.
 *
 * <pre>{@code
 * Tensor counts = new CategoryEncoding(4).outputMode("count").call(Tensor.of(new float[] {0, 1, 1, 3}, 1, 4));
 * // [[1, 2, 0, 1]]
 * }</pre>
 */
public class CategoryEncoding extends Layer {
    private final int numTokens;
    private String outputMode = "multi_hot";

    public CategoryEncoding(int numTokens) {
        if (numTokens <= 0) {
            throw new IllegalArgumentException("CategoryEncoding: `num_tokens` must be a positive integer; received "
                    + "num_tokens=" + numTokens + ".");
        }
        this.numTokens = numTokens;
    }

    /** Keras's {@code output_mode}: {@code "multi_hot"} (default), {@code "one_hot"} or {@code "count"}. */
    public CategoryEncoding outputMode(String mode) {
        if (!List.of("one_hot", "multi_hot", "count").contains(mode)) {
            throw new IllegalArgumentException("Unknown arg for output_mode of CategoryEncoding '" + name() + "'. Expected "
                    + "one of ('count', 'one_hot', 'multi_hot'). Received: output_mode=" + mode);
        }
        this.outputMode = mode;
        return this;
    }

    public int numTokens() {
        return numTokens;
    }

    public String outputMode() {
        return outputMode;
    }

    private boolean oneHot() {
        return "one_hot".equals(outputMode);
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        if (s.length == 0) {
            throw new IllegalArgumentException("Input 0 of layer \"" + name() + "\" is incompatible with the layer: "
                    + "expected ndim>=1, found ndim=0.");
        }
        if (oneHot()) {
            int[] out = s.length > 1 && s[s.length - 1] == 1 ? s.clone() : Arrays.copyOf(s, s.length + 1);
            out[out.length - 1] = numTokens;
            return List.of(out);
        }
        if (s.length > 2) {
            throw new IllegalArgumentException("Input 0 of layer \"" + name() + "\" is incompatible with the layer: "
                    + "expected ndim<=2 for output_mode=\"" + outputMode + "\" (when output_mode is not 'one_hot', the "
                    + "maximum supported output rank is 2), found ndim=" + s.length + ". Full shape received: "
                    + Arrays.toString(s));
        }
        return List.of(s.length == 1 ? new int[] {numTokens} : new int[] {s[0], numTokens});
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        int[] outShape = computeOutputShape(List.of(x.shape())).get(0);
        float[] ids = x.toArray();
        float[] out = new float[outShape.length == 0 ? 0 : sizeOf(outShape)];
        int perRow = oneHot() ? 1 : (x.rank() == 1 ? ids.length : x.shape()[1]);
        for (int i = 0; i < ids.length; i++) {
            float v = ids[i];
            int id = (int) v;
            if (id != v || id < 0 || id >= numTokens) {
                throw new IllegalArgumentException("CategoryEncoding '" + name() + "': input value " + v + " at flat "
                        + "position " + i + " is not an integer in [0, num_tokens=" + numTokens + "); use a larger "
                        + "num_tokens or map the ids first (e.g. IntegerLookup).");
            }
            int row = i / perRow;
            if ("count".equals(outputMode)) {
                out[row * numTokens + id] += 1f;
            } else {
                out[row * numTokens + id] = 1f;
            }
        }
        return List.of(Tensor.of(out, outShape));
    }

    private static int sizeOf(int[] s) {
        int n = 1;
        for (int d : s) {
            n *= d;
        }
        return n;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("num_tokens", numTokens);
        c.put("output_mode", outputMode);
        return c;
    }

    public static CategoryEncoding fromConfig(LayerConfig c) {
        if (c.bool("sparse", false)) {
            throw new IllegalArgumentException("CategoryEncoding in " + c.where() + ": sparse=true is not supported; "
                    + "jkeras computes dense outputs.");
        }
        return new CategoryEncoding(c.integer("num_tokens")).outputMode(c.string("output_mode", "multi_hot"));
    }
}
