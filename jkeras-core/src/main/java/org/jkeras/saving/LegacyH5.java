package org.jkeras.saving;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.layers.Layer;
import org.jkeras.models.Model;

/**
 * The legacy Keras 2 / tf.keras HDF5 layout: root attributes {@code keras_version}, {@code backend},
 * {@code model_config} and {@code training_config}; weights under {@code model_weights} (or at the root for
 * {@code save_weights} files) as one group per layer with a {@code weight_names} attribute naming each dataset's
 * path relative to that group. Layers are matched to the file's weighted layers by position, as Keras does.
 */
final class LegacyH5 {
    /** The Keras version written into legacy files: the tf.keras 2.x format they follow. */
    static final String LEGACY_KERAS_VERSION = "2.15.0";

    private LegacyH5() {}

    /** The root's {@code model_config} as parsed JSON, or null when the file is weights-only. */
    static Object modelConfig(Group root) {
        String json = Hdf5.string(root, "model_config");
        return json == null ? null : Json.parse(json);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> trainingConfig(Group root) {
        String json = Hdf5.string(root, "training_config");
        return json == null ? null : (Map<String, Object>) Json.parse(json);
    }

    /** Loads weights from a group holding {@code layer_names} (a full file's {@code model_weights}, or a weights-only root). */
    static void readWeights(Model model, Group g, String source) throws ModelFileException {
        readWeights(model, g, source, false);
    }

    /** As {@link #readWeights(Model, Group, String)}; {@code intoFreshModel}: see {@link WeightAssignments}. */
    static void readWeights(Model model, Group g, String source, boolean intoFreshModel) throws ModelFileException {
        List<String> layerNames = Hdf5.stringList(g, "layer_names");
        if (layerNames.isEmpty()) {
            throw new ModelFileException(source + " has no 'layer_names' attribute where Keras 2 weights live; it is not a "
                    + "Keras weights file. Expected a file from model.save_weights() or model.save() in Keras.");
        }
        List<String> weighted = new ArrayList<>();
        for (String name : layerNames) {
            Node n = g.getChild(name);
            if (!(n instanceof Group)) {
                throw new ModelFileException(source + " lists layer '" + name + "' in layer_names but has no group for it; "
                        + "the file is damaged or truncated.");
            }
            if (!Hdf5.stringList(n, "weight_names").isEmpty()) {
                weighted.add(name);
            }
        }
        List<Layer> layers = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (!WeightsH5.savedVariables(l).isEmpty()) {
                layers.add(l);
            }
        }
        if (layers.size() != weighted.size()) {
            List<String> modelNames = new ArrayList<>();
            for (Layer l : layers) {
                modelNames.add(l.name());
            }
            throw new ModelFileException("You are trying to load a weight file containing " + weighted.size() + " layers with "
                    + "weights " + weighted + " into a model with " + layers.size() + " layers with weights " + modelNames
                    + " (" + source + "). Use the same architecture as the saved model.");
        }
        WeightAssignments todo = new WeightAssignments(source, intoFreshModel);
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            Group lg = (Group) g.getChild(weighted.get(i));
            List<String> names = Hdf5.stringList(lg, "weight_names");
            List<Variable> expected = WeightsH5.savedVariables(l);
            WeightAssignments.checkCount(source, l, expected.size(), names.size(), lg.getPath());
            for (int k = 0; k < names.size(); k++) {
                Node ds = Hdf5.at(lg, names.get(k));
                if (!(ds instanceof Dataset)) {
                    throw new ModelFileException(source + ": weight '" + names.get(k) + "' of layer '" + weighted.get(i)
                            + "' is listed in weight_names but no dataset exists at '" + lg.getPath() + "/" + names.get(k)
                            + "'; the file is damaged.");
                }
                todo.add(l, k, expected.get(k), (Dataset) ds, ds.getPath());
            }
        }
        todo.assignAll();
    }

    /** Writes weights in tf.keras 2.x layout into {@code g}: layer_names, backend, keras_version, one group per layer. */
    static void writeWeights(Model model, Hdf5.Tree g) {
        List<String> names = new ArrayList<>();
        for (Layer l : model.layers()) {
            names.add(l.name());
        }
        g.strings("layer_names", names);
        g.attr("backend", "tensorflow");
        g.attr("keras_version", LEGACY_KERAS_VERSION);
        for (Layer l : model.layers()) {
            Hdf5.Tree lg = g.group(l.name());
            List<Variable> vars = WeightsH5.savedVariables(l);
            // a layer's weights are "<layer>/<weight>:0"; a nested model's are named by the inner layer that owns them
            java.util.Map<Variable, String> owners = new java.util.IdentityHashMap<>();
            if (l instanceof Model) {
                owners(((Model) l).layers(), owners);
            }
            List<String> weightNames = new ArrayList<>();
            for (Variable v : vars) {
                weightNames.add(owners.getOrDefault(v, l.name()) + "/" + v.name() + ":0");
            }
            lg.strings("weight_names", weightNames);
            java.util.Map<String, Hdf5.Tree> groups = new java.util.HashMap<>();
            for (int k = 0; k < vars.size(); k++) {
                String owner = owners.getOrDefault(vars.get(k), l.name());
                groups.computeIfAbsent(owner, lg::group).tensor(vars.get(k).name() + ":0", vars.get(k).value());
            }
        }
    }

    /** The innermost layer owning each variable of these layers (nested models searched through). */
    private static void owners(List<Layer> layers, java.util.Map<Variable, String> out) {
        for (Layer l : layers) {
            if (l instanceof Model) {
                owners(((Model) l).layers(), out);
            } else {
                for (Variable v : l.weights()) {
                    out.putIfAbsent(v, l.name());
                }
            }
        }
    }

    /** Writes a full model as tf.keras 2.x did: root attributes, then {@code model_weights}. */
    static void writeModel(Model model, Hdf5.Tree root) {
        root.attr("backend", "tensorflow");
        root.attr("keras_version", LEGACY_KERAS_VERSION);
        root.attr("model_config", Json.write(ModelConfig.serialize(model, false)));
        Map<String, Object> training = ModelConfig.trainingConfig(model);
        if (training != null) {
            root.attr("training_config", Json.write(training));
        }
        writeWeights(model, root.group("model_weights"));
    }
}
