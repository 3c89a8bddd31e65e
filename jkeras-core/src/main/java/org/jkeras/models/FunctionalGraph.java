package org.jkeras.models;

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
import org.jkeras.layers.KerasTensor;
import org.jkeras.layers.Layer;
import org.jkeras.layers.Node;
import org.jkeras.layers.Shapes;
import org.jkeras.tensor.Tensor;

/**
 * The graph of a functional model (the graph half of Keras's {@code Functional}): the symbolic inputs and outputs,
 * the layer calls ({@link Node}s) between them in execution order, the layers in Keras's order, and the run of that
 * graph on real tensors, masks included. {@link Model} holds one for {@code new Model(inputs, outputs)}; a model
 * nested in another is called through it like any layer.
 *
 * <pre>{@code
 * KerasTensor x = Input.of("features", 3);
 * FunctionalGraph g = new FunctionalGraph(x, new Dense(2).apply(x), "functional");
 * List<Tensor> y = g.run(List.of(data), null, false);
 * }</pre>
 */
public final class FunctionalGraph {
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
    private final List<Layer> layers;
    /** Nodes by depth, deepest first (for the summary's "sequential-like" test). */
    private final TreeMap<Integer, List<Node>> nodesByDepth;

    /**
     * Maps the graph from symbolic inputs to outputs, each a {@link KerasTensor}, a {@code List<KerasTensor>} or a
     * {@code Map<String, KerasTensor>}.
     *
     * @throws IllegalArgumentException when an input is not an {@code Input.of(...)} tensor, an output cannot be
     *     computed from the inputs ("graph disconnected"), or two layers share a name
     */
    public FunctionalGraph(Object inputs, Object outputs, String modelName) {
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
                        + modelName + "'.");
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
                        + modelName + "'. All layer names should be unique; pass distinct names with .name(...).");
            }
        }
        this.nodes = Collections.unmodifiableList(order);
        this.layers = Collections.unmodifiableList(ls);
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


    /** The symbolic inputs, in model order. */
    public List<KerasTensor> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    /** The symbolic outputs, in model order. */
    public List<KerasTensor> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    public List<String> inputNames() {
        return inputNames;
    }

    public List<String> outputNames() {
        return outputNames;
    }

    /** {@code "tensor"}, {@code "list"} or {@code "map"}: how the inputs were given. */
    public String inputStructure() {
        return inputForm == 2 ? "map" : inputForm == 1 ? "list" : "tensor";
    }

    /** {@code "tensor"}, {@code "list"} or {@code "map"}: how the outputs were given. */
    public String outputStructure() {
        return outputForm == 2 ? "map" : outputForm == 1 ? "list" : "tensor";
    }

    /** The nodes in execution order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The layers in Keras's order, the {@code InputLayer}s included. */
    public List<Layer> layers() {
        return layers;
    }

    TreeMap<Integer, List<Node>> nodesByDepth() {
        return nodesByDepth;
    }

    /**
     * Runs the graph: each node's layer is called (through its call path) on the values of its input tensors, with
     * their masks; the outputs come back in output order. {@code masks} (one per input, may be null) start the masks.
     */
    public List<Tensor> run(List<Tensor> xs, List<Tensor> masks, boolean training) {
        IdentityHashMap<KerasTensor, Tensor> values = new IdentityHashMap<>();
        IdentityHashMap<KerasTensor, Tensor> maskOf = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            values.put(inputs.get(i), xs.get(i));
            if (masks != null && i < masks.size() && masks.get(i) != null) {
                maskOf.put(inputs.get(i), masks.get(i));
            }
        }
        for (Node node : nodes) {
            if (node.isInput()) {
                continue;
            }
            List<Tensor> args = new ArrayList<>(node.inputs().size());
            List<Tensor> argMasks = null;
            for (KerasTensor t : node.inputs()) {
                args.add(values.get(t));
                Tensor m = maskOf.get(t);
                if (m != null) {
                    if (argMasks == null) {
                        argMasks = new ArrayList<>(Collections.nCopies(node.inputs().size(), (Tensor) null));
                    }
                    argMasks.set(args.size() - 1, m);
                }
            }
            Layer layer = node.layer();
            List<Tensor> results = layer.callAll(args, argMasks, training);
            List<Tensor> outMasks = layer.computeMask(args, argMasks);   // Embedding/Masking create masks
            for (int i = 0; i < results.size(); i++) {
                values.put(node.outputs().get(i), results.get(i));
                if (outMasks != null && i < outMasks.size() && outMasks.get(i) != null) {
                    maskOf.put(node.outputs().get(i), outMasks.get(i));
                }
            }
        }
        List<Tensor> out = new ArrayList<>(outputs.size());
        for (KerasTensor t : outputs) {
            out.add(values.get(t));
        }
        return out;
    }

    /** Checks data shapes against the inputs, naming the input; {@code role} and {@code modelName} go in the message. */
    public void checkInputShapes(List<int[]> shapes, String role, String modelName) {
        if (shapes.size() != inputs.size()) {
            throw new IllegalArgumentException("Model '" + modelName + "' expects " + inputs.size() + " input(s) "
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
                throw new IllegalArgumentException("Input '" + inputNames.get(i) + "' of " + role + " '" + modelName
                        + "' is incompatible: expected shape " + Shapes.describe(expected) + ", found shape "
                        + Shapes.describe(got) + ". Pass data whose samples have shape " + Shapes.describe(sample)
                        + " for '" + inputNames.get(i) + "'.");
            }
        }
    }

    /** The output shapes, in output order. */
    public List<int[]> outputShapes() {
        List<int[]> out = new ArrayList<>();
        for (KerasTensor t : outputs) {
            out.add(t.shape());
        }
        return out;
    }

    /** Packs flat outputs as the outputs were given: one Tensor, an unmodifiable List, or a Map by output name. */
    public Object pack(List<Tensor> outs) {
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
}
