package org.jkeras.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.tensor.Tensor;

/**
 * One batch of data as a {@link Sequence} or a generator yields it: Keras's {@code (inputs, targets)} or
 * {@code (inputs, targets, sample_weights)} tuple.
 *
 * <pre>{@code
 * Batch b = Batch.of(x, y);                 // x: [32, 784], y: [32, 10]
 * Batch w = Batch.of(x, y, weights);        // weights: [32]
 * Batch p = Batch.ofInputs(x);               // for predict: targets absent
 * Tensor in = b.inputs();                   // the single input tensor
 * int rows = b.size();                      // 32
 * }</pre>
 *
 * <p><b>Structures.</b> Each of the three parts is stored as a <em>structure</em>: a {@link Tensor}, a
 * {@code List<Tensor>} (several inputs or outputs, in model order) or a {@code Map<String, Tensor>} (keyed by
 * input or output layer name), or {@code null} where absent (targets for prediction, sample weights). The
 * typed accessors {@link #inputs()}, {@link #targets()} and {@link #sampleWeights()} return the single-tensor
 * form and refuse the others with a message; {@link #inputStructure()} and friends return the structure as
 * given (immutable), for loops that handle multi-input models; {@link #tensors()} flattens all of them.
 * Every tensor of a batch must have the same number of rows (axis 0).
 */
public final class Batch {
    private final Object inputs;
    private final Object targets;
    private final Object sampleWeights;
    private final int size;

