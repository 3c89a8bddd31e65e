package org.jkeras.saving;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jkeras.layers.KerasTensor;
import org.jkeras.layers.Layer;
import org.jkeras.layers.Node;
import org.jkeras.layers.core.Input;
import org.jkeras.layers.core.InputLayer;
import org.jkeras.layers.merging.Merge;
import org.jkeras.models.Model;

/**
 * Functional models to and from Keras's config dicts. Keras 3: class {@code Functional} of module
 * {@code keras.src.models.functional}, each layer with {@code name} and {@code inbound_nodes} as
 * {@code {"args": [<__keras_tensor__>...], "kwargs": {}}}, and {@code input_layers}/{@code output_layers} in the
 * structure the model was built with. Keras 2 / tf.keras: class {@code Functional} (or {@code Model} before
 * TF 2.4) with inbound nodes as nested lists {@code [[["dense", 0, 0, {}]]]}. Node indices are renumbered to count
 * only the calls that belong to the model, as Keras does, so layers shared with other models save correctly.
 */
final class FunctionalConfig {
    private FunctionalConfig() {}

    // ------------------------------------------------------------------ writing

    static Map<String, Object> serialize(Model model, boolean keras3) {
        Set<Node> member = memberNodes(model);
        Map<Node, Integer> reindex = new IdentityHashMap<>();
        for (Layer l : model.layers()) {
            int k = 0;
            for (Node n : l.inboundNodes()) {
                if (member.contains(n)) {
                    reindex.put(n, k++);
                }
            }
        }
        List<Object> layers = new ArrayList<>();
        for (Layer l : model.layers()) {
            Map<String, Object> e = ModelConfig.serializeLayer(l, keras3);
            if (!keras3 && l instanceof InputLayer) {
                e.put("config", keras2InputConfig((InputLayer) l));
            }
            e.put("name", l.name());
            List<Object> nodes = new ArrayList<>();
            for (Node n : l.inboundNodes()) {
                if (!member.contains(n) || n.isInput()) {
                    continue;
                }
                nodes.add(keras3 ? keras3Node(l, n, reindex) : keras2Node(n, reindex));
            }
            e.put("inbound_nodes", nodes);
            layers.add(e);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", model.name());
        if (keras3) {
            config.put("trainable", model.trainable());
        }
        config.put("layers", layers);
        config.put("input_layers", structure(model.inputs(), model.inputNames(), model.inputStructure(), reindex, keras3));
        config.put("output_layers", structure(model.outputs(), model.outputNames(), model.outputStructure(), reindex, keras3));
        Map<String, Object> m = new LinkedHashMap<>();
        if (keras3) {
            m.put("module", "keras.src.models.functional");
        }
        m.put("class_name", "Functional");
        m.put("config", config);
        if (keras3) {
            m.put("registered_name", "Functional");
            Map<String, Object> build = new LinkedHashMap<>();
            build.put("input_shape", null);
            m.put("build_config", build);
        }
        return m;
    }

    private static Map<String, Object> keras2InputConfig(InputLayer l) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("batch_input_shape", ModelConfig.shapeList(l.declaredInputShape()));
        c.put("dtype", "float32");
        c.put("sparse", false);
        c.put("ragged", false);
        c.put("name", l.name());
        return c;
    }

