package org.jkeras.layers.rnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.constraints.Constraint;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.layers.NestedVariables;
import org.jkeras.ops.Ops;
import org.jkeras.ops.RecurrentOps;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code RNN} layer over a cell ({@link SimpleRNNCell}, {@link LSTMCell}, {@link GRUCell}): runs the cell over
 * the timesteps of a {@code [batch, timesteps, features]} input with one fused op (input projection for all steps in
 * one GEMM, one recurrent GEMM per step, backward through time by hand). Options as Keras: {@code return_sequences},
 * {@code return_state}, {@code go_backwards}, {@code stateful} (with {@link #resetStates()}), {@code unroll}
 * (accepted; computed the same way), {@code zero_output_for_mask}. Extra inputs after the sequence are the initial
 * states. An input mask ({@code [batch, timesteps]}, from Embedding(mask_zero) or Masking) skips masked steps: the
 * states carry over and the output repeats the previous step's.
 *
 * <pre>{@code
 * Layer rnn = new RNN(new LSTMCell(32)).returnSequences(true);
 * List<KerasTensor> outs = new LSTM(16).returnState(true).applyAll(List.of(x));   // [output, h, c]
 * }</pre>
 */
public class RNN extends Layer implements NestedVariables {
    final RecurrentCell cell;
    private boolean returnSequences, returnState, goBackwards, stateful, unroll, zeroOutputForMask;
    private int batchSize = -1;
    private List<Tensor> heldStates;

    public RNN(RecurrentCell cell) {
        if (cell == null) {
            throw new IllegalArgumentException("RNN needs a cell (e.g. new LSTMCell(32)); received null.");
        }
        this.cell = cell;
        setInputSpec(InputSpec.ndim(3));
    }

    public RecurrentCell cell() {
        return cell;
    }

    @SuppressWarnings("unchecked")
    private <T extends RNN> T self() {
        return (T) this;
    }

    /** Keras's {@code return_sequences} (default false): output every step {@code [B, T, u]}, not the last. */
    public <T extends RNN> T returnSequences(boolean b) {
        this.returnSequences = b;
        return self();
    }

    /** Keras's {@code return_state} (default false): also return the final states (LSTM: h and c). */
    public <T extends RNN> T returnState(boolean b) {
        this.returnState = b;
        return self();
    }

    /** Keras's {@code go_backwards} (default false): process the sequence backwards (outputs in that order). */
    public <T extends RNN> T goBackwards(boolean b) {
        this.goBackwards = b;
        return self();
    }

    /** Keras's {@code stateful} (default false): the last states of a batch start the next batch; needs a batch size. */
    public <T extends RNN> T stateful(boolean b) {
        this.stateful = b;
        return self();
    }

    /** Keras's {@code unroll}: accepted for compatibility; the fused kernel computes the same values either way. */
    public <T extends RNN> T unroll(boolean b) {
        this.unroll = b;
        return self();
    }

    /** Keras's {@code zero_output_for_mask} (default false): masked steps output zeros instead of the previous output. */
    public <T extends RNN> T zeroOutputForMask(boolean b) {
        this.zeroOutputForMask = b;
        return self();
    }

    /** The fixed batch size a stateful RNN needs (Keras's {@code batch_input_shape[0]} / {@code batch_shape[0]}). */
    public <T extends RNN> T batchSize(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("RNN '" + name() + "': the batch size must be positive; received " + n + ".");
        }
        this.batchSize = n;
        return self();
    }

    public boolean returnSequences() {
        return returnSequences;
    }

    public boolean returnState() {
        return returnState;
    }

    public boolean goBackwards() {
        return goBackwards;
    }

    public boolean stateful() {
        return stateful;
    }

    public boolean unroll() {
        return unroll;
    }

    /**
     * A new, unbuilt layer of the same class and configuration, with {@code go_backwards} flipped (Bidirectional's
     * default backward layer) and the given name.
     */
    public RNN reversedCopy(String newName) {
        RecurrentCell c = cell.freshCopy();
        RNN r = this instanceof LSTM ? new LSTM(c) : this instanceof GRU ? new GRU(c) : this instanceof SimpleRNN
                ? new SimpleRNN(c) : new RNN(c);
        r.returnSequences = returnSequences;
        r.returnState = returnState;
        r.goBackwards = !goBackwards;
        r.stateful = stateful;
        r.unroll = unroll;
        r.zeroOutputForMask = zeroOutputForMask;
        r.batchSize = batchSize;
        r.name(newName);
        return r;
    }

    /** Keras's {@code reset_states()}: a stateful RNN starts its next batch from zero states. */
    public void resetStates() {
        heldStates = null;
    }

    /** The held states of a stateful RNN (null before the first batch or after {@link #resetStates()}). */
    public List<Tensor> states() {
        return heldStates;
    }

    @Override
    protected int[] inputCount() {
        return new int[] {1, 1 + cell.stateCount()};
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        if (s.length != 3) {
            throw new IllegalArgumentException("Input 0 of layer \"" + name() + "\" is incompatible with the layer: "
                    + "expected ndim=3, found ndim=" + s.length + ". Full shape received: " + Arrays.toString(s)
                    + ". A recurrent layer needs [batch, timesteps, features]; reshape a 2-D input first.");
        }
        if (!cell.built()) {
            cell.buildFor(List.of(new int[] {-1, s[2]}));
        }
        setInputSpec(InputSpec.ndim(3).axis(-1, s[2]));
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        List<int[]> out = new ArrayList<>();
        out.add(returnSequences ? new int[] {s[0], s[1], cell.units} : new int[] {s[0], cell.units});
        if (returnState) {
            for (int k = 0; k < cell.stateCount(); k++) {
                out.add(new int[] {s[0], cell.units});
            }
        }
        return out;
    }

    @Override
    public List<Tensor> computeMask(List<Tensor> inputs, List<Tensor> masks) {
        Tensor m = masks == null || masks.isEmpty() ? null : masks.get(0);
        List<Tensor> out = new ArrayList<>();
        out.add(returnSequences ? m : null);
        if (returnState) {
            for (int k = 0; k < cell.stateCount(); k++) {
                out.add(null);
            }
        }
        return out;
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        int b = x.dim(0), t = x.dim(1), f = x.dim(2);
        Tensor mask = ctx.mask(0);
        if (mask != null) {
            if (mask.rank() != 2 || mask.dim(0) != b || mask.dim(1) != t) {
                throw new IllegalArgumentException("Layer '" + name() + "' (" + className() + "): the mask must have "
                        + "shape [batch, timesteps] = [" + b + ", " + t + "] to match the input " + Arrays.toString(x.shape())
                        + "; received a mask of shape " + Arrays.toString(mask.shape()) + ".");
            }
        }
        List<Tensor> states = inputs.size() > 1 ? new ArrayList<>(inputs.subList(1, inputs.size())) : null;
        if (states != null && states.size() != cell.stateCount()) {
            throw new IllegalArgumentException("Layer '" + name() + "' (" + className() + ") has " + cell.stateCount()
                    + " state(s) but was given " + states.size() + " initial state(s).");
        }
        if (states != null) {
            for (Tensor st : states) {
                if (st.rank() != 2 || st.dim(0) != b || st.dim(1) != cell.units) {
                    throw new IllegalArgumentException("Layer '" + name() + "': an initial state must have shape [" + b
                            + ", " + cell.units + "]; received " + Arrays.toString(st.shape()) + ".");
                }
            }
        }
        if (stateful) {
            if (batchSize < 0) {
                throw new IllegalArgumentException("If a RNN is stateful, it needs to know its batch size. Layer '"
                        + name() + "' has none: set it with .batchSize(n) (Keras: pass batch_shape to the Input or "
                        + "batch_input_shape to the first layer).");
            }
            if (b != batchSize) {
                throw new IllegalArgumentException("Stateful RNN '" + name() + "' was built for batch size " + batchSize
                        + " but received a batch of " + b + "; every batch of a stateful RNN must have that size.");
            }
            if (states == null && heldStates != null) {
                states = heldStates;
            }
        }
        Tensor[] drop = cell.dropoutMasks(b, f, ctx.training());
        if (drop[0] != null) {
            x = Ops.multiply(x, drop[0].reshape(b, 1, f));
        }
        Tensor packed = cell.sequence(x, states, mask, drop[1], goBackwards, zeroOutputForMask);
        List<Tensor> out = new ArrayList<>();
        out.add(returnSequences ? RecurrentOps.outputs(packed, t) : RecurrentOps.lastOutput(packed, t));
        List<Tensor> finals = new ArrayList<>();
        for (int k = 0; k < cell.stateCount(); k++) {
            finals.add(RecurrentOps.state(packed, t, k));
        }
        if (stateful) {
            List<Tensor> held = new ArrayList<>();
            for (Tensor s : finals) {
                held.add(s.copy());
            }
            heldStates = held;
        }
        if (returnState) {
            out.addAll(finals);
        }
        return out;
    }

    // ---------------------------------------------------------------- the cell's weights are this layer's

    @Override
    public List<Variable> weights() {
        return cell.weights();
    }

    @Override
    public List<Variable> trainableWeights() {
        return cell.trainableWeights();
    }

    @Override
    public List<Variable> nonTrainableWeights() {
        return cell.nonTrainableWeights();
    }

    @Override
    public long countParams() {
        return cell.countParams();
    }

    @Override
    public void setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        cell.setTrainable(trainable);
    }

    @Override
    public List<Tensor> losses() {
        List<Tensor> out = new ArrayList<>(cell.losses());
        out.addAll(super.losses());
        return out;
    }

    @Override
    public void applyConstraints() {
        cell.applyConstraints();
    }

    @Override
    public Regularizer regularizer(Variable variable) {
        return cell.regularizer(variable);
    }

    @Override
    public Constraint constraint(Variable variable) {
        return cell.constraint(variable);
    }

    @Override
    public Map<String, List<Variable>> variableGroups() {
        Map<String, List<Variable>> g = new LinkedHashMap<>();
        g.put("cell/vars", cell.built() ? cell.ordered() : List.of());
        return g;
    }

    /** The RNN keys Keras writes before the cell's. */
    Map<String, Object> rnnConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("return_sequences", returnSequences);
        c.put("return_state", returnState);
        c.put("go_backwards", goBackwards);
        c.put("stateful", stateful);
        c.put("unroll", unroll);
        c.put("zero_output_for_mask", zeroOutputForMask);
        return c;
    }

    /** The generic RNN's config: the RNN keys and the serialized {@code cell} (put by the saving code). */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = rnnConfig();
        c.put("cell", cell);
        return c;
    }

    /** Reads the RNN keys into {@code l}. */
    static <T extends RNN> T readRnn(T l, LayerConfig c) {
        l.returnSequences(c.bool("return_sequences", false));
        l.returnState(c.bool("return_state", false));
        l.goBackwards(c.bool("go_backwards", false));
        l.stateful(c.bool("stateful", false));
        l.unroll(c.bool("unroll", false));
        l.zeroOutputForMask(c.bool("zero_output_for_mask", false));
        return l;
    }

    /** Keras's {@code RNN.from_config} given the already deserialized cell. */
    public static RNN fromConfig(LayerConfig c, RecurrentCell cell) {
        return readRnn(new RNN(cell), c);
    }
}
