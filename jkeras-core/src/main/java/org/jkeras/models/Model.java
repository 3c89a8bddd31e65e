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
 * from {@link org.jkeras.layers.Input} tensors to output tensors, run in topological order. {@link Sequential} is
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
    // ---- the functional graph (all null for Sequential and other subclasses)
    private final List<KerasTensor> inputs;
    private final List<KerasTensor> outputs;
    private final List<String> inputNames;
    private final List<String> outputNames;
    /** 0 = one tensor, 1 = list, 2 = map. */
    private final int outputForm;
    /** As outputForm, for the inputs as given to the constructor. */
    private final int inputForm;
    /** Nodes in execution (topological) order. */
    private final List<Node> nodes;
    /** Layers in Keras's {@code _operations} order: by decreasing depth, then traversal order. */
    private final List<Layer> graphLayers;
    /** Nodes by depth, deepest first (for the summary's "sequential-like" test). */
    private final TreeMap<Integer, List<Node>> nodesByDepth;

    /** Subclasses that are not graphs (Sequential) name themselves {@code prefix}, {@code prefix_1}, ... */
    protected Model(String name, String defaultPrefix) {
        name(name != null ? name : Names.unique(defaultPrefix));
        inputs = outputs = null;
        inputNames = outputNames = null;
        outputForm = 0;
        inputForm = 0;
        nodes = null;
        graphLayers = null;
        nodesByDepth = null;
    }

    /** A functional model named {@code functional}, {@code functional_1}, ... */
    public Model(Object inputs, Object outputs) {
        this(inputs, outputs, null);
    }

    /**
     * A functional model from symbolic inputs to outputs, each a {@link KerasTensor}, a {@code List<KerasTensor>}
     * or a {@code Map<String, KerasTensor>}.
     *
     * @throws IllegalArgumentException when an input is not an {@code Input.of(...)} tensor, an output cannot be
     *     computed from the inputs ("graph disconnected"), or two layers share a name
     */
    public Model(Object inputs, Object outputs, String name) {
        name(name != null ? name : Names.unique("functional"));
        Map<String, KerasTensor> inMap = new LinkedHashMap<>();
        this.inputs = symbolic(inputs, "inputs", inMap);
        this.inputForm = inputs instanceof Map ? 2 : inputs instanceof List ? 1 : 0;
        List<String> in = new ArrayList<>();
        for (KerasTensor t : this.inputs) {
            if (!t.node().isInput()) {
                throw new IllegalArgumentException("Model inputs must come from Input.of(...); received " + t
                        + ", produced by layer '" + t.layer().name() + "'. Build the model from its Input tensors.");
            }
            if (in.contains(t.name())) {
                throw new IllegalArgumentException("The input '" + t.name() + "' is given twice in the inputs of model '"
                        + name() + "'.");
            }
            in.add(t.name());
        }
        for (Map.Entry<String, KerasTensor> e : inMap.entrySet()) {
            if (!e.getKey().equals(e.getValue().name())) {
                throw new IllegalArgumentException("When inputs are a map, each key must be its input's name; key '"
                        + e.getKey() + "' maps to the input named '" + e.getValue().name() + "'. Name the input "
                        + "Input.of(\"" + e.getKey() + "\", ...) or use that name as the key.");
            }
        }
        Map<String, KerasTensor> outMap = new LinkedHashMap<>();
        this.outputs = symbolic(outputs, "outputs", outMap);
        this.outputForm = outputs instanceof Map ? 2 : outputs instanceof List && this.outputs.size() > 1 ? 1 : 0;
        List<String> out = new ArrayList<>();
        if (outputForm == 2) {
            out.addAll(outMap.keySet());
        } else {
            for (KerasTensor t : this.outputs) {
                out.add(t.layer().name());
            }
        }
        this.inputNames = Collections.unmodifiableList(in);
        this.outputNames = Collections.unmodifiableList(out);

        // Keras's map_graph: DFS from the outputs gives the nodes in topological order and the layers' traversal
        // order; depths (longest path to an output) order the layers.
        List<Node> order = new ArrayList<>();
        Map<Layer, Integer> traversal = new IdentityHashMap<>();
        Set<Node> finished = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<KerasTensor> inputSet = Collections.newSetFromMap(new IdentityHashMap<>());
        inputSet.addAll(this.inputs);
        for (int i = 0; i < this.outputs.size(); i++) {
            visit(this.outputs.get(i), out.get(i), inputSet, order, traversal, finished, inProgress);
        }
        Map<Node, Integer> nodeDepth = new IdentityHashMap<>();
        Map<Layer, Integer> layerDepth = new IdentityHashMap<>();
        Set<Node> inGraph = Collections.newSetFromMap(new IdentityHashMap<>());
        inGraph.addAll(order);
        for (int i = order.size() - 1; i >= 0; i--) {
            Node node = order.get(i);
            int depth = nodeDepth.computeIfAbsent(node, k -> 0);
            depth = Math.max(depth, layerDepth.getOrDefault(node.layer(), 0));
            layerDepth.put(node.layer(), depth);
            nodeDepth.put(node, depth);
            for (KerasTensor t : node.inputs()) {
                Node parent = t.node();
                if (inGraph.contains(parent)) {
                    nodeDepth.put(parent, Math.max(depth + 1, nodeDepth.getOrDefault(parent, 0)));
                }
            }
        }
        for (KerasTensor t : this.inputs) { // unused inputs still belong to the model
            if (!layerDepth.containsKey(t.layer())) {
                layerDepth.put(t.layer(), 0);
                traversal.put(t.layer(), -1);
                nodeDepth.put(t.node(), 0);
                order.add(0, t.node());
            }
        }
        TreeMap<Integer, List<Layer>> byDepth = new TreeMap<>(Collections.reverseOrder());
        for (Map.Entry<Layer, Integer> e : layerDepth.entrySet()) {
            byDepth.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
        }
        List<Layer> ls = new ArrayList<>();
        for (List<Layer> group : byDepth.values()) {
            group.sort((a, b) -> Integer.compare(traversal.get(a), traversal.get(b)));
            ls.addAll(group);
        }
        TreeMap<Integer, List<Node>> nd = new TreeMap<>(Collections.reverseOrder());
        for (Node node : order) {
            nd.computeIfAbsent(nodeDepth.get(node), k -> new ArrayList<>()).add(node);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Layer l : ls) {
            if (seen.merge(l.name(), 1, Integer::sum) > 1) {
                throw new IllegalArgumentException("The name \"" + l.name() + "\" is used by more than one layer in model '"
                        + name() + "'. All layer names should be unique; pass distinct names with .name(...).");
            }
        }
        this.nodes = Collections.unmodifiableList(order);
        this.graphLayers = Collections.unmodifiableList(ls);
        this.nodesByDepth = nd;
    }

    private static void visit(KerasTensor t, String outputName, Set<KerasTensor> inputs, List<Node> order,
            Map<Layer, Integer> traversal, Set<Node> finished, Set<Node> inProgress) {
        Node node = t.node();
        if (finished.contains(node)) {
            return;
        }
        if (node.isInput() && !inputs.contains(t)) {
            throw new IllegalArgumentException("Graph disconnected: output '" + outputName + "' depends on the input '"
                    + t.name() + "' (" + t + "), which is not among the model's inputs. Every output must be "
                    + "computable from the inputs given to new Model(inputs, outputs); add '" + t.name()
                    + "' to the inputs or build the output from the given inputs.");
        }
        if (inProgress.contains(node)) {
            throw new IllegalArgumentException("Tensor " + t + " from layer '" + node.layer().name() + "' is part of a cycle.");
        }
        traversal.putIfAbsent(node.layer(), traversal.size());
        inProgress.add(node);
        for (KerasTensor in : node.inputs()) {
            visit(in, outputName, inputs, order, traversal, finished, inProgress);
        }
        inProgress.remove(node);
        finished.add(node);
        order.add(node);
    }

    private static List<KerasTensor> symbolic(Object s, String what, Map<String, KerasTensor> keyed) {
        List<KerasTensor> out = new ArrayList<>();
        if (s instanceof KerasTensor) {
            out.add((KerasTensor) s);
        } else if (s instanceof List) {
            for (Object o : (List<?>) s) {
                out.add(asSymbolic(o, what));
            }
        } else if (s instanceof Map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) s).entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException(what + " map keys must be names (String); received " + e.getKey() + ".");
                }
                sorted.put((String) e.getKey(), e.getValue());
            }
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                KerasTensor t = asSymbolic(e.getValue(), what);
                keyed.put(e.getKey(), t);
                out.add(t);
            }
        } else {
            throw new IllegalArgumentException("Model " + what + " must be a KerasTensor, a List<KerasTensor> or a "
                    + "Map<String, KerasTensor>; received " + (s == null ? "null" : s.getClass().getName()) + ".");
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Model " + what + " are empty; give at least one KerasTensor.");
        }
        return out;
    }

    private static KerasTensor asSymbolic(Object o, String what) {
        if (o instanceof KerasTensor) {
            return (KerasTensor) o;
        }
        throw new IllegalArgumentException("All model " + what + " must be KerasTensors (from Input.of(...) or "
                + "layer.apply(...)); received " + (o == null ? "null" : o.getClass().getName()) + ".");
    }

    /**
     * How the inputs were given to the constructor: {@code "tensor"} (one KerasTensor), {@code "list"} or
     * {@code "map"}; saving writes Keras's {@code input_layers} in the same structure (functional models).
     */
    public String inputStructure() {
        requireGraph("inputStructure()");
        return inputForm == 2 ? "map" : inputForm == 1 ? "list" : "tensor";
    }

    /** How the outputs were given: {@code "tensor"}, {@code "list"} (several outputs) or {@code "map"}. */
    public String outputStructure() {
        requireGraph("outputStructure()");
        return outputForm == 2 ? "map" : outputForm == 1 ? "list" : "tensor";
    }

    /** True for a functional (graph) model. */
    public final boolean isGraph() {
        return nodes != null;
    }

    /** The symbolic inputs, in model order (functional models). */
    public List<KerasTensor> inputs() {
        requireGraph("inputs()");
        return Collections.unmodifiableList(inputs);
    }

    /** The symbolic outputs, in model order (functional models). */
    public List<KerasTensor> outputs() {
        requireGraph("outputs()");
        return Collections.unmodifiableList(outputs);
    }

    private void requireGraph(String what) {
        if (!isGraph()) {
            throw new UnsupportedOperationException(what + " is defined for functional models; '" + name() + "' is a "
                    + className() + ".");
        }
    }

    /** The graph's nodes in execution order (functional models). */
    List<Node> graphNodes() {
        return nodes;
    }

    TreeMap<Integer, List<Node>> nodesByDepth() {
        return nodesByDepth;
    }

    /** The layers in order (for a functional model: in Keras's order, its {@code InputLayer}s included). */
    public List<Layer> layers() {
        requireGraph("layers()");
        return graphLayers;
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

    /** True once every layer has its variables. */
    @Override
    public boolean built() {
        return true;
    }

    @Override
    public String className() {
        return isGraph() && getClass() == Model.class ? "Functional" : getClass().getSimpleName();
    }

    @Override
    public List<String> inputNames() {
        requireGraph("inputNames()");
        return inputNames;
    }

    @Override
    public List<String> outputNames() {
        requireGraph("outputNames()");
        return outputNames;
    }

    // ------------------------------------------------------------------ running the graph

    @Override
    protected List<Tensor> forward(List<Tensor> xs, boolean training) {
        requireGraph("forward()");
        IdentityHashMap<KerasTensor, Tensor> values = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            values.put(inputs.get(i), xs.get(i));
        }
        for (Node node : nodes) {
            if (node.isInput()) {
                continue;
            }
            List<Tensor> args = new ArrayList<>(node.inputs().size());
            for (KerasTensor t : node.inputs()) {
                args.add(values.get(t));
            }
            List<Tensor> results = node.layer().callAll(args, training);
            for (int i = 0; i < results.size(); i++) {
                values.put(node.outputs().get(i), results.get(i));
            }
        }
        List<Tensor> out = new ArrayList<>(outputs.size());
        for (KerasTensor t : outputs) {
            out.add(values.get(t));
        }
        return out;
    }

    @Override
    protected void ensureBuilt(List<int[]> shapes) {
        requireGraph("ensureBuilt()");
        checkInputShapes(shapes, "model");
    }

    private void checkInputShapes(List<int[]> shapes, String role) {
        if (shapes.size() != inputs.size()) {
            throw new IllegalArgumentException("Model '" + name() + "' expects " + inputs.size() + " input(s) "
                    + inputNames + " but received " + shapes.size() + ".");
        }
        for (int i = 0; i < shapes.size(); i++) {
            int[] expected = inputs.get(i).shape(), got = shapes.get(i);
            boolean ok = expected.length == got.length;
            for (int d = 1; ok && d < got.length; d++) {
                ok = expected[d] < 0 || got[d] < 0 || expected[d] == got[d];
            }
            if (!ok) {
                int[] sample = Arrays.copyOfRange(expected, 1, expected.length);
                throw new IllegalArgumentException("Input '" + inputNames.get(i) + "' of " + role + " '" + name()
                        + "' is incompatible: expected shape " + describe(expected) + ", found shape " + describe(got)
                        + ". Pass data whose samples have shape " + describe(sample) + " for '" + inputNames.get(i) + "'.");
            }
        }
    }

    static String describe(int[] s) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            sb.append(i > 0 ? ", " : "").append(s[i] < 0 ? "None" : String.valueOf(s[i]));
        }
        return sb.append(s.length == 1 ? ",)" : ")").toString();
    }

    @Override
    protected Object packOutputs(List<Tensor> outs) {
        if (!isGraph()) {
            return outs.size() == 1 ? outs.get(0) : outs;
        }
        if (outputForm == 0) {
            return outs.get(0);
        }
        if (outputForm == 1) {
            return Collections.unmodifiableList(new ArrayList<>(outs));
        }
        Map<String, Tensor> m = new LinkedHashMap<>();
        for (int i = 0; i < outs.size(); i++) {
            m.put(outputNames.get(i), outs.get(i));
        }
        return Collections.unmodifiableMap(m);
    }

    // ------------------------------------------------------------------ a model used as a layer

    @Override
    public void build(int[] inputShape) {
        // a functional model is built by construction
    }

    @Override
    public void build(List<int[]> inputShapes) {
        if (inputShapes.size() == 1) {
            build(inputShapes.get(0));
        }
    }

    @Override
    public int[] computeOutputShape(int[] inputShape) {
        List<int[]> out = computeOutputShapes(List.of(inputShape));
        if (out.size() != 1) {
            throw new IllegalArgumentException("Model '" + name() + "' has " + out.size() + " outputs; use computeOutputShapes.");
        }
        return out.get(0);
    }

    @Override
    public List<int[]> computeOutputShapes(List<int[]> inputShapes) {
        requireGraph("computeOutputShapes()");
        checkInputShapes(inputShapes, "nested model");
        List<int[]> out = new ArrayList<>();
        for (KerasTensor t : outputs) {
            out.add(t.shape());
        }
        return out;
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        List<Tensor> out = callAll(List.of(input), training);
        if (out.size() != 1) {
            throw new IllegalArgumentException("Model '" + name() + "' has " + out.size() + " outputs; use callAll.");
        }
        return out.get(0);
    }

    @Override
    public List<Tensor> callAll(List<Tensor> xs, boolean training) {
        List<int[]> shapes = new ArrayList<>();
        for (Tensor t : xs) {
            shapes.add(t.shape());
        }
        ensureBuilt(shapes);
        return forward(xs, training);
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
