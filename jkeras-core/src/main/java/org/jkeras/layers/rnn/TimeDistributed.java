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
import org.jkeras.layers.NestedVariables;
import org.jkeras.ops.Ops;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code TimeDistributed} wrapper: applies one layer (the same weights) to every timestep of a
 * {@code [batch, timesteps, ...]} input, by folding the time axis into the batch ({@code [batch · timesteps, ...]})
 * for one call of the inner layer. A timestep mask passes through unchanged.
 *
 * <pre>{@code
 * Layer perStep = new TimeDistributed(new Dense(8, "relu"));     // [-1, 10, 16] -> [-1, 10, 8]
 * }</pre>
 */
public class TimeDistributed extends Layer implements NestedVariables {
    private final Layer layer;

    public TimeDistributed(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("TimeDistributed needs a layer to wrap (e.g. new Dense(8)); received null.");
        }
        this.layer = layer;
        setInputSpec(InputSpec.minNdim(3));
    }

    public Layer layer() {
        return layer;
    }

    private static int[] inner(int[] s) {
        int[] in = new int[s.length - 1];
        in[0] = s[0] < 0 || s[1] < 0 ? -1 : s[0] * s[1];
        System.arraycopy(s, 2, in, 1, s.length - 2);
        return in;
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        if (s.length < 3) {
            throw new IllegalArgumentException("TimeDistributed '" + name() + "' needs an input of rank >= 3 [batch, "
                    + "timesteps, ...]; received " + Arrays.toString(s) + ".");
        }
        int[] in = inner(s);
        in[0] = -1;
        if (!layer.built()) {
            layer.buildFor(List.of(in));
        }
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        int[] in = inner(s);
        in[0] = -1;
        int[] o = layer.computeOutputShape(List.of(in)).get(0);
        int[] out = new int[o.length + 1];
        out[0] = s[0];
        out[1] = s[1];
        System.arraycopy(o, 1, out, 2, o.length - 1);
        return List.of(out);
    }

    @Override
    protected boolean supportsMasking() {
        return true;
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        int[] s = x.shape();
        Tensor y = layer.callAll(List.of(Ops.reshape(x, inner(s))), ctx.training()).get(0);
        int[] ys = y.shape();
        int[] out = new int[ys.length + 1];
        out[0] = s[0];
        out[1] = s[1];
        System.arraycopy(ys, 1, out, 2, ys.length - 1);
        return List.of(Ops.reshape(y, out));
    }

    @Override
    public List<Variable> weights() {
        return layer.weights();
    }

    @Override
    public List<Variable> trainableWeights() {
        return layer.trainableWeights();
    }

    @Override
    public List<Variable> nonTrainableWeights() {
        return layer.nonTrainableWeights();
    }

    @Override
    public long countParams() {
        return layer.countParams();
    }

    @Override
    public void setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        if (layer != null) {
            layer.setTrainable(trainable);
        }
    }

    @Override
    public List<Tensor> losses() {
        List<Tensor> out = new ArrayList<>(layer.losses());
        out.addAll(super.losses());
        return out;
    }

    @Override
    public void applyConstraints() {
        layer.applyConstraints();
    }

    @Override
    public Regularizer regularizer(Variable v) {
        return layer.regularizer(v);
    }

    @Override
    public Constraint constraint(Variable v) {
        return layer.constraint(v);
    }

    @Override
    public Map<String, List<Variable>> variableGroups() {
        Map<String, List<Variable>> g = new LinkedHashMap<>();
        if (layer instanceof NestedVariables) {
            for (Map.Entry<String, List<Variable>> e : ((NestedVariables) layer).variableGroups().entrySet()) {
                g.put("layer/" + e.getKey(), e.getValue());
            }
        } else {
            List<Variable> v = new ArrayList<>(layer.trainableWeights());
            v.addAll(layer.nonTrainableWeights());
            g.put("layer/vars", v);
        }
        return g;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("layer", layer);
        return c;
    }
}
