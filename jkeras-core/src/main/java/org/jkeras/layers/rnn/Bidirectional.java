package org.jkeras.layers.rnn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.constraints.Constraint;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.Layer;
import org.jkeras.layers.NestedVariables;
import org.jkeras.ops.Ops;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Bidirectional} wrapper: runs a recurrent layer forwards and a copy of it backwards
 * ({@code go_backwards} flipped, or the given {@code backward_layer}) and merges the two outputs with
 * {@code merge_mode} {@code "concat"} (default, last axis), {@code "sum"}, {@code "mul"}, {@code "ave"} or
 * {@code null} (both outputs returned). With {@code return_sequences} the backward outputs are reversed back into
 * time order first. With {@code return_state}: the merged output, then the forward states, then the backward ones.
 *
 * <pre>{@code
 * Layer bi = new Bidirectional(new LSTM(16).returnSequences(true));          // [-1, T, 32]
 * Layer sum = new Bidirectional(new GRU(8), "sum", null);                    // [-1, 8]
 * }</pre>
 */
public class Bidirectional extends Layer implements NestedVariables {
    private final RNN forward, backward;
    private final String mergeMode;

    public Bidirectional(RNN layer) {
        this(layer, "concat", null);
    }

    /** {@code backwardLayer} may be null (a copy of {@code layer} going backwards). */
    public Bidirectional(RNN layer, String mergeMode, RNN backwardLayer) {
        if (layer == null) {
            throw new IllegalArgumentException("Bidirectional needs a recurrent layer (e.g. new LSTM(16)); received null.");
        }
        if (mergeMode != null && !List.of("concat", "sum", "mul", "ave").contains(mergeMode)) {
            throw new IllegalArgumentException("Invalid merge mode. Received: " + mergeMode + ". Merge mode should be "
                    + "one of {\"sum\", \"mul\", \"ave\", \"concat\", None}");
        }
        this.mergeMode = mergeMode;
        this.forward = layer;
        String base = layer.name().startsWith("forward_") ? layer.name().substring("forward_".length()) : layer.name();
        layer.name("forward_" + base);
        if (backwardLayer == null) {
            this.backward = layer.reversedCopy("backward_" + base);
        } else {
            if (backwardLayer.returnSequences() != layer.returnSequences()
                    || backwardLayer.returnState() != layer.returnState()) {
                throw new IllegalArgumentException("Forward layer and backward layer should have the same "
                        + "return_sequences and return_state; received forward (" + layer.returnSequences() + ", "
                        + layer.returnState() + ") and backward (" + backwardLayer.returnSequences() + ", "
                        + backwardLayer.returnState() + ").");
            }
            this.backward = backwardLayer;
        }
        setInputSpec(InputSpec.ndim(3));
    }

    public RNN forwardLayer() {
        return forward;
    }

    public RNN backwardLayer() {
        return backward;
    }

    public String mergeMode() {
        return mergeMode;
    }

    @Override
    protected int[] inputCount() {
        return new int[] {1, 1 + 2 * forward.cell().stateCount()};
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        forward.buildFor(List.of(inputShapes.get(0)));
        backward.buildFor(List.of(inputShapes.get(0)));
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        List<int[]> f = forward.computeOutputShape(List.of(inputShapes.get(0)));
        List<int[]> b = backward.computeOutputShape(List.of(inputShapes.get(0)));
        List<int[]> out = new ArrayList<>();
        if (mergeMode == null) {
            out.add(f.get(0));
            out.add(b.get(0));
        } else if (mergeMode.equals("concat")) {
            int[] s = f.get(0).clone();
            s[s.length - 1] += b.get(0)[s.length - 1];
            out.add(s);
        } else {
            out.add(f.get(0));
        }
        out.addAll(f.subList(1, f.size()));
        out.addAll(b.subList(1, b.size()));
        return out;
    }

