package org.jkeras.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jkeras.autodiff.Variable;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.KerasTensor;
import org.jkeras.layers.Layer;
import org.jkeras.layers.Names;
import org.jkeras.layers.Node;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.Trainer;

/**
 * A Keras {@code Model}: layers plus the training API of {@link Trainer} ({@code compile}, {@code fit},
 * {@code evaluate}, {@code predict}, the {@code *OnBatch} forms), weights access in Keras order and
 * {@code summary()}. {@code new Model(inputs, outputs)} is Keras's functional model: a graph (DAG) of layer calls
 * from {@link org.jkeras.layers.core.Input} tensors to output tensors, run in topological order. {@link Sequential} is
 * the stack-of-layers model.
 *
 * <p>Inputs and outputs are each one {@link KerasTensor}, a {@code List} or a {@code Map} by name. Input names are
 * the names of the {@code Input}s; output names are the names of the layers producing the outputs, or the map's
 * keys (maps are ordered by key, as Keras flattens dicts). Data, losses and metrics can be keyed by these names;
 * {@code predict} returns a Tensor for one output, else a {@code List} or {@code Map} as the outputs were given. A
 * layer applied several times shares its weights (its gradients add up over the uses); a model is itself a layer
 * and can be applied inside another model.
 *
 * <pre>{@code
 * KerasTensor in1 = Input.of("input_1", 3), in2 = Input.of("input_2", 5);
 * KerasTensor h = new Concatenate().apply(new Dense(8, "relu").apply(in1), new Dense(8, "relu").apply(in2));
 * h = new Dense(16, "relu").apply(h);
 * KerasTensor a = new Dense(1, "sigmoid").name("out_a").apply(h);
 * KerasTensor b = new Dense(4, "softmax").name("out_b").apply(h);
 * Model model = new Model(List.of(in1, in2), List.of(a, b));
 * model.compile(CompileOptions.optimizer("adam")
 *     .loss(Map.of("out_a", "binary_crossentropy", "out_b", "categorical_crossentropy"))
 *     .metrics(Map.of("out_a", List.of("accuracy"), "out_b", List.of("accuracy"))));
 * model.fit(Map.of("input_1", x1, "input_2", x2), Map.of("out_a", ya, "out_b", yb), FitOptions.defaults());
 * List<Tensor> p = model.predict(List.of(x1, x2), EvaluateOptions.defaults());
 * model.summary();
 * }</pre>
 */
public class Model extends Trainer {
    /** The functional graph; null for Sequential and other subclasses. */
    private final FunctionalGraph graph;

    /** Subclasses that are not graphs (Sequential) name themselves {@code prefix}, {@code prefix_1}, ... */
    protected Model(String name, String defaultPrefix) {
        name(name != null ? name : Names.unique(defaultPrefix));
        graph = null;
    }

    /** A functional model named {@code functional}, {@code functional_1}, ... */
    public Model(Object inputs, Object outputs) {
        this(inputs, outputs, null);
    }

    /**
     * A functional model from symbolic inputs to outputs, each a {@link KerasTensor}, a {@code List<KerasTensor>}
     * or a {@code Map<String, KerasTensor>} (the graph is a {@link FunctionalGraph}).
     *
     * @throws IllegalArgumentException when an input is not an {@code Input.of(...)} tensor, an output cannot be
     *     computed from the inputs ("graph disconnected"), or two layers share a name
     */
    public Model(Object inputs, Object outputs, String name) {
        name(name != null ? name : Names.unique("functional"));
        this.graph = new FunctionalGraph(inputs, outputs, name());
        List<int[]> shapes = new ArrayList<>();
        for (KerasTensor t : graph.inputs()) {
            shapes.add(t.shape());
        }
        buildFor(shapes); // a functional model is built by construction
    }

    /**
     * How the inputs were given to the constructor: {@code "tensor"} (one KerasTensor), {@code "list"} or
     * {@code "map"}; saving writes Keras's {@code input_layers} in the same structure (functional models).
     */
    public String inputStructure() {
        return graph("inputStructure()").inputStructure();
    }

    /** How the outputs were given: {@code "tensor"}, {@code "list"} (several outputs) or {@code "map"}. */
    public String outputStructure() {
        return graph("outputStructure()").outputStructure();
    }

    /** True for a functional (graph) model. */
    public final boolean isGraph() {
        return graph != null;
    }

    /** The functional graph (functional models). */
    public FunctionalGraph graph() {
        return graph("graph()");
    }

