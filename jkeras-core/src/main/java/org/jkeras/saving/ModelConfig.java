package org.jkeras.saving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.initializers.Initializer;
import org.jkeras.layers.Layer;
import org.jkeras.layers.core.InputLayer;
import org.jkeras.layers.merging.Merge;
import org.jkeras.losses.Loss;
import org.jkeras.metrics.Metric;
import org.jkeras.models.Model;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.Optimizer;
import org.jkeras.training.CompileOptions;

/**
 * Model architectures to and from Keras's config dicts, in both styles: Keras 3 ({@code module},
 * {@code registered_name}, {@code build_config}, dtype policies) and Keras 2 / tf.keras ({@code class_name} and
 * {@code config} only, {@code batch_input_shape}; Sequential configs as a dict or, before Keras 2.2, a bare list).
 */
final class ModelConfig {
    /** Keys only Keras 3 accepts; left out of Keras 2 style configs (tf.keras's from_config would reject them). */
    private static final List<String> KERAS3_ONLY = List.of("quantization_config", "input_axes", "output_axes", "optional");

    private ModelConfig() {}

    // ------------------------------------------------------------------ writing

    static Map<String, Object> serialize(Model model, boolean keras3) {
        if (model.getClass() == Model.class && model.isGraph()) {
            return FunctionalConfig.serialize(model, keras3);
        }
        if (!(model instanceof Sequential)) {
            throw new IllegalArgumentException("Saving a " + model.getClass().getName() + " is not supported: jkeras saves "
                    + "Sequential and functional models (new Model(inputs, outputs)); a subclassed model cannot be rebuilt "
                    + "from a config.");
        }
        Sequential seq = (Sequential) model;
        List<Object> layers = new ArrayList<>();
        int[] inputShape = seq.built() ? seq.inputShape() : null;
        if (inputShape != null) {
            InputLayer in = seq.inputLayer();
            Map<String, Object> ic = new LinkedHashMap<>();
            ic.put(keras3 ? "batch_shape" : "batch_input_shape", shapeList(inputShape));
            ic.put("dtype", in != null ? in.dtype() : "float32");
            ic.put("sparse", false);
            ic.put("ragged", false);
            ic.put("name", in != null ? in.name() : seq.layers().get(0).name() + "_input");
            if (keras3) {
                ic.put("optional", false);
            }
            layers.add(entry(keras3, "keras.layers", "InputLayer", null, ic, null));
        }
        for (Layer l : seq.layers()) {
            layers.add(serializeLayer(l, keras3));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", seq.name());
        if (keras3) {
            config.put("trainable", seq.trainable());
            config.put("dtype", dtypePolicy());
        }
        config.put("layers", layers);
        if (keras3 && inputShape != null) {
            config.put("build_input_shape", shapeList(inputShape));
        }
        Map<String, Object> buildConfig = null;
        if (keras3 && inputShape != null) {
            buildConfig = new LinkedHashMap<>();
            buildConfig.put("input_shape", shapeList(inputShape));
        }
        Map<String, Object> out = entry(keras3, "keras", "Sequential", null, config, buildConfig);
        return out;
    }

    static Map<String, Object> serializeLayer(Layer l, boolean keras3) {
        if (l instanceof Model) {
            return serialize((Model) l, keras3); // a nested model is written as its whole model dict, as Keras
        }
        SavingRegistry.Entry e = SavingRegistry.forLayer(l);
        Map<String, Object> cfg = convert(l.getConfig(), keras3);
        if (keras3 && cfg.get("dtype") instanceof String && !(l instanceof InputLayer)) {   // an Input keeps its dtype
            cfg.put("dtype", dtypePolicy());
        }
        if (!keras3 && "Dense".equals(e.className()) && !cfg.containsKey("activity_regularizer")) {
            cfg.put("activity_regularizer", null);
        }
        Map<String, Object> build = null;
        if (keras3 && l instanceof Merge && l.builtInputShapes() != null) {
            build = new LinkedHashMap<>();
            List<Object> shapes = new ArrayList<>();
            for (int[] s : l.builtInputShapes()) {
                shapes.add(shapeList(s));
            }
            build.put("input_shape", shapes);
        } else if (keras3 && l.built() && !l.weights().isEmpty()) {
            build = new LinkedHashMap<>();
            build.put("input_shape", shapeList(l.builtInputShape()));
        }
        return entry(keras3, e.builtIn ? "keras.layers" : null, e.className(), e.builtIn ? null : e.registeredName, cfg, build);
    }

    private static Map<String, Object> entry(boolean keras3, String module, String className, String registeredName,
            Object config, Map<String, Object> buildConfig) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (keras3) {
            m.put("module", module);
        }
        m.put("class_name", className);
        m.put("config", config);
        if (keras3) {
            m.put("registered_name", registeredName);
            if (buildConfig != null) {
                m.put("build_config", buildConfig);
            }
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> convert(Map<String, Object> cfg, boolean keras3) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : cfg.entrySet()) {
            if (!keras3 && KERAS3_ONLY.contains(e.getKey())) {
                continue;
            }
            Object v = e.getValue();
            if (v instanceof Initializer) {
                Map<String, Object> init = InitializerCodec.serialize((Initializer) v, keras3);
                if (!keras3) {
                    init.put("config", convert((Map<String, Object>) init.get("config"), false));
                }
                v = init;
            } else if (v instanceof int[]) {
                v = shapeList((int[]) v);
            } else if (v instanceof Layer) {
                v = serializeLayer((Layer) v, keras3);   // a wrapped layer (an RNN's cell, a wrapper's layer)
            } else if (v instanceof Map) {
                Map<String, Object> vm = convert((Map<String, Object>) v, keras3);
                if (!keras3 && vm.containsKey("class_name")) { // Keras 2 objects: {class_name, config} only
                    vm.remove("module");
                    vm.remove("registered_name");
                }
                v = vm;
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    static Map<String, Object> dtypePolicy() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", "float32");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", "keras");
        m.put("class_name", "DTypePolicy");
        m.put("config", c);
        m.put("registered_name", null);
        return m;
    }

    static List<Object> shapeList(int[] shape) {
        List<Object> l = new ArrayList<>();
        for (int d : shape) {
            l.add(d < 0 ? null : d);
        }
        return l;
    }

    /** Keras 3 {@code compile_config}, or null for an uncompiled model. */
    static Map<String, Object> compileConfig(Model model) {
        Optimizer opt = model.optimizer();
        if (opt == null || model.loss() == null) {
            return null;
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("optimizer", OptimizerCodec.serialize(opt, true));
        c.put("loss", lossValue(model));
        c.put("loss_weights", lossWeightsValue(model));
        c.put("metrics", metricsValue(model, false));
        c.put("weighted_metrics", metricsValue(model, true));
        c.put("run_eagerly", false);
        c.put("steps_per_execution", 1);
        c.put("jit_compile", false);
        return c;
    }

    /** Keras 2 {@code training_config} (as tf.keras 2.x wrote it), or null for an uncompiled model. */
    static Map<String, Object> trainingConfig(Model model) {
        Optimizer opt = model.optimizer();
        if (opt == null || model.loss() == null) {
            return null;
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("loss", lossValue(model));
        c.put("metrics", metricsValue(model, false));
        c.put("weighted_metrics", metricsValue(model, true));
        c.put("loss_weights", lossWeightsValue(model));
        c.put("optimizer_config", OptimizerCodec.serialize(opt, false));
        return c;
    }

    /** The loss as compiled: one name, a list per output, or a map by output name (as it was given). */
    private static Object lossValue(Model model) {
        CompileOptions o = model.compileOptions();
        Object given = o == null ? null : o.getLoss();
        List<Loss> per = model.compiledLosses();
        List<String> outs = model.outputNames();
        if (given instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < outs.size(); i++) {
                if (per.get(i) != null) {
                    m.put(outs.get(i), per.get(i).name());
                }
            }
            return m;
        }
        if (given instanceof List) {
            List<Object> l = new ArrayList<>();
            for (Loss loss : per) {
                l.add(loss == null ? null : loss.name());
            }
            return l;
        }
        return model.loss().name();
    }

    private static Object lossWeightsValue(Model model) {
        CompileOptions o = model.compileOptions();
        Object w = o == null ? null : o.getLossWeights();
        if (w instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String out : model.outputNames()) {
                Object v = ((Map<?, ?>) w).get(out);
                if (v != null) {
                    m.put(out, ((Number) v).doubleValue());
                }
            }
            return m;
        }
        if (w instanceof List) {
            List<Object> l = new ArrayList<>();
            for (Object v : (List<?>) w) {
                l.add(v == null ? null : ((Number) v).doubleValue());
            }
            return l;
        }
        return w instanceof Number ? ((Number) w).doubleValue() : null;
    }

    /** Metrics as given to compile (names; Metric objects by their name), or null when there are none. */
    private static Object metricsValue(Model model, boolean weighted) {
        CompileOptions o = model.compileOptions();
        Object spec = o == null ? null : weighted ? o.getWeightedMetrics() : o.getMetrics();
        if (spec instanceof Map) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String out : model.outputNames()) {
                Object v = ((Map<?, ?>) spec).get(out);
                if (v != null) {
                    m.put(out, metricNames(v));
                }
            }
            return m;
        }
        if (spec instanceof List && !((List<?>) spec).isEmpty()
                && ((List<?>) spec).stream().allMatch(e -> e == null || e instanceof List)) {
            return metricNames(spec);
        }
        if (weighted) {
            Object names = spec == null ? null : metricNames(spec instanceof Object[] ? List.of((Object[]) spec) : spec);
            return names instanceof List && ((List<?>) names).isEmpty() ? null : names;
        }
        return model.compiledMetricNames().isEmpty() ? null : new ArrayList<>(model.compiledMetricNames());
    }

    private static Object metricNames(Object v) {
        if (v instanceof Metric) {
            return ((Metric) v).name();
        }
        if (v instanceof List) {
            List<Object> l = new ArrayList<>();
            for (Object o : (List<?>) v) {
                l.add(metricNames(o));
            }
            return l;
        }
        return v == null ? null : String.valueOf(v);
    }

    // ------------------------------------------------------------------ reading

    /** A model from a serialized model dict ({@code {"class_name": "Sequential", "config": ...}}), Keras 2 or 3. */
    static Model deserialize(Object spec) {
        Map<String, Object> m = ConfigValues.map(spec, "A model config");
        Object cn = m.get("class_name");
        if (!(cn instanceof String)) {
            throw new IllegalArgumentException("The model config has no 'class_name' (found keys " + m.keySet()
                    + "); expected Keras's model config such as {\"class_name\": \"Sequential\", \"config\": {...}}.");
        }
        String className = (String) cn;
        if (className.equals("Sequential")) {
            return sequential(m);
        }
        if (className.equals("Functional") || className.equals("Model")) {
            return FunctionalConfig.deserialize(m);
        }
        Object reg = m.get("registered_name");
        throw new IllegalArgumentException("Unknown model class '" + (reg != null ? reg : className) + "'; jkeras loads "
                + "Sequential and functional models. A custom model class cannot be rebuilt without its code.");
    }

    private static Sequential sequential(Map<String, Object> m) {
        Object cfgObj = m.get("config");
        List<?> layerSpecs;
        String name = null;
        if (cfgObj instanceof List) {
            layerSpecs = (List<?>) cfgObj; // Keras 2.0/2.1: bare list
        } else {
            Map<String, Object> cfg = ConfigValues.map(cfgObj, "The Sequential config");
            if (!(cfg.get("layers") instanceof List)) {
                throw new IllegalArgumentException("The Sequential config has no 'layers' list (found keys " + cfg.keySet() + ").");
            }
            layerSpecs = (List<?>) cfg.get("layers");
            name = cfg.get("name") == null ? null : String.valueOf(cfg.get("name"));
            ConfigValues.checkDtype(cfg);
        }
        List<Layer> layers = new ArrayList<>();
        for (Object o : layerSpecs) {
            layers.add(layer(ConfigValues.map(o, "A layer entry")));
        }
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("The Sequential config has no layers; a model needs at least one.");
        }
        Sequential seq = new Sequential(name, layers.toArray(new Layer[0]));
        if (!seq.built()) {
            Object bc = m.get("build_config");
            Object shape = bc instanceof Map ? ((Map<?, ?>) bc).get("input_shape") : null;
            if (shape == null && cfgObj instanceof Map) {
                shape = ((Map<?, ?>) cfgObj).get("build_input_shape");
            }
            if (shape instanceof List) {
                seq.build(ConfigValues.shape(shape, "build_config input_shape"));
            }
        }
        return seq;
    }

    static Layer layer(Map<String, Object> spec) {
        String className = spec.get("class_name") == null ? null : String.valueOf(spec.get("class_name"));
        if ("Sequential".equals(className) || "Functional".equals(className) || "Model".equals(className)) {
            Model nested = deserialize(spec);   // a model used as a layer of this one
            Object c = spec.get("config");
            if (c instanceof Map && Boolean.FALSE.equals(((Map<?, ?>) c).get("trainable"))) {
                nested.setTrainable(false);
            }
            return nested;
        }
        String registered = spec.get("registered_name") == null ? null : String.valueOf(spec.get("registered_name"));
        Map<String, Object> cfg = spec.get("config") == null ? new LinkedHashMap<>() : ConfigValues.map(spec.get("config"),
                "The config of a " + className + " layer");
        SavingRegistry.Entry e = SavingRegistry.forConfig(className, registered);
        if ("InputLayer".equals(className)) {
            ConfigValues.inputDtype(cfg);
        } else if (!TextLayers.NAMES.contains(className)) { // text layers compute int64 ids or take strings
            ConfigValues.checkDtype(cfg);
        }
        Layer l = e.serializer.fromConfig(cfg);
        if (cfg.get("name") != null && !(l instanceof InputLayer && l.name().equals(cfg.get("name")))) {
            l.name(String.valueOf(cfg.get("name")));
        }
        if (!ConfigValues.bool(cfg, "trainable", true)) {
            l.setTrainable(false);
        }
        Object bis = cfg.get("batch_input_shape");
        if (bis == null) {
            bis = cfg.get("batch_shape");
        }
        if (bis != null && !(l instanceof InputLayer)) {
            int[] s = ConfigValues.shape(bis, "batch_input_shape of " + ConfigValues.where(cfg));
            l.inputShape(Arrays.copyOfRange(s, 1, s.length));
        }
        return l;
    }
}
