package org.jkeras.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.constraints.Constraint;
import org.jkeras.initializers.Initializer;
import org.jkeras.ops.Ops;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;

/**
 * The base of every Keras layer. A layer is written in Keras's four parts, and nothing else:
 * <ul>
 *   <li>the constructor takes the required Keras arguments; each optional keyword argument is a fluent method of
 *       the same camelCase name ({@code new Dense(64, "relu").useBias(false)}), refused once the layer is built;</li>
 *   <li>{@link #build(List)} creates the variables with {@link #addWeight} once the input shapes are known;</li>
 *   <li>{@link #call(List, CallContext)} is the forward computation on a list of inputs, with differentiable ops
 *       ({@link CallContext} carries {@code training} and the masks);</li>
 *   <li>{@link #getConfig()} returns the constructor arguments under Keras's keys, and a static
 *       {@code fromConfig(LayerConfig)} beside it reads them back.</li>
 * </ul>
 * plus {@link #computeOutputShape(List)}. Everything else is the base's one call path, as Keras's
 * {@code Layer.__call__}: {@link #call(Tensor, boolean)}, {@link #callAll} and the symbolic {@link #apply} build the
 * layer on first use, check the number of inputs and each {@link InputSpec}, pass masks and the training flag, call
 * {@code call}, and record the activity-regularization loss of the outputs.
 *
 * <p>Shapes include the batch axis, written {@code -1} where Keras writes {@code None}: a Dense layer on
 * 784 features sees the input shape {@code [-1, 784]}.
 *
 * <pre>{@code
 * Dense dense = new Dense(10, "softmax");
 * Tensor probs = dense.call(x, false);     // builds for x's shape on first use
 * }</pre>
 */
public abstract class Layer {
    private String name;
    private boolean trainable = true;
    private boolean built;
    private int[] declaredInputShape;
    private List<int[]> builtInputShapes;
    private List<InputSpec> inputSpecs = List.of();
    private Regularizer activityRegularizer;
    private final LayerWeights weights = new LayerWeights();
    private final List<Tensor> activityLosses = new ArrayList<>();
    private final List<Node> inboundNodes = new ArrayList<>();

    protected Layer() {}

    // ------------------------------------------------------------------ what a layer writes

    /**
     * Creates the variables for these input shapes (batch axis {@code -1}), with {@link #addWeight}; may refine the
     * {@link #setInputSpec input spec} now that sizes are known. Called once, by the call path. The default creates
     * nothing.
     */
    protected void build(List<int[]> inputShapes) {}

    /**
     * The forward computation (Keras's {@code call}): one output per entry, with differentiable {@code Ops}. The
     * inputs have passed the input spec; {@code ctx} has the training flag and the input masks.
     */
    protected abstract List<Tensor> call(List<Tensor> inputs, CallContext ctx);

    /** The output shapes (batch axis {@code -1}) for these input shapes, one per output. */
    public abstract List<int[]> computeOutputShape(List<int[]> inputShapes);

    /**
     * How many inputs a call takes, {@code {min, max}}; the call path refuses other counts. One by default;
     * merging layers and models override it.
     */
    protected int[] inputCount() {
        return new int[] {1, 1};
    }

    /**
     * Keras's {@code supports_masking}: true when the layer passes its input mask on unchanged (elementwise layers);
     * the default {@link #computeMask} then propagates it. False by default, so a mask stops at this layer.
     */
    protected boolean supportsMasking() {
        return false;
    }

    /**
     * The output masks for these inputs and input masks (Keras's {@code compute_mask}): with
     * {@link #supportsMasking()} the first input's mask for every output, else null (no mask).
     */
    public List<Tensor> computeMask(List<Tensor> inputs, List<Tensor> masks) {
        if (!supportsMasking() || masks == null || masks.isEmpty() || masks.get(0) == null) {
            return null;
        }
        return java.util.Collections.singletonList(masks.get(0));
    }

    /** Sets what each input must look like (Keras's {@code self.input_spec}); one spec per input. */
    protected final void setInputSpec(InputSpec... specs) {
        this.inputSpecs = List.of(specs);
    }