    /** The nodes of the model's graph: every call on a path from the inputs to the outputs. */
    private static Set<Node> memberNodes(Model model) {
        Set<Node> out = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> todo = new ArrayDeque<>();
        for (KerasTensor t : model.outputs()) {
            todo.add(t.node());
        }
        for (KerasTensor t : model.inputs()) {
            out.add(t.node());
        }
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (out.add(n)) {
                for (KerasTensor t : n.inputs()) {
                    todo.push(t.node());
                }
            }
        }
        return out;
    }

    private static List<Object> history(KerasTensor t, Map<Node, Integer> reindex) {
        List<Object> h = new ArrayList<>();
        h.add(t.layer().name());
        h.add(reindex.getOrDefault(t.node(), t.nodeIndex()));
        h.add(t.tensorIndex());
        return h;
    }

    private static Map<String, Object> keras3Node(Layer l, Node n, Map<Node, Integer> reindex) {
        List<Object> tensors = new ArrayList<>();
        for (KerasTensor t : n.inputs()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("shape", ModelConfig.shapeList(t.shape()));
            c.put("dtype", "float32");
            c.put("keras_history", history(t, reindex));
            Map<String, Object> kt = new LinkedHashMap<>();
            kt.put("class_name", "__keras_tensor__");
            kt.put("config", c);
            tensors.add(kt);
        }
        List<Object> args = new ArrayList<>();
        if (tensors.size() == 1 && !(l instanceof Merge)) {
            args.add(tensors.get(0));
        } else {
            args.add(tensors);
        }
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("args", args);
        node.put("kwargs", new LinkedHashMap<>());
        return node;
    }

    private static List<Object> keras2Node(Node n, Map<Node, Integer> reindex) {
        List<Object> node = new ArrayList<>();
        for (KerasTensor t : n.inputs()) {
            List<Object> h = history(t, reindex);
            h.add(new LinkedHashMap<>());
            node.add(h);
        }
        return node;
    }

    private static Object structure(List<KerasTensor> tensors, List<String> names, String form, Map<Node, Integer> reindex,
            boolean keras3) {
        if (keras3 && "map".equals(form)) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < tensors.size(); i++) {
                m.put(names.get(i), history(tensors.get(i), reindex));
            }
            return m;
        }
        List<Object> l = new ArrayList<>();
        for (KerasTensor t : tensors) {
            l.add(history(t, reindex));
        }
        return l;
    }

    // ------------------------------------------------------------------ reading

    static Model deserialize(Map<String, Object> m) {
        Map<String, Object> cfg = ConfigValues.map(m.get("config"), "The functional model's config");
        if (!(cfg.get("layers") instanceof List)) {
            throw new IllegalArgumentException("The functional model config has no 'layers' list (found keys " + cfg.keySet() + ").");
        }
        Map<String, Layer> created = new LinkedHashMap<>();
        Map<Layer, List<Object>> pending = new IdentityHashMap<>();
        List<Layer> order = new ArrayList<>();
        for (Object o : (List<?>) cfg.get("layers")) {
            Map<String, Object> spec = ConfigValues.map(o, "A layer entry of the functional config");
            Map<String, Object> lc = spec.get("config") instanceof Map ? ConfigValues.map(spec.get("config"), "layer config")
                    : new LinkedHashMap<>();
            String name = spec.get("name") != null ? String.valueOf(spec.get("name"))
                    : lc.get("name") != null ? String.valueOf(lc.get("name")) : null;
            if (name == null) {
                throw new IllegalArgumentException("A layer entry of the functional config has no name: " + abbreviate(spec) + ".");
            }
            String cls = String.valueOf(spec.get("class_name"));
            Layer layer;
            if ("InputLayer".equals(cls)) {
                ConfigValues.checkDtype(lc);
                Object shape = lc.containsKey("batch_shape") ? lc.get("batch_shape") : lc.get("batch_input_shape");
                int[] sample;
                if (shape == null && lc.get("shape") != null) {
                    sample = ConfigValues.shape(lc.get("shape"), "shape of input '" + name + "'");
                } else {
                    int[] s = ConfigValues.shape(shape, "batch_shape of input '" + name + "'");
                    sample = java.util.Arrays.copyOfRange(s, 1, s.length);
                }
                for (int d : sample) {
                    if (d < 0) {
                        throw new IllegalArgumentException("Input '" + name + "' has an unknown (null) dimension in its "
                                + "shape " + Json.write(shape) + "; jkeras needs every dimension but the batch axis fixed.");
                    }
                }
                if (ConfigValues.bool(lc, "sparse", false) || ConfigValues.bool(lc, "ragged", false)) {
                    throw new IllegalArgumentException("Sparse or ragged input '" + name + "' is not supported by jkeras.");
                }
                layer = Input.of(name, sample).layer();
            } else if ("Functional".equals(cls) || "Model".equals(cls) || "Sequential".equals(cls)) {
                layer = ModelConfig.layer(spec);   // a nested model, rebuilt from its own config
                if (!layer.name().equals(name)) {
                    layer.name(name);
                }
            } else {
                layer = ModelConfig.layer(spec);
                layer.name(name);
            }
            if (created.containsKey(name)) {
                throw new IllegalArgumentException("Two layers of the functional config are named '" + name + "'.");
            }
            created.put(name, layer);
            order.add(layer);
            Object nodes = spec.get("inbound_nodes");
            List<Object> list = new ArrayList<>();
            if (nodes instanceof List) {
                list.addAll((List<?>) nodes);
            } else if (nodes != null) {
                throw new IllegalArgumentException("inbound_nodes of layer '" + name + "' should be a list; received "
                        + abbreviate(nodes) + ".");
            }
            if (!(layer instanceof InputLayer) && !list.isEmpty()) {
                pending.put(layer, list);
            }
        }
        // Keras's functional_from_config: call layers in config order, deferring a node until its inputs exist.
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (Layer layer : order) {
                List<Object> nodes = pending.get(layer);
                if (nodes == null) {
                    continue;
                }
                while (!nodes.isEmpty()) {
                    List<KerasTensor> args = nodeInputs(layer, nodes.get(0), created);
                    if (args == null) {
                        break;
                    }
                    layer.apply(args);
                    nodes.remove(0);
                    progress = true;
                }
                if (nodes.isEmpty()) {
                    pending.remove(layer);
                }
            }
            if (!progress) {
                List<String> stuck = new ArrayList<>();
                for (Layer l : pending.keySet()) {
                    stuck.add(l.name());
                }
                throw new IllegalArgumentException("The functional config cannot be rebuilt: the calls of layers " + stuck
                        + " refer to layers or calls that never appear (or form a cycle). The config is damaged.");
            }
        }
        Object inputs = tensors(cfg.get("input_layers"), created, "input_layers");
        Object outputs = tensors(cfg.get("output_layers"), created, "output_layers");
        Model model = new Model(inputs, outputs, cfg.get("name") == null ? null : String.valueOf(cfg.get("name")));
        if (!ConfigValues.bool(cfg, "trainable", true)) {
            model.setTrainable(false);
        }
        return model;
    }

    /** The input tensors of one saved call, or null when a tensor it needs does not exist yet. */
    private static List<KerasTensor> nodeInputs(Layer layer, Object node, Map<String, Layer> created) {
        List<List<?>> refs = new ArrayList<>();
        if (node instanceof Map) { // Keras 3: {"args": [...], "kwargs": {...}}
            Map<String, Object> nm = ConfigValues.map(node, "an inbound node");
            collectKeras3(nm.get("args"), refs, layer);
            Object kw = nm.get("kwargs");
            if (kw instanceof Map) {
                for (Map.Entry<?, ?> e : ((Map<?, ?>) kw).entrySet()) {
                    if (e.getValue() != null && !"training".equals(e.getKey()) && !"mask".equals(e.getKey())) {
                        throw new IllegalArgumentException("Layer '" + layer.name() + "' was called with keyword argument "
                                + e.getKey() + "=" + abbreviate(e.getValue()) + ", which jkeras does not support.");
                    }
                }
            }
        } else if (node instanceof List) { // Keras 2: [[name, node, tensor, kwargs], ...]
            for (Object r : (List<?>) node) {
                if (!(r instanceof List) || ((List<?>) r).size() < 3) {
                    throw new IllegalArgumentException("An inbound node entry of layer '" + layer.name() + "' should be "
                            + "[layer_name, node_index, tensor_index, kwargs]; received " + abbreviate(r) + ".");
                }
                refs.add((List<?>) r);
            }
        } else {
            throw new IllegalArgumentException("An inbound node of layer '" + layer.name() + "' is neither Keras 3's "
                    + "{args, kwargs} nor Keras 2's list form: " + abbreviate(node) + ".");
        }
        if (refs.isEmpty()) {
            throw new IllegalArgumentException("An inbound node of layer '" + layer.name() + "' has no input tensors.");
        }
        List<KerasTensor> out = new ArrayList<>();
        for (List<?> r : refs) {
            KerasTensor t = tensor(r, created, false);
            if (t == null) {
                return null;
            }
            out.add(t);
        }
        return out;
    }

    private static void collectKeras3(Object v, List<List<?>> refs, Layer layer) {
        if (v instanceof List) {
            for (Object o : (List<?>) v) {
                collectKeras3(o, refs, layer);
            }
        } else if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            if ("__keras_tensor__".equals(m.get("class_name")) && m.get("config") instanceof Map) {
                Object h = ((Map<?, ?>) m.get("config")).get("keras_history");
                if (!(h instanceof List) || ((List<?>) h).size() < 3) {
                    throw new IllegalArgumentException("A tensor in the inbound nodes of layer '" + layer.name() + "' has "
                            + "no keras_history [layer, node_index, tensor_index]: " + abbreviate(m) + ".");
                }
                refs.add((List<?>) h);
            } else {
                throw new IllegalArgumentException("Layer '" + layer.name() + "' is called on " + abbreviate(m)
                        + ", which is not a __keras_tensor__; jkeras supports calls on tensors only.");
            }
        } else if (v != null) {
            throw new IllegalArgumentException("Layer '" + layer.name() + "' is called with the constant argument "
                    + abbreviate(v) + "; jkeras supports calls on tensors only.");
        }
    }

    private static KerasTensor tensor(List<?> ref, Map<String, Layer> created, boolean required) {
        String name = String.valueOf(ref.get(0));
        int nodeIndex = ((Number) ref.get(1)).intValue();
        int tensorIndex = ((Number) ref.get(2)).intValue();
        Layer l = created.get(name);
        if (l == null || nodeIndex >= l.inboundNodes().size()) {
            if (required) {
                throw new IllegalArgumentException("The functional config refers to " + Json.write(ref) + ", but "
                        + (l == null ? "no layer is named '" + name + "'" : "layer '" + name + "' has only "
                        + l.inboundNodes().size() + " call(s)") + ".");
            }
            return null;
        }
        List<KerasTensor> outs = l.inboundNodes().get(nodeIndex).outputs();
        if (tensorIndex >= outs.size()) {
            throw new IllegalArgumentException("The functional config refers to output " + tensorIndex + " of layer '" + name
                    + "', which has " + outs.size() + " output(s).");
        }
        return outs.get(tensorIndex);
    }

    /** {@code input_layers} / {@code output_layers}: a leaf [name, node, tensor], a list of them, or a map. */
    private static Object tensors(Object spec, Map<String, Layer> created, String what) {
        if (spec instanceof Map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) spec).entrySet()) {
                out.put(String.valueOf(e.getKey()), tensors(e.getValue(), created, what));
            }
            return out;
        }
        if (spec instanceof List) {
            List<?> l = (List<?>) spec;
            if (l.size() >= 3 && l.get(0) instanceof String && l.get(1) instanceof Number) {
                return tensor(l, created, true);
            }
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                Object t = tensors(o, created, what);
                if (!(t instanceof KerasTensor)) {
                    throw new IllegalArgumentException("Nested structures in " + what + " (" + abbreviate(spec)
                            + ") are not supported by jkeras; use a list or a map of tensors.");
                }
                out.add(t);
            }
            return out;
        }
        throw new IllegalArgumentException("The functional config's " + what + " should be a list or map of [layer_name, "
                + "node_index, tensor_index]; received " + abbreviate(spec) + ".");
    }

    private static String abbreviate(Object v) {
        String s = Json.write(v);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
