package org.jkeras.layers.rnn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jkeras.autodiff.Variable;
import org.jkeras.constraints.Constraint;
import org.jkeras.initializers.Initializer;
import org.jkeras.initializers.Initializers;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.Ops;
import org.jkeras.ops.RecurrentOps;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;

/**
 * What Keras's {@code SimpleRNNCell}, {@code LSTMCell} and {@code GRUCell} share: {@code units}, the activations, the
 * {@code kernel} / {@code recurrent_kernel} / {@code bias} weights with their initializers, regularizers and
 * constraints, {@code dropout} and {@code recurrent_dropout}. A cell processes one timestep when called on
 * {@code [x_t, state...]}; an {@link RNN} runs it over a whole sequence with the fused kernel of {@link RecurrentOps}.
 *
 * <pre>{@code
 * LSTMCell cell = new LSTMCell(16).recurrentDropout(0.1);
 * Layer rnn = new RNN(cell).returnSequences(true);
 * }</pre>
 */
public abstract class RecurrentCell extends Layer {
    final int units;
    String activation = "tanh";
    String recurrentActivation = "sigmoid";
    boolean useBias = true;
    Initializer kernelInitializer = Initializers.get("glorot_uniform");
    Initializer recurrentInitializer = Initializers.get("orthogonal");
    Initializer biasInitializer = Initializers.get("zeros");
    Regularizer kernelRegularizer, recurrentRegularizer, biasRegularizer;
    Constraint kernelConstraint, recurrentConstraint, biasConstraint;
    double dropout, recurrentDropout;
    Long seed;
    Variable kernel, recurrentKernel, bias;
    private SplittableRandom random;