    /** The input specs (empty when the layer checks nothing). */
    public final List<InputSpec> inputSpec() {
        return inputSpecs;
    }

    // ------------------------------------------------------------------ the name and the input shape

    /** The layer's name; generated from the class name ({@code dense}, {@code dense_1}, ...) unless set. */
    public String name() {
        if (name == null) {
            name = Names.unique(Names.snake(getClass().getSimpleName()));
        }
        return name;
    }

    /** Sets the name (Keras's {@code name=} argument); must be called before the layer is used. */
    @SuppressWarnings("unchecked")
    public <T extends Layer> T name(String newName) {
        if (newName == null || newName.isEmpty() || newName.contains("/")) {
            throw new IllegalArgumentException("Layer name must be a non-empty string without '/'; received: name='"
                    + newName + "'.");
        }
        this.name = newName;
        return (T) this;
    }

    /**
     * Declares the input shape without the batch axis (Keras's {@code input_shape=}), so a Sequential model
     * can build itself from its first layer.
     */
    @SuppressWarnings("unchecked")
    public <T extends Layer> T inputShape(int... shape) {
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("input_shape dimensions must be positive; received: input_shape="
                        + Arrays.toString(shape) + ".");
            }
        }
        int[] s = new int[shape.length + 1];
        s[0] = -1;
        System.arraycopy(shape, 0, s, 1, shape.length);
        this.declaredInputShape = s;
        return (T) this;
    }

    /** Keras 2's {@code input_dim=n}: same as {@code inputShape(n)}. */
    public <T extends Layer> T inputDim(int dim) {
        return inputShape(dim);
    }

    /** The declared input shape with the batch axis ({@code -1}), or null when none was declared. */
    public int[] declaredInputShape() {
        return declaredInputShape == null ? null : declaredInputShape.clone();
    }

    /** Keras's {@code layer.trainable}: false freezes every weight of the layer. */
    public boolean trainable() {
        return trainable;
    }

    public void setTrainable(boolean trainable) {
        this.trainable = trainable;
        for (Variable v : weights.all()) {
            v.setTrainable(trainable && !nonTrainableByNature(v));
        }
    }

    /** Overridden by layers whose state is never trained (BatchNormalization's moving statistics). */
    protected boolean nonTrainableByNature(Variable v) {
        return false;
    }

    /**
     * Keras's {@code activity_regularizer} (every layer has it; default none): each call records
     * {@code regularizer(output) / batch_size} per output in {@link #losses()}.
     */
    @SuppressWarnings("unchecked")
    public <T extends Layer> T activityRegularizer(Regularizer regularizer) {
        this.activityRegularizer = regularizer;
        return (T) this;
    }

    /** {@code activity_regularizer} by name, e.g. {@code "l2"}. */
    public <T extends Layer> T activityRegularizer(String regularizerName) {
        return activityRegularizer(org.jkeras.regularizers.Regularizers.get(regularizerName));
    }

    /** The activity regularizer, or null. */
    public Regularizer activityRegularizer() {
        return activityRegularizer;
    }

    // ------------------------------------------------------------------ the call path (Keras's __call__)

    public final boolean built() {
        return built;
    }

    /**
     * Refuses a change of constructor argument {@code what} (Keras's name, e.g. {@code "kernel_initializer"}) once the
     * layer is built: its weights already exist, so the option could no longer apply. Call it first in each option
     * setter.
     */
    protected final void requireUnbuilt(String what) {
        if (built) {
            throw new IllegalStateException("Cannot change " + what + " of layer '" + name() + "' after it was built. "
                    + "Set it before the layer is first called or added to a built model.");
        }
    }

    /** The input shape the layer was built with (batch axis {@code -1}; the first one for several inputs), or null. */
    public int[] builtInputShape() {
        return builtInputShapes == null ? null : builtInputShapes.get(0).clone();
    }

    /** The shapes the layer was built with, one per input, or null. */
    public List<int[]> builtInputShapes() {
        return builtInputShapes;
    }

    /** Builds the layer for one input shape (batch axis included), once: {@link #build(List)} of that one shape. */
    public final void build(int[] inputShape) {
        buildFor(List.<int[]>of(inputShape));
    }

    /**
     * Builds the layer for these input shapes, once (later calls do nothing): checks the number of inputs and the
     * input specs, then runs the layer's {@link #build(List)}.
     */
    public final void buildFor(List<int[]> inputShapes) {
        if (built) {
            return;
        }
        checkCount(inputShapes.size());
        List<int[]> copy = new ArrayList<>();
        for (int[] s : inputShapes) {
            copy.add(s.clone());
        }
        checkSpecs(copy);
        build(copy);
        builtInputShapes = Collections.unmodifiableList(copy);
        built = true;
    }

    /** The output shape of a one-input, one-output layer. */
    public final int[] computeOutputShape(int[] inputShape) {
        List<int[]> out = computeOutputShape(List.<int[]>of(inputShape));
        if (out.size() != 1) {
            throw new IllegalArgumentException("Layer '" + name() + "' has " + out.size() + " outputs; use "
                    + "computeOutputShape(List) to get all of them.");
        }
        return out.get(0);
    }

    /** Calls the layer on one tensor, as Keras's {@code layer(x, training=...)}; the layer must have one output. */
    public final Tensor call(Tensor input, boolean training) {
        List<Tensor> out = callAll(List.of(input), null, training);
        if (out.size() != 1) {
            throw new IllegalArgumentException("Layer '" + name() + "' has " + out.size() + " outputs; use callAll(...).");
        }
        return out.get(0);
    }

    /** {@link #call(Tensor, boolean)} at inference ({@code training=false}). */
    public final Tensor call(Tensor input) {
        return call(input, false);
    }

    /** Calls the layer on several tensors and returns every output. */
    public final List<Tensor> callAll(List<Tensor> inputs, boolean training) {
        return callAll(inputs, null, training);
    }

    /**
     * The one call path on real tensors (Keras's {@code Layer.__call__}): builds on first use, checks the inputs'
     * count and specs, calls {@link #call(List, CallContext)} with the masks ({@code masks} may be null) and the
     * training flag, and records the activity-regularization loss of the outputs.
     */
    public final List<Tensor> callAll(List<Tensor> inputs, List<Tensor> masks, boolean training) {
        if (inputs == null || inputs.isEmpty()) {
            throw new IllegalArgumentException("Layer '" + name() + "' (" + className() + ") was called on no inputs; "
                    + "pass at least one Tensor.");
        }
        List<int[]> shapes = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i) == null) {
                throw new IllegalArgumentException("Layer '" + name() + "' was called on a null input (position " + i + ").");
            }
            shapes.add(inputs.get(i).shape());
        }
        checkCount(shapes.size());
        checkSpecs(shapes); // on the shapes given, so a message shows them
        if (!built) {
            List<int[]> symbolic = new ArrayList<>(shapes.size());
            for (int[] s : shapes) {
                int[] c = s.clone();
                if (c.length > 0) {
                    c[0] = -1;
                }
                symbolic.add(c);
            }
            buildFor(symbolic);
            checkSpecs(shapes); // build may have refined the spec
        }
        List<Tensor> out = call(inputs, CallContext.of(training, masks));
        if (activityRegularizer != null) {
            activityLosses.clear();
            for (Tensor y : out) {
                // Keras 3 divides the activity penalty by the batch size.
                float batch = y.rank() > 0 ? y.dim(0) : 1;
                activityLosses.add(Ops.scale(activityRegularizer.apply(y), 1f / batch));
            }
        }
        return out;
    }

    private void checkCount(int n) {
        int[] c = inputCount();
        if (n < c[0] || n > c[1]) {
            String expected = c[0] == c[1] ? (c[0] == 1 ? "one input" : "exactly " + c[0] + " inputs")
                    : "at least " + c[0] + " inputs";
            throw new IllegalArgumentException("Layer '" + name() + "' (" + className() + ") takes " + expected
                    + " but was given " + n + "." + (c[1] == 1 ? " Merge several inputs first (e.g. Concatenate)."
                    : " Pass them together, e.g. layer.apply(a, b)."));
        }
    }

    private void checkSpecs(List<int[]> shapes) {
        for (int i = 0; i < shapes.size() && i < inputSpecs.size(); i++) {
            inputSpecs.get(i).check(shapes.get(i), i, name());
        }
    }

    // ------------------------------------------------------------------ functional API

    /**
     * Calls the layer on symbolic tensors (Keras's {@code layer(x)} in the functional API): builds it for their
     * shapes if needed, records a {@link Node}, and returns the symbolic output. Applying the same layer again
     * reuses its weights (a shared layer).
     *
     * @throws IllegalArgumentException when the layer has several outputs (use {@link #applyAll})
     */
    public final KerasTensor apply(KerasTensor... inputs) {
        List<KerasTensor> out = applyAll(List.of(checkSymbolic(inputs)));
        if (out.size() != 1) {
            throw new IllegalArgumentException("Layer '" + name() + "' has " + out.size() + " outputs; use applyAll(...) "
                    + "to get all of them.");
        }
        return out.get(0);
    }

    /** {@link #apply} on a list of symbolic tensors (e.g. {@code new Concatenate().apply(List.of(a, b))}). */
    public final KerasTensor apply(List<KerasTensor> inputs) {
        return apply(inputs.toArray(new KerasTensor[0]));
    }

    /** Calls the layer on symbolic tensors and returns every output (for layers and models with several). */
    public final List<KerasTensor> applyAll(List<KerasTensor> inputs) {
        name(); // an automatic name is taken now, so layers are numbered in the order they are applied, as in Keras
        checkSymbolic(inputs.toArray(new KerasTensor[0]));
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("Layer '" + name() + "' was applied to no inputs; pass at least one "
                    + "KerasTensor (from Input.of(...) or another layer).");
        }
        List<int[]> shapes = new ArrayList<>();
        for (KerasTensor t : inputs) {
            shapes.add(t.shape());
        }
        if (!built) {
            buildFor(shapes);
        } else {
            checkCount(shapes.size());
            checkSpecs(shapes);
        }
        List<int[]> outShapes = computeOutputShape(shapes);
        Node node = addNode(new ArrayList<>(inputs));
        List<KerasTensor> outs = new ArrayList<>();
        for (int i = 0; i < outShapes.size(); i++) {
            outs.add(new KerasTensor(outShapes.get(i), this, node.index(), i, Names.unique("keras_tensor")));
        }
        node.setOutputs(outs);
        return Collections.unmodifiableList(outs);
    }

    private KerasTensor[] checkSymbolic(KerasTensor[] inputs) {
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new IllegalArgumentException("Layer '" + name() + "' was applied to a null input (position " + i
                        + "); pass KerasTensors from Input.of(...) or other layers.");
            }
        }
        return inputs;
    }

    /**
     * Records the input node of an input layer (no inbound tensors) and returns its one symbolic output, named
     * {@code tensorName}; {@code core.InputLayer} calls it once for {@code keras.Input(...)}.
     */
    protected final KerasTensor addInputNode(int[] batchShape, String tensorName) {
        Node node = addNode(List.of());
        KerasTensor t = new KerasTensor(batchShape, this, node.index(), 0, tensorName);
        node.setOutputs(List.of(t));
        return t;
    }

    Node addNode(List<KerasTensor> inputs) {
        Node node = new Node(this, inboundNodes.size(), inputs);
        inboundNodes.add(node);
        return node;
    }

    /** The calls of this layer in functional graphs, in order (Keras's {@code _inbound_nodes}). */
    public List<Node> inboundNodes() {
        return Collections.unmodifiableList(inboundNodes);
    }

    /** {@code [(None, 3), (None, 5)]}. */
    protected static String describeShapes(List<int[]> shapes) {
        List<String> parts = new ArrayList<>();
        for (int[] s : shapes) {
            parts.add(Shapes.describe(s));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** Creates a variable initialised from a fresh seed of the global stream. */
    protected final Variable addWeight(String weightName, int[] shape, Initializer initializer, boolean trainable) {
        return addWeight(weightName, shape, initializer, trainable, null, null);
    }

    /**
     * Creates a variable with a regularizer and a constraint (either may be null), Keras's
     * {@code add_weight(..., regularizer=, constraint=)}: the regularizer's penalty on the variable appears in
     * {@link #losses()} while the variable is trainable, and the constraint is applied by {@link #applyConstraints()}.
     *
     * <pre>{@code
     * kernel = addWeight("kernel", new int[] {in, units}, init, true, new L2(1e-4), new MaxNorm(3));
     * }</pre>
     */
    protected final Variable addWeight(String weightName, int[] shape, Initializer initializer, boolean trainable,
                                       Regularizer regularizer, Constraint constraint) {
        Variable v = new Variable(weightName, initializer.init(shape, Seeds.next()), trainable && this.trainable);
        return weights.add(v, regularizer, constraint);
    }

    /**
     * Keras's {@code layer.losses}: the current regularization penalties, as differentiable scalar tensors computed
     * now from the variables with {@link Ops} (so under a recording tape they carry gradients to the weights) — one
     * per regularized trainable weight, in weight order — followed by the activity-regularization losses of the last
     * {@code call}. The training loop adds their sum to the loss. A frozen layer ({@code setTrainable(false)})
     * contributes no weight penalties, as in Keras.
     *
     * <pre>{@code
     * Tensor total = loss;
     * for (Tensor t : layer.losses()) total = Ops.add(total, t);
     * }</pre>
     */
    public List<Tensor> losses() {
        List<Tensor> out = weights.penalties();
        out.addAll(activityLosses);
        return out;
    }

    /**
     * Applies each weight's constraint in place ({@code w = constraint(w)}), for trainable weights only, as Keras's
     * optimizer does after every update. <b>The training loop calls this on every layer after each optimizer
     * step</b> ({@code optimizer.apply(...)}; then {@code for (Layer l : layers) l.applyConstraints();}).
     */
    public void applyConstraints() {
        weights.applyConstraints();
    }

    /** The regularizer of {@code variable}, or null. */
    public Regularizer regularizer(Variable variable) {
        return weights.regularizer(variable);
    }

    /** The constraint of {@code variable}, or null. */
    public Constraint constraint(Variable variable) {
        return weights.constraint(variable);
    }

    /** All variables in creation order (Keras's {@code layer.weights}). */
    public List<Variable> weights() {
        return weights.all();
    }

    public List<Variable> trainableWeights() {
        return weights.withTrainable(true);
    }

    public List<Variable> nonTrainableWeights() {
        return weights.withTrainable(false);
    }

    /** Number of scalars in all weights. */
    public long countParams() {
        return weights.count();
    }

    /** The Keras class name, e.g. {@code "Dense"}. */
    public String className() {
        return getClass().getSimpleName();
    }

    /** The constructor arguments as Keras writes them in a config ({@code name}, {@code trainable}, ...). */
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name());
        c.put("trainable", trainable);
        c.put("dtype", "float32");
        if (activityRegularizer != null) {
            c.put("activity_regularizer", activityRegularizer.serialize()); // Keras writes it only when set
        }
        return c;
    }

    /**
     * Reads the keys every layer has ({@code name}, {@code trainable}, {@code activity_regularizer}) from a config
     * into this layer: the base half of each layer's {@code fromConfig}, applied by the saving registry.
     */
    public final void readBaseConfig(LayerConfig c) {
        if (c.has("name")) {
            name(c.string("name", null));
        }
        setTrainable(c.bool("trainable", true));
        if (c.has("activity_regularizer")) {
            activityRegularizer(c.regularizer("activity_regularizer"));
        }
    }

    @Override
    public String toString() {
        return className() + "(" + name() + ")";
    }
}
