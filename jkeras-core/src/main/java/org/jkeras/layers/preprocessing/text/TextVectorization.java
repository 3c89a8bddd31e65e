package org.jkeras.layers.preprocessing.text;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.LayerConfig;
import org.jkeras.tensor.StringTensor;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code TextVectorization}: each string is standardized ({@code "lower_and_strip_punctuation"} (default),
 * {@code "lower"}, {@code "strip_punctuation"} or none; lower-casing is ASCII, as {@code tf.strings.lower}), split
 * ({@code "whitespace"} (default), {@code "character"} (Unicode code points) or none), turned into n-grams when
 * {@code ngrams} is set, and looked up in a vocabulary (learnt by {@link #adapt}, or given) whose index 0 is the
 * padding (mask token {@code ""}) and 1 the OOV token {@code [UNK]}. {@code output_mode} {@code "int"} gives the
 * token ids of each string, padded with 0 to the longest (or cut/padded to {@code output_sequence_length});
 * {@code "multi_hot"}, {@code "count"} and {@code "tf_idf"} give one {@code [vocabulary]} row per string.
 *
 * <pre>{@code
 * TextVectorization tv = new TextVectorization().maxTokens(1000).outputSequenceLength(20);
 * tv.adapt(List.of("The cat sat.", "The dog ate!"));
 * Tensor ids = tv.call(StringTensor.of("the cat ate"));   // [[2, 3, 5, 0, ...]]: shape [1, 20]
 * }</pre>
 */
public class TextVectorization extends TextLayer {
    private static final String PUNCTUATION = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~'";

    private String standardize = "lower_and_strip_punctuation";
    private String split = "whitespace";
    private int[] ngrams;
    private Object ngramsArg;
    private Integer outputSequenceLength;
    private final StringLookup lookup = new StringLookup().maskToken("");

    public TextVectorization() {}

    /** Keras's {@code max_tokens}: the vocabulary size cap (padding and OOV included); null for none. */
    public TextVectorization maxTokens(Integer n) {
        lookup.maxTokens(n);
        return this;
    }

    /** Keras's {@code standardize}: lower_and_strip_punctuation (default), lower, strip_punctuation, or null. */
    public TextVectorization standardize(String s) {
        if (s != null && !List.of("lower_and_strip_punctuation", "lower", "strip_punctuation").contains(s)) {
            throw new IllegalArgumentException("The `standardize` argument of TextVectorization must be one of "
                    + "('lower_and_strip_punctuation', 'lower', 'strip_punctuation') or None; received: standardize="
                    + s + ". (jkeras has no callable standardize.)");
        }
        standardize = s;
        return this;
    }

    /** Keras's {@code split}: whitespace (default), character, or null (each string is one token). */
    public TextVectorization split(String s) {
        if (s != null && !List.of("whitespace", "character").contains(s)) {
            throw new IllegalArgumentException("The `split` argument of TextVectorization must be one of "
                    + "('whitespace', 'character') or None; received: split=" + s + ".");
        }
        split = s;
        return this;
    }

    /** Keras's {@code ngrams=n}: the 1- to n-grams. */
    public TextVectorization ngrams(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("`ngrams` must be None, an integer, or a tuple of integers. Received: "
                    + "ngrams=" + n);
        }
        ngrams = new int[n];
        for (int i = 0; i < n; i++) {
            ngrams[i] = i + 1;
        }
        ngramsArg = n;
        return this;
    }

    /** Keras's {@code ngrams=(a, b, ...)}: exactly those n-gram widths, in that order. */
    public TextVectorization ngrams(int... widths) {
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("`ngrams` widths must be positive. Received: ngrams="
                        + Arrays.toString(widths));
            }
        }
        ngrams = widths.clone();
        List<Object> l = new ArrayList<>();
        for (int w : widths) {
            l.add(w);
        }
        ngramsArg = l;
        return this;
    }

    /** Keras's {@code output_mode}: int (default), multi_hot, count or tf_idf. */
    public TextVectorization outputMode(String mode) {
        if ("one_hot".equals(mode)) {
            throw new IllegalArgumentException("TextVectorization: output_mode='one_hot' is not supported by jkeras (it "
                    + "one-hot encodes whole strings); use 'int', 'multi_hot', 'count' or 'tf_idf'.");
        }
        lookup.outputMode(mode);
        return this;
    }

    /** Keras's {@code output_sequence_length} (int mode): ids cut or padded with 0 to this length. */
    public TextVectorization outputSequenceLength(Integer n) {
        outputSequenceLength = n;
        return this;
    }

    /** Keras's {@code pad_to_max_tokens}: encoded outputs have max_tokens columns. */
    public TextVectorization padToMaxTokens(boolean pad) {
        lookup.padToMaxTokens(pad);
        return this;
    }

    /** A fixed vocabulary (Keras's {@code vocabulary=[...]}), saved in the config. */
    public TextVectorization vocabulary(List<String> vocabulary) {
        validate();
        lookup.vocabulary(vocabulary);
        return this;
    }

    /** A fixed vocabulary with idf weights (tf_idf). */
    public TextVectorization vocabulary(List<String> vocabulary, float[] idfWeights) {
        validate();
        lookup.vocabulary(vocabulary, idfWeights);
        return this;
    }

    /** The vocabulary from a text file, one token a line (saved in assets/ of a .keras file). */
    public TextVectorization vocabularyFile(Path file) throws IOException {
        validate();
        lookup.vocabularyFile(file);
        return this;
    }

    /** Keras's {@code get_vocabulary()}: "" (padding), [UNK], then the tokens by frequency. */
    public List<String> vocabulary() {
        return lookup.vocabulary();
    }

    /** Keras's {@code vocabulary_size()}. */
    public int vocabularySize() {
        return lookup.vocabularySize();
    }

    StringLookup lookupLayer() {
        return lookup;
    }

    private void validate() {
        lookup.validate();
        String mode = lookup.outputMode;
        if (!"int".equals(mode) && outputSequenceLength != null) {
            throw new IllegalArgumentException("`output_sequence_length` must not be set if `output_mode` is not 'int'. "
                    + "Received output_sequence_length=" + outputSequenceLength + ".");
        }
        if (outputSequenceLength != null && outputSequenceLength < 0) {
            throw new IllegalArgumentException("`output_sequence_length` must be either None or a non-negative integer "
                    + "when `output_mode` is 'int'. Received: output_sequence_length=" + outputSequenceLength);
        }
    }

    /** Keras's {@code adapt} on a list of texts: learns the vocabulary (and idf weights) from them. */
    public void adapt(List<String> texts) {
        adapt(StringTensor.column(texts));
    }

    /** Keras's {@code adapt}: each string (a rank-1 input, or a {@code [n, 1]} column) is one document. */
    public void adapt(StringTensor data) {
        validate();
        lookup.adaptDocuments(preprocess(data));
    }

    /** The tokens of each row: standardize, split, n-grams (Keras's {@code _preprocess}). */
    List<String[]> preprocess(StringTensor input) {
        int[] s = input.shape();
        if (split != null && s.length > 1 && s[s.length - 1] != 1) {
            throw new IllegalArgumentException("When using `TextVectorization` to tokenize strings, the input rank must "
                    + "be 1 or the last shape dimension must be 1. Received: inputs.shape=" + Arrays.toString(s)
                    + " with rank=" + s.length);
        }
        if (s.length > 2) {
            throw new IllegalArgumentException("TextVectorization '" + name() + "' takes a rank-1 or [n, 1] string "
                    + "input; received shape " + Arrays.toString(s) + ".");
        }
        int rows = s.length == 0 ? 1 : s[0];
        int per = rows == 0 ? 0 : input.size() / rows;
        List<String[]> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            List<String> toks = new ArrayList<>();
            for (int k = 0; k < per; k++) {
                String t = standardizeText(input.get(r * per + k));
                if ("whitespace".equals(split)) {
                    for (String w : t.split("[ \t\n\u000b\f\r]+")) {
                        if (!w.isEmpty()) {
                            toks.add(w);
                        }
                    }
                } else if ("character".equals(split)) {
                    t.codePoints().forEach(cp -> toks.add(new String(Character.toChars(cp))));
                } else {
                    toks.add(t);
                }
            }
            out.add(ngrams == null ? toks.toArray(new String[0]) : ngrams(toks));
        }
        return out;
    }

    private String[] ngrams(List<String> toks) {
        List<String> out = new ArrayList<>();
        for (int n : ngrams) {
            for (int i = 0; i + n <= toks.size(); i++) {
                out.add(String.join(" ", toks.subList(i, i + n)));
            }
        }
        return out.toArray(new String[0]);
    }

    private String standardizeText(String s) {
        if (standardize == null) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        boolean lower = !"strip_punctuation".equals(standardize);
        boolean strip = !"lower".equals(standardize);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (strip && PUNCTUATION.indexOf(c) >= 0) {
                continue;
            }
            b.append(lower && c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return b.toString();
    }

    @Override
    public Tensor call(StringTensor input) {
        validate();
        lookup.requireVocabulary();
        List<String[]> rows = preprocess(input);
        String mode = lookup.outputMode;
        int n = rows.size();
        if (!"int".equals(mode)) {
            int depth = lookup.depth();
            float[] out = new float[n * depth];
            for (int r = 0; r < n; r++) {
                String[] toks = rows.get(r);
                float[] ids = new float[toks.length];
                for (int i = 0; i < toks.length; i++) {
                    ids[i] = lookup.lookup(toks[i], null);
                }
                Tensor row = lookup.encodeIds(ids, new int[] {toks.length});
                System.arraycopy(row.toArray(), 0, out, r * depth, depth);
            }
            return Tensor.of(out, n, depth);
        }
        boolean scalarRows = split == null && input.rank() == 1;
        int len = outputSequenceLength != null ? outputSequenceLength : 0;
        if (outputSequenceLength == null) {
            for (String[] t : rows) {
                len = Math.max(len, t.length);
            }
        }
        float[] out = new float[n * len];
        for (int r = 0; r < n; r++) {
            String[] toks = rows.get(r);
            for (int i = 0; i < Math.min(len, toks.length); i++) {
                out[r * len + i] = lookup.lookup(toks[i], null);
            }
        }
        if (scalarRows && outputSequenceLength == null) {
            return Tensor.of(out, n);
        }
        return Tensor.of(out, n, len);
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        int batch = s.length == 0 ? 1 : s[0];
        if ("int".equals(lookup.outputMode)) {
            return List.of(new int[] {batch, outputSequenceLength == null ? -1 : outputSequenceLength});
        }
        Integer depth = lookup.padToMaxTokens ? lookup.maxTokens : (lookup.hasVocabulary() ? lookup.vocabularySize()
                : null);
        return List.of(new int[] {batch, depth == null ? -1 : depth});
    }

    /** The vocabulary file text Keras saves in assets/ (null when the vocabulary is in the config). */
    @Override
    public String vocabularyAsset() {
        return lookup.vocabularyAsset();
    }

    @Override
    public void loadVocabularyAsset(String text) {
        lookup.loadVocabularyAsset(text);
    }

    @Override
    public float[] idfVariable() {
        return lookup.idfVariable();
    }

    @Override
    public void loadIdfVariable(float[] w) {
        lookup.loadIdfVariable(w);
    }

    @Override
    public boolean hasNestedLookup() {
        return true;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("max_tokens", lookup.maxTokens);
        c.put("standardize", standardize);
        c.put("split", split);
        c.put("ngrams", ngramsArg);
        c.put("output_mode", lookup.outputMode);
        c.put("output_sequence_length", outputSequenceLength);
        c.put("pad_to_max_tokens", lookup.padToMaxTokens);
        c.put("sparse", false);
        c.put("ragged", false);
        c.put("vocabulary", lookup.inputVocabulary == null ? null : new ArrayList<Object>(lookup.inputVocabulary));
        List<Object> w = null;
        if (lookup.inputIdfWeights != null) {
            w = new ArrayList<>();
            for (float f : lookup.inputIdfWeights) {
                w.add((double) f);
            }
        }
        c.put("idf_weights", w);
        c.put("encoding", "utf-8");
        c.put("vocabulary_size", lookup.vocabularySize());
        return c;
    }

    public static TextVectorization fromConfig(LayerConfig c) {
        if (c.bool("sparse", false) || c.bool("ragged", false)) {
            throw new IllegalArgumentException("TextVectorization in " + c.where() + ": sparse and ragged outputs are "
                    + "not supported; jkeras computes dense outputs.");
        }
        Object std = c.get("standardize");
        Object spl = c.get("split");
        if ((std != null && !(std instanceof String)) || (spl != null && !(spl instanceof String))) {
            throw new IllegalArgumentException("TextVectorization in " + c.where() + " has a custom (callable) "
                    + "standardize or split, which jkeras cannot run; use one of Keras's named ones.");
        }
        TextVectorization tv = new TextVectorization().standardize((String) std).split((String) spl);
        Object mt = c.get("max_tokens");
        tv.maxTokens(mt == null ? null : ((Number) mt).intValue());
        tv.outputMode(c.string("output_mode", "int"));
        Object osl = c.get("output_sequence_length");
        tv.outputSequenceLength(osl == null ? null : ((Number) osl).intValue());
        tv.padToMaxTokens(c.bool("pad_to_max_tokens", false));
        Object ng = c.get("ngrams");
        if (ng instanceof Number) {
            tv.ngrams(((Number) ng).intValue());
        } else if (ng instanceof List) {
            List<?> l = (List<?>) ng;
            int[] w = new int[l.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = ((Number) l.get(i)).intValue();
            }
            tv.ngrams(w);
        }
        Object w = c.get("idf_weights");
        if (w instanceof List) {
            List<?> l = (List<?>) w;
            tv.lookup.inputIdfWeights = new float[l.size()];
            for (int i = 0; i < l.size(); i++) {
                tv.lookup.inputIdfWeights[i] = ((Number) l.get(i)).floatValue();
            }
        }
        Object v = c.get("vocabulary");
        List<String> strs = null;
        if (v instanceof List) {
            strs = new ArrayList<>();
            for (Object o : (List<?>) v) {
                strs.add(String.valueOf(o));
            }
        }
        tv.validate();
        tv.lookup.applyConfigVocabulary(v, strs, c.where());
        return tv;
    }
}