    @Override
    public List<Tensor> computeMask(List<Tensor> inputs, List<Tensor> masks) {
        Tensor m = forward.returnSequences() && masks != null && !masks.isEmpty() ? masks.get(0) : null;
        List<Tensor> out = new ArrayList<>();
        int n = (mergeMode == null ? 2 : 1) + (forward.returnState() ? 2 * forward.cell().stateCount() : 0);
        for (int i = 0; i < n; i++) {
            out.add(i < (mergeMode == null ? 2 : 1) ? m : null);
        }
        return out;
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        List<Tensor> masks = ctx.mask(0) == null ? null : java.util.Collections.singletonList(ctx.mask(0));
        int k = forward.cell().stateCount();
        List<Tensor> fIn = new ArrayList<>(List.of(x)), bIn = new ArrayList<>(List.of(x));
        if (inputs.size() > 1) {
            if (inputs.size() != 1 + 2 * k) {
                throw new IllegalArgumentException("Bidirectional '" + name() + "' needs " + 2 * k + " initial states "
                        + "(forward then backward); received " + (inputs.size() - 1) + ".");
            }
            fIn.addAll(inputs.subList(1, 1 + k));
            bIn.addAll(inputs.subList(1 + k, 1 + 2 * k));
        }
        List<Tensor> f = forward.callAll(fIn, masks == null ? null : pad(masks, fIn.size()), ctx.training());
        List<Tensor> b = backward.callAll(bIn, masks == null ? null : pad(masks, bIn.size()), ctx.training());
        Tensor yf = f.get(0), yb = b.get(0);
        if (forward.returnSequences()) {
            yb = reverseTime(yb);
        }
        List<Tensor> out = new ArrayList<>();
        if (mergeMode == null) {
            out.add(yf);
            out.add(yb);
        } else {
            switch (mergeMode) {
                case "concat": out.add(Ops.concatenate(new Tensor[] {yf, yb}, yf.rank() - 1)); break;
                case "sum": out.add(Ops.add(yf, yb)); break;
                case "mul": out.add(Ops.multiply(yf, yb)); break;
                default: out.add(Ops.scale(Ops.add(yf, yb), 0.5f)); break;
            }
        }
        out.addAll(f.subList(1, f.size()));
        out.addAll(b.subList(1, b.size()));
        return out;
    }

    private static List<Tensor> pad(List<Tensor> masks, int n) {
        List<Tensor> m = new ArrayList<>(masks);
        while (m.size() < n) {
            m.add(null);
        }
        return m;
    }

    /** Reverses axis 1 of {@code [B, T, u]} differentiably (its own inverse). */
    static Tensor reverseTime(Tensor y) {
        int t = y.dim(1);
        Tensor[] steps = new Tensor[t];
        for (int s = 0; s < t; s++) {
            steps[t - 1 - s] = org.jkeras.ops.ShapeOps.crop(y, new int[][] {{0, 0}, {s, t - 1 - s}, {0, 0}});
        }
        return Ops.concatenate(steps, 1);
    }

    // ---------------------------------------------------------------- weights of both layers

    @Override
    public List<Variable> weights() {
        List<Variable> v = new ArrayList<>(forward.weights());
        v.addAll(backward.weights());
        return v;
    }

    @Override
    public List<Variable> trainableWeights() {
        List<Variable> v = new ArrayList<>(forward.trainableWeights());
        v.addAll(backward.trainableWeights());
        return v;
    }

    @Override
    public List<Variable> nonTrainableWeights() {
        List<Variable> v = new ArrayList<>(forward.nonTrainableWeights());
        v.addAll(backward.nonTrainableWeights());
        return v;
    }

    @Override
    public long countParams() {
        return forward.countParams() + backward.countParams();
    }

    @Override
    public void setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        if (forward != null) {
            forward.setTrainable(trainable);
            backward.setTrainable(trainable);
        }
    }

    @Override
    public List<Tensor> losses() {
        List<Tensor> out = new ArrayList<>(forward.losses());
        out.addAll(backward.losses());
        out.addAll(super.losses());
        return out;
    }

    @Override
    public void applyConstraints() {
        forward.applyConstraints();
        backward.applyConstraints();
    }

    @Override
    public Regularizer regularizer(Variable v) {
        Regularizer r = forward.regularizer(v);
        return r != null ? r : backward.regularizer(v);
    }

    @Override
    public Constraint constraint(Variable v) {
        Constraint c = forward.constraint(v);
        return c != null ? c : backward.constraint(v);
    }

    @Override
    public Map<String, List<Variable>> variableGroups() {
        Map<String, List<Variable>> g = new LinkedHashMap<>();
        g.put("forward_layer/cell/vars", forward.variableGroups().get("cell/vars"));
        g.put("backward_layer/cell/vars", backward.variableGroups().get("cell/vars"));
        return g;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("merge_mode", mergeMode);
        c.put("layer", forward);
        c.put("backward_layer", backward);
        return c;
    }

}
