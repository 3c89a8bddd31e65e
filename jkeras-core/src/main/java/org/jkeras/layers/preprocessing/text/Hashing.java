package org.jkeras.layers.preprocessing.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.LayerConfig;
import org.jkeras.tensor.StringTensor;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Hashing}: each string (or integer, hashed as its decimal text) into one of {@code num_bins} bins, by
 * FarmHash64 ({@code tf.strings.to_hash_bucket_fast}), or by SipHash-2-4 keyed by {@code salt} when one is given
 * ({@code to_hash_bucket_strong}); bit-exact with TensorFlow (see {@link StringHashes}). With a {@code mask_value},
 * that value goes to bin 0 and the others to {@code 1..num_bins-1}. {@code output_mode} {@code "int"} (default) gives
 * the bins; {@code "one_hot"}, {@code "multi_hot"}, {@code "count"} encode them as CategoryEncoding does.
 *
 * <pre>{@code
 * Tensor bins = new Hashing(3).call(StringTensor.of(new String[] {"A", "B", "C"}, 3, 1));  // ids in [0, 3)
 * Tensor ints = new Hashing(11).salt(133).call(Tensor.of(new float[] {1, 2, 3}, 3, 1));  // ints hashed as "1", ...
 * }</pre>
 */
public class Hashing extends TextLayer {
    private final int numBins;
    private Object maskValue;
    private long[] salt;
    private String outputMode = "int";

    public Hashing(int numBins) {
        if (numBins <= 0) {
            throw new IllegalArgumentException("The `num_bins` for `Hashing` cannot be `None` or non-positive values. "
                    + "Received: num_bins=" + numBins + ".");
        }
        this.numBins = numBins;
    }

    /** Keras's {@code salt} as one integer (used for both key words, as Keras does). */
    public Hashing salt(long s) {
        return salt(s, s);
    }

    /** Keras's {@code salt} as the two 64-bit key words of SipHash. */
    public Hashing salt(long k0, long k1) {
        requireUnbuilt("salt");
        this.salt = new long[] {k0, k1};
        return this;
    }

    /** Keras's {@code mask_value}: a String (for string inputs) or a Long/Integer (for integer inputs). */
    public Hashing maskValue(Object value) {
        requireUnbuilt("mask_value");
        if (value != null && !(value instanceof String) && !(value instanceof Number)) {
            throw new IllegalArgumentException("Hashing: mask_value must be a string or an integer; received "
                    + value.getClass().getSimpleName() + " " + value + ".");
        }
        this.maskValue = value instanceof Number ? (Object) ((Number) value).longValue() : value;
        return this;
    }

    /** Keras's {@code output_mode}: {@code "int"} (default), {@code "one_hot"}, {@code "multi_hot"}, {@code "count"}. */
    public Hashing outputMode(String mode) {
        if (!List.of("int", "one_hot", "multi_hot", "count").contains(mode)) {
            throw new IllegalArgumentException("Invalid value for argument `output_mode`. Expected one of ('int', "
                    + "'one_hot', 'multi_hot', 'count'). Received: output_mode=" + mode);
        }
        this.outputMode = mode;
        return this;
    }

    public int numBins() {
        return numBins;
    }

    private long bin(String s, boolean masked) {
        int bins = numBins;
        boolean useMask = maskValue != null && numBins > 1;
        if (useMask) {
            if (masked) {
                return 0;
            }
            bins -= 1;
        }
        long b = salt != null ? StringHashes.bucketStrong(s, bins, salt[0], salt[1]) : StringHashes.bucketFast(s, bins);
        return useMask ? b + 1 : b;
    }

    @Override
    public Tensor call(StringTensor input) {
        float[] ids = new float[input.size()];
        for (int i = 0; i < ids.length; i++) {
            String s = input.get(i);
            ids[i] = bin(s, s.equals(maskValue));
        }
        return TextLayer.encode(ids, input.shape(), outputMode, numBins, null);
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        float[] v = x.toArray();
        float[] ids = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            long n = (long) v[i];   // Keras casts float inputs to int64, then hashes the decimal text
            ids[i] = bin(Long.toString(n), maskValue instanceof Long && (Long) maskValue == n);
        }
        return List.of(TextLayer.encode(ids, x.shape(), outputMode, numBins, null));
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        return List.of(TextLayer.encodedShape(inputShapes.get(0), outputMode, numBins));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("dtype", "int".equals(outputMode) ? "int64" : "float32");
        c.put("num_bins", numBins);
        List<Object> s = null;
        if (salt != null) {
            s = new ArrayList<>(List.of(salt[0], salt[1]));
        }
        c.put("salt", s);
        c.put("mask_value", maskValue);
        c.put("output_mode", outputMode);
        c.put("sparse", false);
        return c;
    }

    public static Hashing fromConfig(LayerConfig c) {
        if (c.bool("sparse", false)) {
            throw new IllegalArgumentException("Hashing in " + c.where() + ": sparse=true is not supported; jkeras "
                    + "computes dense outputs.");
        }
        Hashing h = new Hashing(c.integer("num_bins")).outputMode(c.string("output_mode", "int"));
        Object salt = c.get("salt");
        if (salt instanceof List && ((List<?>) salt).size() == 2) {
            h.salt(((Number) ((List<?>) salt).get(0)).longValue(), ((Number) ((List<?>) salt).get(1)).longValue());
        } else if (salt instanceof Number) {
            h.salt(((Number) salt).longValue());
        } else if (salt != null) {
            throw new IllegalArgumentException("The `salt` argument for `Hashing` can only be a tuple of size 2 "
                    + "integers, or a single integer. Received: salt=" + salt + " in " + c.where() + ".");
        }
        h.maskValue(c.get("mask_value"));
        return h;
    }
}