    /** The symbolic inputs, in model order (functional models). */
    public List<KerasTensor> inputs() {
        return graph("inputs()").inputs();
    }

    /** The symbolic outputs, in model order (functional models). */
    public List<KerasTensor> outputs() {
        return graph("outputs()").outputs();
    }

    private FunctionalGraph graph(String what) {
        if (graph == null) {
            throw new UnsupportedOperationException(what + " is defined for functional models; '" + name() + "' is a "
                    + className() + ".");
        }
        return graph;
    }

    /** The graph's nodes in execution order (functional models). */
    List<Node> graphNodes() {
        return graph.nodes();
    }

    TreeMap<Integer, List<Node>> nodesByDepth() {
        return graph.nodesByDepth();
    }

    /** The layers in order (for a functional model: in Keras's order, its {@code InputLayer}s included). */
    public List<Layer> layers() {
        return graph("layers()").layers();
    }

    /** The layer named {@code name} (Keras's {@code get_layer}). */
    public Layer getLayer(String layerName) {
        for (Layer l : layers()) {
            if (l.name().equals(layerName)) {
                return l;
            }
        }
        List<String> names = new ArrayList<>();
        for (Layer l : layers()) {
            names.add(l.name());
        }
        throw new IllegalArgumentException("No such layer: " + layerName + ". Existing layers are: " + names + ".");
    }

    @Override
    public String className() {
        return isGraph() && getClass() == Model.class ? "Functional" : getClass().getSimpleName();
    }

    @Override
    public List<String> inputNames() {
        return graph("inputNames()").inputNames();
    }

    @Override
    public List<String> outputNames() {
        return graph("outputNames()").outputNames();
    }

    // ------------------------------------------------------------------ running the graph

    @Override
    protected List<Tensor> forward(List<Tensor> xs, boolean training) {
        return graph("forward()").run(xs, null, training);
    }

    @Override
    protected void ensureBuilt(List<int[]> shapes) {
        graph("ensureBuilt()").checkInputShapes(shapes, "model", name());
    }

    static String describe(int[] s) {
        return org.jkeras.layers.Shapes.describe(s);
    }

    @Override
    protected Object packOutputs(List<Tensor> outs) {
        if (!isGraph()) {
            return outs.size() == 1 ? outs.get(0) : outs;
        }
        return graph.pack(outs);
    }

    // ------------------------------------------------------------------ a model used as a layer

    @Override
    protected int[] inputCount() {
        int n = isGraph() ? graph.inputs().size() : 1;
        return new int[] {n, n};
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        FunctionalGraph g = graph("computeOutputShape()");
        g.checkInputShapes(inputShapes, "nested model", name());
        return g.outputShapes();
    }

    /** The model as a layer of another model: checks the data shapes, then runs the graph with the masks. */
    @Override
    protected List<Tensor> call(List<Tensor> xs, CallContext ctx) {
        List<int[]> shapes = new ArrayList<>();
        for (Tensor t : xs) {
            shapes.add(t.shape());
        }
        ensureBuilt(shapes);
        return isGraph() ? graph.run(xs, ctx.masks(), ctx.training()) : forward(xs, ctx.training());
    }

