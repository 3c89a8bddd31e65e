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
 * The base of every Keras layer, in Keras's four parts: the constructor takes and validates the Keras
 * arguments; {@link #build} creates the variables once the input shape is known; {@link #call} is the forward
 * computation only (with differentiable ops); {@link #getConfig} returns the constructor arguments.
 *
 * <p>Shapes include the batch axis, written {@code -1} where Keras writes {@code None}: a Dense layer on
 * 784 features sees the input shape {@code [-1, 784]}.
 *
 * <pre>{@code
 * Dense dense = new Dense(10, "softmax");
 * dense.build(new int[] {-1, 784});
 * Tensor probs = dense.call(x, false);
 * }</pre>
 */
public abstract class Layer {
    private String name;
    private boolean trainable = true;
    private boolean built;
    private int[] declaredInputShape;
    private int[] builtInputShape;
    private final List<Variable> weights = new ArrayList<>();
    private final Map<Variable, Regularizer> regularizers = new java.util.IdentityHashMap<>();
    private final Map<Variable, Constraint> constraints = new java.util.IdentityHashMap<>();
    private final List<Tensor> activityLosses = new ArrayList<>();
    private final List<Node> inboundNodes = new ArrayList<>();
    private List<int[]> builtInputShapes;

    protected Layer() {}

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
        for (Variable v : weights) {
            v.setTrainable(trainable && !nonTrainableByNature(v));
        }
    }

    /** Overridden by layers whose state is never trained (BatchNormalization's moving statistics). */
    protected boolean nonTrainableByNature(Variable v) {
        return false;
    }

    public boolean built() {
        return built;
    }

    /** The input shape the layer was built with (batch axis {@code -1}), or null. */
    public int[] builtInputShape() {
        return builtInputShape == null ? null : builtInputShape.clone();
    }

    /** Creates the variables for {@code inputShape} (batch axis included), once. */
    public void build(int[] inputShape) {
        if (built) {
            return;
        }
        doBuild(inputShape.clone());
        builtInputShape = inputShape.clone();
        built = true;
    }

    /** Where subclasses create their variables with {@link #addWeight}. */
    protected void doBuild(int[] inputShape) {}

    /** The output shape for an input shape (batch axis {@code -1} passes through). */
    public abstract int[] computeOutputShape(int[] inputShape);

    /** The forward computation; {@code training} switches layers such as Dropout. */
    public abstract Tensor call(Tensor input, boolean training);

    // ------------------------------------------------------------------ several inputs / outputs

    /**
     * Builds for several inputs (a merge layer, a model with several inputs). One shape goes to
     * {@link #build(int[])}; several go to {@link #doBuild(List)} once.
     */
    public void build(List<int[]> inputShapes) {
        if (inputShapes.size() == 1) {
            build(inputShapes.get(0));
            return;
        }
        if (built) {
            return;
        }
        List<int[]> copy = new ArrayList<>();
        for (int[] s : inputShapes) {
            copy.add(s.clone());
        }
        doBuild(copy);
        builtInputShapes = copy;
        built = true;
    }

    /** Where layers with several inputs check their shapes and create variables; single-input layers refuse. */
    protected void doBuild(List<int[]> inputShapes) {
        throw new IllegalArgumentException("Layer '" + name() + "' (" + className() + ") takes one input but was given "
                + inputShapes.size() + ": " + describeShapes(inputShapes) + ". Merge them first (e.g. Concatenate).");
    }

    /** The shapes a multi-input layer was built with, or null. */
    public List<int[]> builtInputShapes() {
        return builtInputShapes;
    }

    /**
     * Output shapes for several inputs (one per output). The default serves single-input, single-output layers
     * through {@link #computeOutputShape(int[])}.
     */
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        if (inputShapes.size() != 1) {
            doBuild(inputShapes); // refuses with the message of a single-input layer
        }
        return List.of(computeOutputShape(inputShapes.get(0)));
    }

    /**
     * The forward computation on several inputs, returning every output (Keras's {@code call} on a list). The
     * default serves single-input, single-output layers through {@link #call(Tensor, boolean)}.
     */
    public List<Tensor> callAll(List<Tensor> inputs, boolean training) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("Layer '" + name() + "' (" + className() + ") takes one input but was "
                    + "called on " + inputs.size() + ".");
        }
        return List.of(call(inputs.get(0), training));
    }

    // ------------------------------------------------------------------ functional API

    /**
     * Calls the layer on symbolic tensors (Keras's {@code layer(x)} in the functional API): builds it for their
     * shapes if needed, records a {@link Node}, and returns the symbolic output. Applying the same layer again
     * reuses its weights (a shared layer).
     *
     * @throws IllegalArgumentException when the layer has several outputs (use {@link #applyAll})
     */
    public KerasTensor apply(KerasTensor... inputs) {
        List<KerasTensor> out = applyAll(List.of(checkSymbolic(inputs)));
        if (out.size() != 1) {
            throw new IllegalArgumentException("Layer '" + name() + "' has " + out.size() + " outputs; use applyAll(...) "
                    + "to get all of them.");
        }
        return out.get(0);
    }

    /** {@link #apply} on a list of symbolic tensors (e.g. {@code new Concatenate().apply(List.of(a, b))}). */
    public KerasTensor apply(List<KerasTensor> inputs) {
        return apply(inputs.toArray(new KerasTensor[0]));
    }

    /** Calls the layer on symbolic tensors and returns every output (for layers and models with several). */
    public List<KerasTensor> applyAll(List<KerasTensor> inputs) {
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
        if (shapes.size() == 1) {
            build(shapes.get(0));
            checkShape(shapes.get(0));
        } else {
            build(shapes);
        }
        List<int[]> outShapes = computeOutputShapes(shapes);
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

    private void checkShape(int[] s) {
        if (builtInputShape == null) {
            return;
        }
        boolean ok = s.length == builtInputShape.length;
        for (int i = 1; ok && i < s.length; i++) {
            ok = builtInputShape[i] < 0 || s[i] < 0 || builtInputShape[i] == s[i];
        }
        if (!ok) {
            throw new IllegalArgumentException("Input 0 of layer '" + name() + "' is incompatible with the layer: expected shape "
                    + Shapes.describe(builtInputShape) + ", found shape " + Shapes.describe(s) + ".");
        }
    }

    /** {@code [(None, 3), (None, 5)]}. */
    protected static String describeShapes(List<int[]> shapes) {
        List<String> parts = new ArrayList<>();
        for (int[] s : shapes) {
            parts.add(Shapes.describe(s));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** Keras's {@code (None, 3)} form of a shape. */
    protected static String describeShape(int[] shape) {
        return Shapes.describe(shape);
    }

    /** Creates a variable initialised from a fresh seed of the global stream. */
    protected final Variable addWeight(String weightName, int[] shape, Initializer initializer, boolean trainable) {
        Variable v = new Variable(weightName, initializer.init(shape, Seeds.next()), trainable && this.trainable);
        weights.add(v);
        return v;
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
        Variable v = addWeight(weightName, shape, initializer, trainable);
        if (regularizer != null) {
            regularizers.put(v, regularizer);
        }
        if (constraint != null) {
            constraints.put(v, constraint);
        }
        return v;
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
        List<Tensor> out = new ArrayList<>();
        for (Variable v : weights) {
            Regularizer r = regularizers.get(v);
            if (r != null && v.trainable()) {
                out.add(r.apply(v.value()));
            }
        }
        out.addAll(activityLosses);
        return out;
    }

    /**
     * Replaces the activity-regularization losses with {@code loss} (null clears them); layers call this from
     * {@link #call} each time, so {@link #losses()} holds only the latest call's activity losses.
     */
    protected final void setActivityLoss(Tensor loss) {
        activityLosses.clear();
        if (loss != null) {
            activityLosses.add(loss);
        }
    }

    /**
     * Applies each weight's constraint in place ({@code w = constraint(w)}), for trainable weights only, as Keras's
     * optimizer does after every update. <b>The training loop calls this on every layer after each optimizer
     * step</b> ({@code optimizer.apply(...)}; then {@code for (Layer l : layers) l.applyConstraints();}).
     */
    public void applyConstraints() {
        for (Variable v : weights) {
            Constraint c = constraints.get(v);
            if (c != null && v.trainable()) {
                c.applyTo(v);
            }
        }
    }

    /** The regularizer of {@code variable}, or null. */
    public Regularizer regularizer(Variable variable) {
        return regularizers.get(variable);
    }

    /** The constraint of {@code variable}, or null. */
    public Constraint constraint(Variable variable) {
        return constraints.get(variable);
    }

    /** All variables in creation order (Keras's {@code layer.weights}). */
    public List<Variable> weights() {
        return Collections.unmodifiableList(weights);
    }

    public List<Variable> trainableWeights() {
        List<Variable> out = new ArrayList<>();
        for (Variable v : weights) {
            if (v.trainable()) {
                out.add(v);
            }
        }
        return out;
    }

    public List<Variable> nonTrainableWeights() {
        List<Variable> out = new ArrayList<>();
        for (Variable v : weights) {
            if (!v.trainable()) {
                out.add(v);
            }
        }
        return out;
    }

    /** Number of scalars in all weights. */
    public long countParams() {
        long n = 0;
        for (Variable v : weights) {
            n += v.value().size();
        }
        return n;
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
        return c;
    }

    /** Checks the input's feature dimensions against the built shape and says what was expected. */
    protected final void checkInput(Tensor input) {
        if (builtInputShape == null) {
            return;
        }
        int[] s = input.shape();
        boolean ok = s.length == builtInputShape.length;
        for (int i = 1; ok && i < s.length; i++) {
            ok = builtInputShape[i] < 0 || builtInputShape[i] == s[i];
        }
        if (!ok) {
            throw new IllegalArgumentException("Input 0 of layer '" + name() + "' is incompatible with the layer: expected shape "
                    + Shapes.describe(builtInputShape) + ", found shape " + Shapes.describe(s) + ".");
        }
    }

    @Override
    public String toString() {
        return className() + "(" + name() + ")";
    }
}
