package org.jkeras.layers.preprocessing.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.LayerConfig;
import org.jkeras.tensor.StringTensor;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code StringLookup}: strings to vocabulary indices (or, with {@code invert}, indices back to strings via
 * {@link #invertLookup(Tensor)}). See {@link IndexLookup} for the index layout and output modes.
 *
 * <pre>{@code
 * StringLookup lookup = new StringLookup().vocabulary(List.of("the", "cat"));
 * Tensor ids = lookup.call(StringTensor.of("the", "cat", "dog"));     // [1, 2, 0]: index 0 is the OOV token [UNK]
 * StringLookup learnt = new StringLookup().maxTokens(1000);
 * learnt.adapt(StringTensor.of(new String[][] {{"a", "b"}, {"b", "c"}}));
 * }</pre>
 */
public class StringLookup extends IndexLookup {
    public StringLookup() {
        super("[UNK]");
    }

    /** Keras's {@code max_tokens}: the vocabulary size cap, special tokens included; null for none. */
    public StringLookup maxTokens(Integer n) {
        setMaxTokens(n);
        return this;
    }

    /** Keras's {@code num_oov_indices} (default 1). */
    public StringLookup numOovIndices(int n) {
        setNumOovIndices(n);
        return this;
    }

    /** Keras's {@code invert}: indices to tokens (output_mode must be int). */
    public StringLookup invert(boolean inv) {
        setInvert(inv);
        return this;
    }

    /** Keras's {@code output_mode}: int (default), one_hot, multi_hot, count or tf_idf. */
    public StringLookup outputMode(String mode) {
        setOutputMode(mode);
        return this;
    }

    /** Keras's {@code pad_to_max_tokens}: encoded outputs have max_tokens columns. */
    public StringLookup padToMaxTokens(boolean pad) {
        setPadToMaxTokens(pad);
        return this;
    }

    /** Keras's {@code salt}: OOV tokens are hashed with SipHash keyed by it (else FarmHash64). */
    public StringLookup salt(long k0, long k1) {
        setSalt(k0, k1);
        return this;
    }

    @Override
    String kind() {
        return "StringLookup";
    }

    @Override
    Comparator<String> tokenOrder() {
        return Comparator.comparing(s -> s.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);
    }

    /** Keras's {@code mask_token} (default null: no mask). */
    public StringLookup maskToken(String token) {
        maskToken = token;
        return this;
    }

    /** Keras's {@code oov_token} (default {@code "[UNK]"}). */
    public StringLookup oovToken(String token) {
        oovToken = token;
        return this;
    }

    /** A fixed vocabulary (Keras's {@code vocabulary=[...]}): saved in the config. */
    public StringLookup vocabulary(List<String> vocabulary) {
        validate();
        inputVocabulary = List.copyOf(vocabulary);
        setVocabularyStrings(inputVocabulary, inputIdfWeights);
        return this;
    }

    /** A fixed vocabulary with its idf weights, for tf_idf. */
    public StringLookup vocabulary(List<String> vocabulary, float[] idfWeights) {
        inputIdfWeights = idfWeights.clone();
        return vocabulary(vocabulary);
    }

    /** The vocabulary read from a text file, one token a line (saved in the assets of a .keras file). */
    public StringLookup vocabularyFile(Path file) throws IOException {
        validate();
        readVocabularyFile(file);
        return this;
    }

    /** Keras's {@code adapt}: learns the vocabulary from tokens; each row of a rank-2 input is one document. */
    public void adapt(StringTensor data) {
        validate();
        adaptDocuments(documents(data));
    }

    static List<String[]> documents(StringTensor data) {
        List<String[]> docs = new ArrayList<>();
        if (data.rank() <= 1) {
            for (int i = 0; i < data.size(); i++) {
                docs.add(new String[] {data.get(i)});
            }
            return docs;
        }
        int rows = data.shape()[0];
        int per = rows == 0 ? 0 : data.size() / rows;
        String[] all = data.toArray();
        for (int r = 0; r < rows; r++) {
            docs.add(Arrays.copyOfRange(all, r * per, (r + 1) * per));
        }
        return docs;
    }

    /** Keras's {@code get_vocabulary()}. */
    public List<String> vocabulary() {
        return vocabularyStrings();
    }

    @Override
    public Tensor call(StringTensor input) {
        if (invert) {
            throw new IllegalArgumentException("StringLookup '" + name() + "' has invert=true: it maps indices to "
                    + "strings; call invertLookup(Tensor) on the indices.");
        }
        validate();
        requireVocabulary();
        float[] ids = new float[input.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = lookup(input.get(i), null);
        }
        return encodeIds(ids, input.shape());
    }

    /** With {@code invert=true}: indices (exact integers) to their tokens, unknown indices to the OOV token. */
    public StringTensor invertLookup(Tensor ids) {
        if (!invert) {
            throw new IllegalArgumentException("StringLookup '" + name() + "' maps strings to indices; invertLookup "
                    + "needs invert=true.");
        }
        requireVocabulary();
        float[] v = ids.toArray();
        String[] out = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = inverse((long) v[i]);
        }
        return StringTensor.of(out, ids.shape());
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = lookupConfig(oovToken, maskToken,
                inputVocabulary == null ? null : new ArrayList<>(inputVocabulary));
        c.remove("vocabulary_dtype");
        c.put("encoding", "utf-8");
        return c;
    }

    public static StringLookup fromConfig(LayerConfig c) {
        StringLookup l = new StringLookup();
        l.readLookupConfig(c);
        l.maskToken = c.string("mask_token", null);
        l.oovToken = c.string("oov_token", "[UNK]");
        Object v = c.get("vocabulary");
        List<String> strs = null;
        if (v instanceof List) {
            strs = new ArrayList<>();
            for (Object o : (List<?>) v) {
                strs.add(String.valueOf(o));
            }
        }
        l.applyConfigVocabulary(v, strs, c.where());
        return l;
    }
}
