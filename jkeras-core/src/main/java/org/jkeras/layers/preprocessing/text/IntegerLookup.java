package org.jkeras.layers.preprocessing.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.LayerConfig;
import org.jkeras.tensor.StringTensor;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code IntegerLookup}: integer values (exact integers in float32, up to 2^24) to vocabulary indices, or
 * indices back to values with {@code invert}. Several OOV indices are chosen by floor-mod of the value (Keras's default
 * {@code oov_method="floormod"}) or by hashing its decimal text ({@code "farmhash"}). See {@link IndexLookup}.
 *
 * <pre>{@code
 * IntegerLookup lookup = new IntegerLookup().vocabulary(List.of(12L, 36L, 1138L));
 * Tensor ids = lookup.call(Tensor.of(new float[] {12, 1138, 7}, 3));   // [1, 3, 0]
 * }</pre>
 */
public class IntegerLookup extends IndexLookup {
    public IntegerLookup() {
        super("-1");
    }

    /** Keras's {@code max_tokens}: the vocabulary size cap, special tokens included; null for none. */
    public IntegerLookup maxTokens(Integer n) {
        setMaxTokens(n);
        return this;
    }

    /** Keras's {@code num_oov_indices} (default 1). */
    public IntegerLookup numOovIndices(int n) {
        setNumOovIndices(n);
        return this;
    }

    /** Keras's {@code invert}: indices to tokens (output_mode must be int). */
    public IntegerLookup invert(boolean inv) {
        setInvert(inv);
        return this;
    }

    /** Keras's {@code output_mode}: int (default), one_hot, multi_hot, count or tf_idf. */
    public IntegerLookup outputMode(String mode) {
        setOutputMode(mode);
        return this;
    }

    /** Keras's {@code pad_to_max_tokens}: encoded outputs have max_tokens columns. */
    public IntegerLookup padToMaxTokens(boolean pad) {
        setPadToMaxTokens(pad);
        return this;
    }

    /** Keras's {@code salt}: OOV tokens are hashed with SipHash keyed by it (else FarmHash64). */
    public IntegerLookup salt(long k0, long k1) {
        setSalt(k0, k1);
        return this;
    }

    @Override
    String kind() {
        return "IntegerLookup";
    }

    @Override
    Comparator<String> tokenOrder() {
        return Comparator.comparingLong(Long::parseLong);
    }

    /** Keras's {@code mask_token} (default null: no mask); e.g. 0 when 0 pads sequences. */
    public IntegerLookup maskToken(Long token) {
        maskToken = token == null ? null : Long.toString(token);
        return this;
    }

    /** Keras's {@code oov_token} (default -1), returned by an inverting lookup for unknown indices. */
    public IntegerLookup oovToken(long token) {
        oovToken = Long.toString(token);
        return this;
    }

    /** Keras's {@code oov_method}: {@code "floormod"} (default) or {@code "farmhash"}. */
    public IntegerLookup oovMethod(String method) {
        if (!List.of("floormod", "farmhash").contains(method)) {
            throw new IllegalArgumentException("IntegerLookup: oov_method must be 'floormod' or 'farmhash'; received "
                    + method + ".");
        }
        oovMethod = method;
        return this;
    }

    /** A fixed vocabulary (Keras's {@code vocabulary=[...]}): saved in the config. */
    public IntegerLookup vocabulary(List<Long> vocabulary) {
        validate();
        List<String> s = new ArrayList<>();
        for (Long v : vocabulary) {
            s.add(Long.toString(v));
        }
        inputVocabulary = s;
        setVocabularyStrings(s, inputIdfWeights);
        return this;
    }

    /** The vocabulary read from a text file, one integer a line. */
    public IntegerLookup vocabularyFile(Path file) throws IOException {
        validate();
        readVocabularyFile(file);
        return this;
    }

    /** Keras's {@code adapt}: learns the vocabulary from values; each row of a rank-2 input is one document. */
    public void adapt(Tensor data) {
        validate();
        float[] v = data.toArray();
        String[] s = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = key(v[i], i);
        }
        adaptDocuments(StringLookup.documents(StringTensor.of(s, data.shape())));
    }

    private String key(float v, int i) {
        long n = (long) v;
        if (n != v) {
            throw new IllegalArgumentException("IntegerLookup '" + name() + "': input value " + v + " at flat position "
                    + i + " is not an integer.");
        }
        return Long.toString(n);
    }

    /** Keras's {@code get_vocabulary()}. */
    public List<Long> vocabulary() {
        List<Long> out = new ArrayList<>();
        for (String s : vocabularyStrings()) {
            out.add(s == null ? null : Long.parseLong(s));
        }
        return out;
    }

    @Override
    public Tensor call(StringTensor input) {
        throw new IllegalArgumentException("IntegerLookup '" + name() + "' takes integers (a float32 Tensor of exact "
                + "integers), not strings; use StringLookup for strings.");
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        validate();
        requireVocabulary();
        Tensor x = inputs.get(0);
        float[] v = x.toArray();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            if (invert) {
                out[i] = Float.parseFloat(inverse((long) v[i]));
            } else {
                String k = key(v[i], i);
                out[i] = lookup(k, (long) v[i]);
            }
        }
        return List.of(invert ? Tensor.of(out, x.shape()) : encodeIds(out, x.shape()));
    }

    @Override
    public Map<String, Object> getConfig() {
        List<Object> vocab = null;
        if (inputVocabulary != null) {
            vocab = new ArrayList<>();
            for (String s : inputVocabulary) {
                vocab.add(Long.parseLong(s));
            }
        }
        return lookupConfig(oovToken == null ? null : Long.parseLong(oovToken),
                maskToken == null ? null : Long.parseLong(maskToken), vocab);
    }

    public static IntegerLookup fromConfig(LayerConfig c) {
        IntegerLookup l = new IntegerLookup();
        l.readLookupConfig(c);
        String dtype = c.string("vocabulary_dtype", "int64");
        if (!"int64".equals(dtype)) {
            throw new IllegalArgumentException("Only `vocabulary_dtype='int64'` is supported at this time. Received: "
                    + "vocabulary_dtype=" + dtype + " in " + c.where());
        }
        Object mask = c.get("mask_token");
        l.maskToken = mask == null ? null : Long.toString(((Number) mask).longValue());
        Object oov = c.get("oov_token");
        l.oovToken = oov == null ? null : Long.toString(((Number) oov).longValue());
        Object v = c.get("vocabulary");
        List<String> strs = null;
        if (v instanceof List) {
            strs = new ArrayList<>();
            for (Object o : (List<?>) v) {
                strs.add(Long.toString(((Number) o).longValue()));
            }
        }
        l.applyConfigVocabulary(v, strs, c.where());
        return l;
    }
}
