package org.jkeras.layers.preprocessing.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jkeras.layers.LayerConfig;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code IndexLookup}, the shared half of {@link StringLookup} and {@link IntegerLookup}: a vocabulary (given,
 * read from a file, or learnt by {@code adapt}) maps each token to its index after the mask (index 0 when
 * {@code mask_token} is set and the output is {@code "int"}) and the {@code num_oov_indices} OOV indices; an unknown
 * token goes to the OOV index (several OOV indices: by hash, or floor-mod for integers). {@code invert} maps indices
 * back to tokens. Output modes int / one_hot / multi_hot / count / tf_idf as Keras encodes them.
 * Tokens are held as strings (an IntegerLookup's as their decimal text).
 *
 * <pre>{@code
 * IntegerLookup lookup = new IntegerLookup().vocabulary(List.of(12L, 36L));
 * Tensor ids = lookup.call(Tensor.of(new float[] {12, 36, 5}, 3));   // [1, 2, 0]
 * }</pre>
 */
public abstract class IndexLookup extends TextLayer {
    Integer maxTokens;
    int numOovIndices = 1;
    String maskToken;
    String oovToken;
    boolean invert;
    String outputMode = "int";
    boolean padToMaxTokens;
    String oovMethod = "floormod";
    long[] salt;
    /** The vocabulary as given in the config ({@code vocabulary=[...]}); null when adapted, set or read from a file. */
    List<String> inputVocabulary;
    float[] inputIdfWeights;
    /** The learnt or set tokens, without the special tokens. */
    private List<String> tokens;
    private Map<String, Integer> index;
    private float[] idf;

    IndexLookup(String oovToken) {
        this.oovToken = oovToken;
    }

    abstract String kind();

    /** Orders tokens of equal count in adapt (Keras: numpy's sort of the tokens, reversed). */
    abstract Comparator<String> tokenOrder();

    /** Keras's {@code max_tokens}: the vocabulary size cap, special tokens included; null for none. */
    void setMaxTokens(Integer n) {
        if (n != null && n <= 1) {
            throw new IllegalArgumentException("If set, `max_tokens` must be greater than 1. Received: max_tokens=" + n);
        }
        maxTokens = n;
    }

    /** Keras's {@code num_oov_indices} (default 1). */
    void setNumOovIndices(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("`num_oov_indices` must be greater than or equal to 0. Received: "
                    + "num_oov_indices=" + n);
        }
        numOovIndices = n;
    }

    /** Keras's {@code invert}: indices to tokens (output_mode must be int). */
    void setInvert(boolean inv) {
        invert = inv;
    }

    /** Keras's {@code output_mode}: int (default), one_hot, multi_hot, count or tf_idf. */
    void setOutputMode(String mode) {
        String m = "binary".equals(mode) ? "multi_hot" : "tf-idf".equals(mode) ? "tf_idf" : mode;
        if (!List.of("int", "one_hot", "multi_hot", "count", "tf_idf").contains(m)) {
            throw new IllegalArgumentException("Received an invalid value for `output_mode` of " + kind() + ". Expected "
                    + "one of ('int', 'one_hot', 'multi_hot', 'count', 'tf_idf'). Received: output_mode=" + mode);
        }
        outputMode = m;
    }

    /** Keras's {@code pad_to_max_tokens}: encoded outputs have max_tokens columns. */
    void setPadToMaxTokens(boolean pad) {
        padToMaxTokens = pad;
    }

    /** Keras's {@code salt}: OOV tokens are hashed with SipHash keyed by it (else FarmHash64). */
    void setSalt(long k0, long k1) {
        salt = new long[] {k0, k1};
    }

    void validate() {
        if (invert && !"int".equals(outputMode)) {
            throw new IllegalArgumentException("`output_mode` must be `'int'` when `invert` is true. Received: "
                    + "output_mode=" + outputMode);
        }
        if (padToMaxTokens && maxTokens == null) {
            throw new IllegalArgumentException("If pad_to_max_tokens is True, must set `max_tokens`. Received: "
                    + "max_tokens=None");
        }
        if (inputIdfWeights != null && !"tf_idf".equals(outputMode)) {
            throw new IllegalArgumentException("`idf_weights` should only be set if `output_mode` is `'tf_idf'`. "
                    + "Received: output_mode=" + outputMode);
        }
    }

    int oovStartIndex() {
        return maskToken != null && "int".equals(outputMode) ? 1 : 0;
    }

    int tokenStartIndex() {
        return oovStartIndex() + numOovIndices;
    }

    /** Keras's {@code vocabulary_size()}: the tokens plus the mask and OOV indices. */
    public int vocabularySize() {
        return tokenStartIndex() + (tokens == null ? 0 : tokens.size());
    }

    /** Keras's {@code get_vocabulary()}: the token of every index (mask and OOV tokens included). */
    public List<String> vocabularyStrings() {
        List<String> v = new ArrayList<>();
        for (int i = 0; i < tokenStartIndex(); i++) {
            v.add(i < oovStartIndex() ? maskToken : oovToken);
        }
        if (tokens != null) {
            v.addAll(tokens);
        }
        return v;
    }

    /** The idf weights in use (tf_idf), one per output column; null otherwise. */
    public float[] idfWeights() {
        return idf == null ? null : idf.clone();
    }

    boolean hasVocabulary() {
        return tokens != null;
    }

    /**
     * Keras's {@code setVocabulary}: the tokens (with or without the leading mask and OOV tokens) and, for tf_idf,
     * their idf weights.
     */
    void setVocabularyStrings(List<String> vocabulary, float[] idfWeights) {
        if ("tf_idf".equals(outputMode) && idfWeights == null) {
            throw new IllegalArgumentException("`idf_weights` must be set if output_mode is 'tf_idf'.");
        }
        if (!"tf_idf".equals(outputMode) && idfWeights != null) {
            throw new IllegalArgumentException("`idf_weights` should only be set if output_mode is `'tf_idf'`. Received: "
                    + "output_mode=" + outputMode);
        }
        if (vocabulary.isEmpty()) {
            throw new IllegalArgumentException("Cannot set an empty vocabulary. Received: vocabulary=[]");
        }
        List<String> special = vocabularyStrings().subList(0, tokenStartIndex());
        boolean foundSpecial = vocabulary.size() >= special.size()
                && vocabulary.subList(0, special.size()).equals(special);
        List<String> toks = new ArrayList<>(foundSpecial ? vocabulary.subList(special.size(), vocabulary.size())
                : vocabulary);
        Set<String> seen = new LinkedHashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (String t : toks) {
            if (!seen.add(t)) {
                repeated.add(t);
            }
        }
        if (!repeated.isEmpty()) {
            throw new IllegalArgumentException("The passed vocabulary has at least one repeated term. Please uniquify "
                    + "your dataset. The repeated terms are: " + repeated);
        }
        if (maskToken != null && seen.contains(maskToken)) {
            throw new IllegalArgumentException("Found reserved mask token at unexpected location in `vocabulary`. "
                    + "Note that passed `vocabulary` does not need to include the OOV and mask tokens. Either remove all "
                    + "mask and OOV tokens, or include them only at the start of the vocabulary in precisely this "
                    + "order: " + special + ". Received: mask_token=" + maskToken + " at vocabulary index "
                    + vocabulary.lastIndexOf(maskToken));
        }
        if (oovToken != null && invert && seen.contains(oovToken)) {
            throw new IllegalArgumentException("Found reserved OOV token at unexpected location in `vocabulary`. "
                    + "Either remove all mask and OOV tokens, or include them only at the start of the vocabulary in "
                    + "precisely this order: " + special + ". Received: oov_token=" + oovToken
                    + " at vocabulary index " + vocabulary.lastIndexOf(oovToken));
        }
        int size = tokenStartIndex() + toks.size();
        if (maxTokens != null && size > maxTokens) {
            throw new IllegalArgumentException("Attempted to set a vocabulary larger than the maximum vocab size. "
                    + "Received vocabulary size is " + size + "; `max_tokens` is " + maxTokens + ".");
        }
        setTokens(toks);
        if (idfWeights != null) {
            if (vocabulary.size() != idfWeights.length) {
                throw new IllegalArgumentException("`idf_weights` must be the same length as vocabulary. "
                        + "len(idf_weights) is " + idfWeights.length + "; len(vocabulary) is " + vocabulary.size());
            }
            int front = foundSpecial ? 0 : tokenStartIndex();
            double avg = 0;
            for (float w : idfWeights) {
                avg += w;
            }
            avg /= idfWeights.length;
            int back = padToMaxTokens && maxTokens != null ? maxTokens - front - idfWeights.length : 0;
            float[] w = new float[front + idfWeights.length + back];
            Arrays.fill(w, 0, front, (float) avg);
            System.arraycopy(idfWeights, 0, w, front, idfWeights.length);
            idf = w;
        }
    }

    private void setTokens(List<String> toks) {
        tokens = List.copyOf(toks);
        index = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            index.put(tokens.get(i), tokenStartIndex() + i);
        }
    }

    /** Reads the vocabulary from a text file, one token a line (Keras's {@code vocabulary="path"}). */
    void readVocabularyFile(Path file) throws IOException {
        if ("tf_idf".equals(outputMode)) {
            throw new IllegalArgumentException("output_mode `'tf_idf'` does not support loading a vocabulary from file.");
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("Vocabulary file " + file + " does not exist.");
        }
        setVocabularyStrings(readLines(file), null);
    }

    /** The lines of a vocabulary file as Keras's load_assets reads them (trailing empty lines dropped). */
    static List<String> readLines(Path file) throws IOException {
        return lines(Files.readString(file, StandardCharsets.UTF_8));
    }

    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\r\n|\n|\r", -1)));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** Keras's save_assets content: the whole vocabulary, one token a line, joined by newlines. */
    String vocabularyFileText() {
        return String.join("\n", vocabularyStrings());
    }

    @Override
    public String vocabularyAsset() {
        return inputVocabulary == null && tokens != null ? vocabularyFileText() : null;
    }

    @Override
    public float[] idfVariable() {
        return "tf_idf".equals(outputMode) && idf != null ? idf.clone() : null;
    }

    @Override
    public void loadIdfVariable(float[] w) {
        if ("tf_idf".equals(outputMode)) {
            idf = w.clone();
        }
    }

    @Override
    public void loadVocabularyAsset(String text) {
        if (inputVocabulary != null) {
            return;
        }
        List<String> lines = lines(text);
        float[] keep = idf;   // the saved weights (read first, as Keras does) already span the special tokens
        setVocabularyStrings(lines, "tf_idf".equals(outputMode) ? new float[lines.size()] : null);
        idf = keep;
    }

    /**
     * Keras's {@code adapt}: counts the tokens of {@code documents} (each an array of tokens), drops the mask and OOV
     * tokens, orders by count (ties: tokens in reverse sort order), keeps {@code max_tokens} minus the special ones,
     * and for tf_idf computes {@code log(1 + docs / (1 + document frequency))}, its mean for the OOV columns.
     */
    void adaptDocuments(List<String[]> documents) {
        if (inputVocabulary != null) {
            throw new IllegalArgumentException("Cannot adapt layer '" + name() + "' after setting a static vocabulary "
                    + "via `vocabulary` argument or `setVocabulary()` method.");
        }
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (String[] doc : documents) {
            Set<String> inDoc = new java.util.HashSet<>();
            for (String t : doc) {
                long[] c = counts.computeIfAbsent(t, k -> new long[2]);
                c[0]++;
                if (inDoc.add(t)) {
                    c[1]++;
                }
            }
        }
        if (counts.isEmpty()) {
            return;
        }
        if (maskToken != null) {
            counts.remove(maskToken);
        }
        if (oovToken != null) {
            counts.remove(oovToken);
        }
        List<String> sorted = new ArrayList<>(counts.keySet());
        Comparator<String> byCount = Comparator.comparingLong(t -> counts.get(t)[0]);
        sorted.sort(byCount.thenComparing(tokenOrder()).reversed());
        if (maxTokens != null) {
            sorted = sorted.subList(0, Math.min(sorted.size(), Math.max(0, maxTokens - tokenStartIndex())));
        }
        setTokens(sorted);
        if ("tf_idf".equals(outputMode)) {
            int n = sorted.size();
            float[] w = new float[n];
            float sum = 0;
            for (int i = 0; i < n; i++) {
                w[i] = (float) Math.log(1 + (double) documents.size() / (1 + counts.get(sorted.get(i))[1]));
                sum += w[i];
            }
            float mean = n == 0 ? 0 : sum / n;
            int front = tokenStartIndex();
            int total = padToMaxTokens && maxTokens != null ? maxTokens : front + n;
            float[] full = new float[total];
            Arrays.fill(full, 0, front, mean);
            System.arraycopy(w, 0, full, front, n);
            idf = full;
        }
    }

    void requireVocabulary() {
        if (tokens == null) {
            if ("int".equals(outputMode) || padToMaxTokens) {
                setTokens(List.of());
                return;
            }
            throw new IllegalStateException("When using `output_mode=" + outputMode + "` and `pad_to_max_tokens=False`, "
                    + "you must set the layer's vocabulary before calling it. Either pass a `vocabulary` argument to the "
                    + "layer, or call `adapt` with some sample data.");
        }
    }

    int depth() {
        return padToMaxTokens ? maxTokens : vocabularySize();
    }

    /** The index of one token (forward lookup); {@code numeric} is the integer value for floor-mod OOV, if any. */
    long lookup(String token, Long numeric) {
        if (maskToken != null && maskToken.equals(token)) {
            return "int".equals(outputMode) ? 0 : Long.MAX_VALUE;
        }
        Integer i = index.get(token);
        if (i != null) {
            return i;
        }
        if (numOovIndices == 0) {
            throw new IllegalArgumentException("When `num_oov_indices=0` all inputs should be in vocabulary, found OOV "
                    + "values [" + token + "], consider setting `num_oov_indices=1`. (" + kind() + " '" + name() + "')");
        }
        if (numOovIndices == 1) {
            return oovStartIndex();
        }
        long h;
        if (numeric != null && !"farmhash".equals(oovMethod)) {
            h = Math.floorMod(numeric, (long) numOovIndices);
        } else if (salt != null) {
            h = StringHashes.bucketStrong(token, numOovIndices, salt[0], salt[1]);
        } else {
            h = StringHashes.bucketFast(token, numOovIndices);
        }
        return h + oovStartIndex();
    }

    /** Encodes looked-up indices in the output mode. */
    Tensor encodeIds(float[] ids, int[] shape) {
        return TextLayer.encode(ids, shape, outputMode, "int".equals(outputMode) ? 0 : depth(),
                "tf_idf".equals(outputMode) ? idf : null);
    }

    /** The token of index {@code id} (inverse lookup). */
    String inverse(long id) {
        if (maskToken != null && id == 0) {
            return maskToken;
        }
        int k = (int) (id - tokenStartIndex());
        if (id >= tokenStartIndex() && k < tokens.size()) {
            return tokens.get(k);
        }
        return oovToken;
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        if ("int".equals(outputMode)) {
            return List.of(s.clone());
        }
        Integer depth = padToMaxTokens ? maxTokens : (tokens == null ? null : vocabularySize());
        return List.of(TextLayer.encodedShape(s, outputMode, depth == null ? -1 : depth));
    }

    Map<String, Object> lookupConfig(Object oov, Object mask, List<Object> vocab) {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("invert", invert);
        c.put("max_tokens", maxTokens);
        c.put("num_oov_indices", numOovIndices);
        c.put("oov_token", oov);
        c.put("mask_token", mask);
        c.put("output_mode", outputMode);
        c.put("sparse", false);
        c.put("pad_to_max_tokens", padToMaxTokens);
        c.put("vocabulary_dtype", "int64");
        List<Object> w = null;
        if (inputIdfWeights != null) {
            w = new ArrayList<>();
            for (float f : inputIdfWeights) {
                w.add((double) f);
            }
        }
        c.put("idf_weights", w);
        c.put("vocabulary", vocab);
        c.put("vocabulary_size", tokens == null ? null : vocabularySize());
        c.put("oov_method", oovMethod);
        c.put("salt", salt == null ? null : List.of(salt[0], salt[1]));
        return c;
    }

    /** Reads the options every lookup has from a Keras config (the vocabulary is set by the subclass). */
    void readLookupConfig(LayerConfig c) {
        if (c.bool("sparse", false)) {
            throw new IllegalArgumentException(kind() + " in " + c.where() + ": sparse=true is not supported; jkeras "
                    + "computes dense outputs.");
        }
        Object mt = c.get("max_tokens");
        setMaxTokens(mt == null ? null : ((Number) mt).intValue());
        setNumOovIndices(c.integer("num_oov_indices", 1));
        setInvert(c.bool("invert", false));
        setOutputMode(c.string("output_mode", "int"));
        setPadToMaxTokens(c.bool("pad_to_max_tokens", false));
        oovMethod = c.string("oov_method", "floormod");
        if (!List.of("floormod", "farmhash").contains(oovMethod)) {
            throw new IllegalArgumentException("Unknown value for `oov_method` of " + kind() + ": " + oovMethod
                    + ". Expected 'floormod' or 'farmhash'.");
        }
        Object s = c.get("salt");
        if (s instanceof List && ((List<?>) s).size() == 2) {
            setSalt(((Number) ((List<?>) s).get(0)).longValue(), ((Number) ((List<?>) s).get(1)).longValue());
        } else if (s instanceof Number) {
            setSalt(((Number) s).longValue(), ((Number) s).longValue());
        }
        Object w = c.get("idf_weights");
        if (w instanceof List) {
            List<?> l = (List<?>) w;
            inputIdfWeights = new float[l.size()];
            for (int i = 0; i < l.size(); i++) {
                inputIdfWeights[i] = ((Number) l.get(i)).floatValue();
            }
        }
    }

    /** Applies a config's vocabulary (a list, or a file path) after the options are read. */
    void applyConfigVocabulary(Object vocab, List<String> asStrings, String where) {
        validate();
        if (vocab instanceof String) {
            try {
                readVocabularyFile(Path.of((String) vocab));
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read the vocabulary file " + vocab + " of " + where + ": " + e);
            }
        } else if (asStrings != null) {
            inputVocabulary = asStrings;
            setVocabularyStrings(asStrings, inputIdfWeights);
        } else if ("tf_idf".equals(outputMode) && inputIdfWeights != null) {
            throw new IllegalArgumentException("`idf_weights` without a `vocabulary` in " + where + ".");
        }
    }
}