    private Batch(Object inputs, Object targets, Object sampleWeights) {
        if (inputs == null) {
            throw new IllegalArgumentException("A batch needs inputs; received inputs=null. Pass a Tensor, a "
                    + "List<Tensor> or a Map<String, Tensor>.");
        }
        this.inputs = freeze("inputs", inputs);
        this.targets = targets == null ? null : freeze("targets", targets);
        this.sampleWeights = sampleWeights == null ? null : freeze("sampleWeights", sampleWeights);
        List<Tensor> all = tensors();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("A batch needs at least one input tensor; received an empty "
                    + describe(inputs) + " as inputs.");
        }
        int rows = -1;
        for (Tensor t : all) {
            if (t.rank() == 0) {
                throw new IllegalArgumentException("Batch tensors need a batch axis; received a scalar. Give "
                        + "every array shape [rows, ...].");
            }
            if (rows < 0) {
                rows = t.dim(0);
            } else if (t.dim(0) != rows) {
                throw new IllegalArgumentException("All arrays of one batch must have the same number of rows; "
                        + "received inputs " + shapes(this.inputs) + ", targets " + shapes(this.targets)
                        + ", sampleWeights " + shapes(this.sampleWeights) + ". Make every part of the batch "
                        + "hold the same samples.");
            }
        }
        this.size = rows;
    }

    /** A batch of inputs and targets (each a Tensor, {@code List<Tensor>} or {@code Map<String, Tensor>}). */
    public static Batch of(Object inputs, Object targets) {
        return new Batch(inputs, targets, null);
    }

    /** A batch of inputs, targets and per-sample weights ({@code sampleWeights} may be null). */
    public static Batch of(Object inputs, Object targets, Object sampleWeights) {
        return new Batch(inputs, targets, sampleWeights);
    }

    /** A batch with inputs only (for {@code predict}). */
    public static Batch ofInputs(Object inputs) {
        return new Batch(inputs, null, null);
    }

    /** The inputs as one tensor; fails if they were given as a list or map (use {@link #inputStructure()}). */
    public Tensor inputs() {
        return single("inputs", inputs);
    }

    /** The targets as one tensor, or null when the batch has none. */
    public Tensor targets() {
        return targets == null ? null : single("targets", targets);
    }

    /** The sample weights as one tensor, or null when the batch has none. */
    public Tensor sampleWeights() {
        return sampleWeights == null ? null : single("sampleWeights", sampleWeights);
    }

    /** The inputs as given: a Tensor, an unmodifiable {@code List<Tensor>} or an unmodifiable {@code Map<String, Tensor>}. */
    public Object inputStructure() {
        return inputs;
    }

    /** The targets as given (see {@link #inputStructure()}), or null. */
    public Object targetStructure() {
        return targets;
    }

    /** The sample weights as given (see {@link #inputStructure()}), or null. */
    public Object sampleWeightStructure() {
        return sampleWeights;
    }

    /** True when the batch has targets. */
    public boolean hasTargets() {
        return targets != null;
    }

    /** Number of rows (samples) in the batch: axis 0 of every tensor. */
    public int size() {
        return size;
    }

    /** Every tensor of the batch: inputs, then targets, then sample weights (list/map order within each). */
    public List<Tensor> tensors() {
        List<Tensor> out = new ArrayList<>();
        flatten(inputs, out);
        flatten(targets, out);
        flatten(sampleWeights, out);
        return out;
    }

    /** The tensors of one structure (a Tensor, List or Map), in order; empty for null. */
    public static List<Tensor> flatten(Object structure) {
        List<Tensor> out = new ArrayList<>();
        flatten(structure, out);
        return out;
    }

    @Override
    public String toString() {
        return "Batch(inputs=" + shapes(inputs) + ", targets=" + shapes(targets) + ", sampleWeights="
                + shapes(sampleWeights) + ")";
    }

    // ---------------------------------------------------------------- helpers

    private static void flatten(Object s, List<Tensor> out) {
        if (s == null) {
            return;
        }
        if (s instanceof Tensor) {
            out.add((Tensor) s);
        } else if (s instanceof List) {
            for (Object o : (List<?>) s) {
                out.add((Tensor) o);
            }
        } else {
            for (Object o : ((Map<?, ?>) s).values()) {
                out.add((Tensor) o);
            }
        }
    }

    private static Object freeze(String what, Object s) {
        if (s instanceof Tensor) {
            return s;
        }
        if (s instanceof List) {
            List<Tensor> copy = new ArrayList<>();
            for (Object o : (List<?>) s) {
                if (!(o instanceof Tensor)) {
                    throw new IllegalArgumentException(what + " is a list holding " + describe(o)
                            + "; every element must be a Tensor.");
                }
                copy.add((Tensor) o);
            }
            return Collections.unmodifiableList(copy);
        }
        if (s instanceof Map) {
            Map<String, Tensor> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) s).entrySet()) {
                if (!(e.getKey() instanceof String) || !(e.getValue() instanceof Tensor)) {
                    throw new IllegalArgumentException(what + " is a map with entry " + describe(e.getKey()) + " -> "
                            + describe(e.getValue()) + "; expected String keys (layer names) and Tensor values.");
                }
                copy.put((String) e.getKey(), (Tensor) e.getValue());
            }
            return Collections.unmodifiableMap(copy);
        }
        throw new IllegalArgumentException(what + " must be a Tensor, a List<Tensor> or a Map<String, Tensor>; "
                + "received " + describe(s) + ".");
    }

    private static Tensor single(String what, Object s) {
        if (s instanceof Tensor) {
            return (Tensor) s;
        }
        throw new IllegalStateException("This batch's " + what + " are a " + describe(s) + " (several arrays); "
                + "use the structure accessor (e.g. inputStructure()) or Batch.flatten(...) instead of " + what + "().");
    }

    private static String describe(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof List) {
            return "List of " + ((List<?>) o).size();
        }
        if (o instanceof Map) {
            return "Map with keys " + ((Map<?, ?>) o).keySet();
        }
        return o.getClass().getName();
    }

    static String shapes(Object s) {
        if (s == null) {
            return "none";
        }
        if (s instanceof Tensor) {
            return Arrays.toString(((Tensor) s).shape());
        }
        StringBuilder b = new StringBuilder();
        if (s instanceof List) {
            b.append('[');
            for (Object o : (List<?>) s) {
                b.append(b.length() > 1 ? ", " : "").append(Arrays.toString(((Tensor) o).shape()));
            }
            return b.append(']').toString();
        }
        b.append('{');
        for (Map.Entry<?, ?> e : ((Map<?, ?>) s).entrySet()) {
            b.append(b.length() > 1 ? ", " : "").append(e.getKey()).append('=')
                    .append(Arrays.toString(((Tensor) e.getValue()).shape()));
        }
        return b.append('}').toString();
    }
}