    RecurrentCell(int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("Received an invalid value for argument `units`, expected a positive "
                    + "integer, got " + units + ".");
        }
        this.units = units;
    }

    /** A new, unbuilt cell with this cell's configuration (Keras's {@code from_config(get_config())}). */
    abstract RecurrentCell freshCopy();

    /** Copies the shared configuration into {@code c}; returns it. */
    <T extends RecurrentCell> T copyInto(T c) {
        c.activation = activation;
        c.recurrentActivation = recurrentActivation;
        c.useBias = useBias;
        c.kernelInitializer = kernelInitializer;
        c.recurrentInitializer = recurrentInitializer;
        c.biasInitializer = biasInitializer;
        c.kernelRegularizer = kernelRegularizer;
        c.recurrentRegularizer = recurrentRegularizer;
        c.biasRegularizer = biasRegularizer;
        c.kernelConstraint = kernelConstraint;
        c.recurrentConstraint = recurrentConstraint;
        c.biasConstraint = biasConstraint;
        c.dropout = dropout;
        c.recurrentDropout = recurrentDropout;
        c.seed = seed;
        return c;
    }

    /** Gates per unit: 1 (SimpleRNN), 4 (LSTM), 3 (GRU). */
    abstract int gates();

    /** States per sample (LSTM: h and c). */
    public int stateCount() {
        return 1;
    }

    public int units() {
        return units;
    }

    @SuppressWarnings("unchecked")
    private <T extends RecurrentCell> T self() {
        return (T) this;
    }

    public <T extends RecurrentCell> T activation(String name) {
        requireUnbuilt("activation");
        RecurrentOps.activationCode(name, className());
        this.activation = name == null ? "linear" : name;
        return self();
    }

    public <T extends RecurrentCell> T recurrentActivation(String name) {
        requireUnbuilt("recurrent_activation");
        RecurrentOps.activationCode(name, className());
        this.recurrentActivation = name == null ? "linear" : name;
        return self();
    }

    public <T extends RecurrentCell> T useBias(boolean b) {
        requireUnbuilt("use_bias");
        this.useBias = b;
        return self();
    }

    public <T extends RecurrentCell> T kernelInitializer(Initializer i) {
        requireUnbuilt("kernel_initializer");
        this.kernelInitializer = i;
        return self();
    }

    public <T extends RecurrentCell> T recurrentInitializer(Initializer i) {
        requireUnbuilt("recurrent_initializer");
        this.recurrentInitializer = i;
        return self();
    }

    public <T extends RecurrentCell> T biasInitializer(Initializer i) {
        requireUnbuilt("bias_initializer");
        this.biasInitializer = i;
        return self();
    }

    public <T extends RecurrentCell> T kernelRegularizer(Regularizer r) {
        this.kernelRegularizer = r;
        return self();
    }

    public <T extends RecurrentCell> T recurrentRegularizer(Regularizer r) {
        this.recurrentRegularizer = r;
        return self();
    }

    public <T extends RecurrentCell> T biasRegularizer(Regularizer r) {
        this.biasRegularizer = r;
        return self();
    }

    public <T extends RecurrentCell> T kernelConstraint(Constraint c) {
        this.kernelConstraint = c;
        return self();
    }

    public <T extends RecurrentCell> T recurrentConstraint(Constraint c) {
        this.recurrentConstraint = c;
        return self();
    }

    public <T extends RecurrentCell> T biasConstraint(Constraint c) {
        this.biasConstraint = c;
        return self();
    }

    /** Keras's {@code dropout}: fraction of the input units dropped (one mask per sample for all timesteps). */
    public <T extends RecurrentCell> T dropout(double rate) {
        this.dropout = checkRate(rate, "dropout");
        return self();
    }

    /** Keras's {@code recurrent_dropout}: fraction of the state units dropped in the recurrent product. */
    public <T extends RecurrentCell> T recurrentDropout(double rate) {
        this.recurrentDropout = checkRate(rate, "recurrent_dropout");
        return self();
    }

    public <T extends RecurrentCell> T seed(Long s) {
        this.seed = s;
        return self();
    }

    private double checkRate(double rate, String what) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException(className() + ": `" + what + "` must be a float between 0 and 1; "
                    + "received " + what + "=" + rate + ".");
        }
        return Math.min(1.0, Math.max(0.0, rate));
    }

    public String activation() {
        return activation;
    }

    public String recurrentActivation() {
        return recurrentActivation;
    }

    public double dropout() {
        return dropout;
    }

    public double recurrentDropout() {
        return recurrentDropout;
    }

    public Variable kernel() {
        return kernel;
    }

    public Variable recurrentKernel() {
        return recurrentKernel;
    }

    public Variable bias() {
        return bias;
    }

    /** Keras's variable order: kernel, recurrent_kernel, bias. */
    List<Variable> ordered() {
        List<Variable> v = new ArrayList<>(List.of(kernel, recurrentKernel));
        if (bias != null) {
            v.add(bias);
        }
        return v;
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        int features = s[s.length - 1];
        if (features <= 0) {
            throw new IllegalArgumentException(className() + " '" + name() + "' needs a known feature dimension; "
                    + "received input shape " + java.util.Arrays.toString(s) + ".");
        }
        int gu = gates() * units;
        kernel = addWeight("kernel", new int[] {features, gu}, kernelInitializer, true, kernelRegularizer,
                kernelConstraint);
        recurrentKernel = addWeight("recurrent_kernel", new int[] {units, gu}, recurrentInitializer, true,
                recurrentRegularizer, recurrentConstraint);
        if (useBias) {
            bias = addWeight("bias", biasShape(), biasInit(), true, biasRegularizer, biasConstraint);
        }
    }

    int[] biasShape() {
        return new int[] {gates() * units};
    }

    Initializer biasInit() {
        return biasInitializer;
    }

    /** The dropout masks for one call (null when not training or rate 0): input {@code [B, F]}, recurrent {@code [B, u]}. */
    Tensor[] dropoutMasks(int batch, int features, boolean training) {
        Tensor in = null, rec = null;
        if (training && (dropout > 0 || recurrentDropout > 0)) {
            if (random == null) {
                random = new SplittableRandom(seed != null ? seed : Seeds.next());
            }
            if (dropout > 0) {
                in = keepMask(batch * features, dropout).reshape(batch, features);
            }
            if (recurrentDropout > 0) {
                rec = keepMask(batch * units, recurrentDropout).reshape(batch, units);
            }
        }
        return new Tensor[] {in, rec};
    }

    private Tensor keepMask(int n, double rate) {
        float keep = rate >= 1 ? 0f : (float) (1.0 / (1.0 - rate));
        float[] m = new float[n];
        for (int i = 0; i < n; i++) {
            m[i] = random.nextDouble() >= rate ? keep : 0f;
        }
        return Tensor.of(m, n);
    }

    /**
     * Runs the cell over a whole sequence {@code x [B, T, F]} with the fused kernel; returns the packed result of
     * {@link RecurrentOps} ({@code [B, T + states, u]}). {@code states} may be null (zeros).
     */
    abstract Tensor sequence(Tensor x, List<Tensor> states, Tensor mask, Tensor recMask, boolean goBackwards,
                             boolean zeroOutputForMask);

    /** One step, Keras's {@code cell(x_t, states)}: inputs {@code [x_t, state...]}, outputs {@code [h, state...]}. */
    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        if (x.rank() != 2) {
            throw new IllegalArgumentException(className() + " '" + name() + "' processes one timestep: expected an input "
                    + "[batch, features]; received shape " + java.util.Arrays.toString(x.shape()) + ".");
        }
        int b = x.dim(0), f = x.dim(1);
        Tensor[] masks = dropoutMasks(b, f, ctx.training());
        if (masks[0] != null) {
            x = Ops.multiply(x, masks[0]);
        }
        List<Tensor> states = inputs.size() > 1 ? inputs.subList(1, inputs.size()) : null;
        Tensor packed = sequence(Ops.reshape(x, b, 1, f), states, null, masks[1], false, false);
        List<Tensor> out = new ArrayList<>();
        out.add(RecurrentOps.state(packed, 1, 0));
        for (int k = 0; k < stateCount(); k++) {
            out.add(RecurrentOps.state(packed, 1, k));
        }
        return out;
    }

    @Override
    protected int[] inputCount() {
        return new int[] {1, 1 + stateCount()};
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        List<int[]> out = new ArrayList<>();
        for (int k = 0; k <= stateCount(); k++) {
            out.add(new int[] {s[0], units});
        }
        return out;
    }

    /** The config keys of the cell (without the base keys), in Keras's order; shared with the RNN layers' configs. */
    abstract Map<String, Object> cellConfig();

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.putAll(cellConfig());
        return c;
    }

    static Object ser(Regularizer r) {
        return r == null ? null : r.serialize();
    }

    static Object ser(Constraint c) {
        return c == null ? null : c.serialize();
    }

    /** Reads the keys all cells share. */
    void readCommon(LayerConfig c, boolean keras2) {
        String act = c.string("activation", "tanh");
        activation(act);
        if (c.has("recurrent_activation")) {
            String ra = c.string("recurrent_activation", "sigmoid");
            // Keras 2 defined hard_sigmoid as clip(0.2x + 0.5, 0, 1); Keras 3 as relu6(x + 3) / 6.
            recurrentActivation(keras2 && "hard_sigmoid".equals(ra) ? "hard_sigmoid_keras2" : ra);
        }
        useBias(c.bool("use_bias", true));
        kernelInitializer(c.initializer("kernel_initializer", "glorot_uniform"));
        recurrentInitializer(c.initializer("recurrent_initializer", "orthogonal"));
        biasInitializer(c.initializer("bias_initializer", "zeros"));
        kernelRegularizer(c.regularizer("kernel_regularizer"));
        recurrentRegularizer(c.regularizer("recurrent_regularizer"));
        biasRegularizer(c.regularizer("bias_regularizer"));
        kernelConstraint(c.constraint("kernel_constraint"));
        recurrentConstraint(c.constraint("recurrent_constraint"));
        biasConstraint(c.constraint("bias_constraint"));
        dropout(c.number("dropout", 0));
        recurrentDropout(c.number("recurrent_dropout", 0));
        if (c.get("seed") != null) {
            seed((long) c.number("seed", 0));
        }
    }

    /** True for a config Keras 2 wrote (it has {@code implementation}, which Keras 3 no longer writes). */
    static boolean isKeras2(LayerConfig c) {
        return c.has("implementation");
    }

    Map<String, Object> commonConfig(boolean withRecurrentActivation) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("units", units);
        c.put("activation", activation.equals("hard_sigmoid_keras2") ? "hard_sigmoid" : activation);
        if (withRecurrentActivation) {
            c.put("recurrent_activation", recurrentActivation.equals("hard_sigmoid_keras2") ? "hard_sigmoid"
                    : recurrentActivation);
        }
        c.put("use_bias", useBias);
        c.put("kernel_initializer", kernelInitializer);
        c.put("recurrent_initializer", recurrentInitializer);
        c.put("bias_initializer", biasInitializer);
        return c;
    }

    void putRegularizersAndRest(Map<String, Object> c) {
        c.put("kernel_regularizer", ser(kernelRegularizer));
        c.put("recurrent_regularizer", ser(recurrentRegularizer));
        c.put("bias_regularizer", ser(biasRegularizer));
        c.put("kernel_constraint", ser(kernelConstraint));
        c.put("recurrent_constraint", ser(recurrentConstraint));
        c.put("bias_constraint", ser(biasConstraint));
        c.put("dropout", dropout);
        c.put("recurrent_dropout", recurrentDropout);
    }
}