    @Override
    public void setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        for (Layer l : layers()) {
            l.setTrainable(trainable);
        }
    }

    // ------------------------------------------------------------------ weights

    /** All variables (trainable and not) in Keras's {@code model.weights} order; shared layers count once. */
    @Override
    public List<Variable> weights() {
        requireBuilt("weights()");
        List<Variable> out = new ArrayList<>();
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Layer l : layers()) {
            for (Variable v : l.weights()) {
                if (seen.add(v)) {
                    out.add(v);
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public List<Variable> trainableWeights() {
        List<Variable> out = new ArrayList<>();
        if (!built()) {
            return out;
        }
        for (Variable v : weights()) {
            if (v.trainable()) {
                out.add(v);
            }
        }
        return out;
    }

    @Override
    public List<Variable> nonTrainableWeights() {
        List<Variable> out = new ArrayList<>();
        if (!built()) {
            return out;
        }
        for (Variable v : weights()) {
            if (!v.trainable()) {
                out.add(v);
            }
        }
        return out;
    }

    /** Keras's {@code model.losses}: the regularization penalties of every layer (differentiable scalars). */
    @Override
    public List<Tensor> losses() {
        List<Tensor> out = new ArrayList<>();
        for (Layer l : layers()) {
            out.addAll(l.losses());
        }
        return out;
    }

    /** Applies every layer's weight constraints (the training loop calls it after each update). */
    @Override
    public void applyConstraints() {
        for (Layer l : layers()) {
            l.applyConstraints();
        }
    }

    /** Copies of all weights, in Keras's {@code get_weights()} order. */
    public List<Tensor> getWeights() {
        List<Tensor> out = new ArrayList<>();
        for (Variable v : weights()) {
            out.add(v.value().copy());
        }
        return out;
    }

    /** Sets all weights from a list in {@code get_weights()} order; counts and shapes must match. */
    public void setWeights(List<Tensor> values) {
        List<Variable> vars = weights();
        if (values.size() != vars.size()) {
            throw new IllegalArgumentException("setWeights() got " + values.size() + " arrays but model '" + name()
                    + "' has " + vars.size() + " weights (" + describe(vars) + ").");
        }
        for (int i = 0; i < vars.size(); i++) {
            Variable v = vars.get(i);
            if (!Arrays.equals(v.shape(), values.get(i).shape())) {
                throw new IllegalArgumentException("setWeights(): weight " + i + " ('" + v.name() + "') has shape "
                        + Arrays.toString(v.shape()) + " but the given array has shape "
                        + Arrays.toString(values.get(i).shape()) + ".");
            }
        }
        for (int i = 0; i < vars.size(); i++) {
            vars.get(i).assign(values.get(i));
        }
    }

    private static String describe(List<Variable> vars) {
        List<String> parts = new ArrayList<>();
        for (Variable v : vars) {
            parts.add(v.name() + Arrays.toString(v.shape()));
        }
        return String.join(", ", parts);
    }

    /** Total number of scalars in all weights (shared layers count once). */
    @Override
    public long countParams() {
        requireBuilt("countParams()");
        long n = 0;
        for (Variable v : weights()) {
            n += v.value().size();
        }
        return n;
    }

    /**
     * Keras's {@code model.save(path)}: writes the whole model (architecture, weights, compile config and
     * optimizer state) in the Keras 3 {@code .keras} format, or as a legacy Keras 2 HDF5 file when the name
     * ends in {@code .h5}/{@code .hdf5}. The file is written to a temporary name and renamed, so a failed save
     * never leaves a partial file. Load it with {@code org.jkeras.saving.Models.load(path)}.
     */
    public void save(Path path) throws IOException {
        ModelFiles.get().save(this, path);
    }

    /** Keras's {@code model.save_weights(path)}: {@code .weights.h5} (Keras 3 layout) or a legacy {@code .h5}. */
    public void saveWeights(Path path) throws IOException {
        ModelFiles.get().saveWeights(this, path);
    }

    /** Keras's {@code model.load_weights(path)}: a Keras 3 {@code .weights.h5}, a legacy weights file or a {@code .keras}/{@code .h5} model. */
    public void loadWeights(Path path) throws IOException {
        ModelFiles.get().loadWeights(this, path);
    }

    // ------------------------------------------------------------------ callbacks.CallbackModel (callbacks branch)

    @Override
    public java.util.Map<String, Tensor> weightsByPath() {
        java.util.Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        Set<Variable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Layer l : layers()) {
            for (Variable v : l.weights()) {
                if (seen.add(v)) {
                    String path = name() + "/" + l.name() + "/" + v.name();
                    String unique = path;
                    for (int i = 1; out.containsKey(unique); i++) {
                        unique = path + "_" + i;
                    }
                    out.put(unique, v.value().copy());
                }
            }
        }
        return out;
    }

    /** Keras's {@code model.to_json()}: the architecture only. Rebuild it with {@code org.jkeras.saving.Models.fromJson}. */
    public String toJson() {
        return ModelFiles.get().toJson(this);
    }

    /** Prints the Keras 3 summary table to standard output. */
    public void summary() {
        System.out.print(summaryText(isGraph() && !Summary.sequentialLike(this)
                ? Summary.DEFAULT_GRAPH_LINE_LENGTH : Summary.DEFAULT_LINE_LENGTH));
    }

    /** The Keras 3 summary table as text, {@code lineLength} columns wide (Keras's {@code line_length}). */
    public String summaryText(int lineLength) {
        requireBuilt("summary()");
        return Summary.render(this, lineLength);
    }

    /** Fails with Keras's advice when the model has no weights yet. */
    protected void requireBuilt(String what) {
        if (!built()) {
            throw new IllegalStateException("Model '" + name() + "' has not been built yet, so " + what
                    + " is not available. Give the first layer an input shape (e.g. inputShape(784) or an InputLayer), "
                    + "call build(inputShape), or call fit()/predict() on data first.");
        }
    }
}
