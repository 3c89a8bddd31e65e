package org.jkeras.saving;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.layers.Layer;
import org.jkeras.layers.Names;
import org.jkeras.models.Model;
import org.jkeras.optimizers.Optimizer;
import org.jkeras.tensor.Tensor;

/**
 * The Keras 3 weights layout ({@code model.weights.h5} inside a {@code .keras} zip, and {@code .weights.h5}):
 * {@code layers/<snake_class>[_n]/vars/<i>}, then {@code optimizer/vars/<i>} (0 = iterations, 1 = learning rate,
 * then the slots in creation order), and a root {@code vars} group; each {@code vars} group carries a {@code name}
 * attribute as Keras 3.15+ writes it.
 */
final class WeightsH5 {
    private WeightsH5() {}

    /** The group keys Keras gives the model's layers: class name in snake_case, numbered per class. */
    static List<String> layerKeys(List<Layer> layers) {
        Map<String, Integer> counts = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (Layer l : layers) {
            String base = Names.snake(l.className());
            int n = counts.merge(base, 1, Integer::sum) - 1;
            keys.add(n == 0 ? base : base + "_" + n);
        }
        return keys;
    }

    /**
     * The variables a layer saves, in Keras's order: its serializer's for a layer; for a nested model (a model used as
     * a layer), all its trainable variables then all its non-trainable ones, as Keras's legacy h5 writer lists them.
     */
    static List<Variable> savedVariables(Layer l) {
        if (l instanceof Model) {
            List<Variable> out = new ArrayList<>(l.trainableWeights());
            out.addAll(l.nonTrainableWeights());
            return out;
        }
        return SavingRegistry.forLayer(l).serializer.savedVariables(l);
    }

    static void write(Model model, Hdf5.Tree root) {
        writeLayers(model.layers(), root.group("layers"));
        Optimizer opt = model.optimizer();
        if (opt != null) {
            Hdf5.Tree vars = root.group("optimizer").group("vars");
            vars.attr("name", opt.name());
            vars.int32("0", (int) Math.min(Integer.MAX_VALUE, opt.iterations()));
            int fixed = fixedVariables(opt);
            if (fixed == 2) {
                vars.tensor("1", org.jkeras.tensor.Tensor.scalar((float) opt.learningRate()));
            }
            List<Variable> slots = opt.slotVariables();
            for (int k = 0; k < slots.size(); k++) {
                vars.tensor(Integer.toString(k + fixed), slots.get(k).value());
            }
        }
        root.group("vars").attr("name", model.name());
    }

    /** Each layer at {@code layers/<key>/vars/<i>}; a nested model's layers under {@code layers/<key>/layers/...}. */
    private static void writeLayers(List<Layer> layers, Hdf5.Tree layersGroup) {
        List<String> keys = layerKeys(layers);
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            Hdf5.Tree g = layersGroup.group(keys.get(i));
            if (l instanceof Model) {
                writeLayers(((Model) l).layers(), g.group("layers"));
                g.group("vars").attr("name", l.name());
                continue;
            }
            Hdf5.Tree vars = g.group("vars");
            vars.attr("name", l.name());
            List<Variable> saved = savedVariables(l);
            for (int k = 0; k < saved.size(); k++) {
                vars.tensor(Integer.toString(k), saved.get(k).value());
            }
        }
    }

    /** A check run after the layer weights are read and before any is assigned (a zip member's CRC-32). */
    interface BeforeAssign {
        void check() throws java.io.IOException;
    }

    /** Loads layer weights (all or nothing) and, when the model is compiled, the optimizer state. */
    static void read(Model model, Group root, String source) throws java.io.IOException {
        read(model, root, source, () -> { }, false);
    }

    /**
     * As {@link #read(Model, Group, String)}, running {@code beforeAssign} once every layer weight is read; with
     * {@code intoFreshModel} (a model built from the same file) weights are read straight into the variables.
     */
    static void read(Model model, Group root, String source, BeforeAssign beforeAssign, boolean intoFreshModel)
            throws java.io.IOException {
        Group layersGroup = Hdf5.group(root, "layers");
        if (layersGroup == null) {
            layersGroup = Hdf5.group(root, "_layer_checkpoint_dependencies"); // tf.keras 2.13 .keras files
        }
        WeightAssignments todo = new WeightAssignments(source, intoFreshModel);
        readLayers(model.layers(), layersGroup, "layers", todo, source);
        beforeAssign.check();
        todo.assignAll();
        Optimizer opt = model.optimizer();
        Group optVars = (Group) asGroup(Hdf5.at(root, "optimizer/vars"));
        if (opt != null && optVars != null) {
            readOptimizer(model, opt, optVars, source);
        }
    }

    private static void readLayers(List<Layer> layers, Group layersGroup, String prefix, WeightAssignments todo,
            String source) throws ModelFileException {
        List<String> keys = layerKeys(layers);
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            if (l instanceof Model) {
                Group inner = layersGroup == null ? null : (Group) asGroup(Hdf5.at(layersGroup, keys.get(i) + "/layers"));
                if (inner == null && !savedVariables(l).isEmpty()) {
                    throw new ModelFileException(source + " has no weights for the nested model '" + l.name() + "': group '"
                            + prefix + "/" + keys.get(i) + "/layers' is missing. The file was saved from a different "
                            + "architecture; use the same layers, in the same order, as the saved model.");
                }
                readLayers(((Model) l).layers(), inner, prefix + "/" + keys.get(i) + "/layers", todo, source);
                continue;
            }
            List<Variable> expected = savedVariables(l);
            String path = prefix + "/" + keys.get(i) + "/vars";
            Group vars = layersGroup == null ? null : (Group) asGroup(Hdf5.at(layersGroup, keys.get(i) + "/vars"));
            if (vars == null) {
                if (expected.isEmpty()) {
                    continue;
                }
                throw new ModelFileException(source + " has no weights for layer '" + l.name() + "' (" + l.className()
                        + "): group '" + path + "' is missing" + (layersGroup == null ? " (the file has no such layers group)"
                        : "; the file has layer groups " + layersGroup.getChildren().keySet()) + ". The file was saved from a "
                        + "different architecture; use the same layers, in the same order, as the saved model.");
            }
            List<Dataset> values = numbered(vars);
            WeightAssignments.checkCount(source, l, expected.size(), values.size(), path);
            for (int k = 0; k < values.size(); k++) {
                todo.add(l, k, expected.get(k), values.get(k), path + "/" + k);
            }
        }
    }

    /**
     * Keras 3 numbers an optimizer's variables {@code iterations}, then {@code learning_rate} unless the learning rate
     * is a schedule (a schedule is no variable), then the slots.
     */
    static int fixedVariables(Optimizer opt) {
        return opt.learningRateSchedule() == null ? 2 : 1;
    }

    private static void readOptimizer(Model model, Optimizer opt, Group vars, String source) throws ModelFileException {
        List<Dataset> values = numbered(vars);
        int fixed = fixedVariables(opt);
        if (values.size() < fixed) {
            return;
        }
        if (values.size() > fixed) {
            opt.build(model.trainableWeights());
        }
        List<Variable> slots = opt.slotVariables();
        if (values.size() != fixed && values.size() != fixed + slots.size()) {
            System.err.println("WARNING: skipping optimizer state in " + source + ": it has " + (values.size() - fixed)
                    + " slot variables but this " + opt.getClass().getSimpleName() + " has " + slots.size()
                    + "; training continues from fresh optimizer state.");
            return;
        }
        for (int k = fixed; k < values.size(); k++) {
            Tensor t = Hdf5.tensor(values.get(k));
            Variable slot = slots.get(k - fixed);
            if (!java.util.Arrays.equals(slot.shape(), t.shape())) {
                throw new ModelFileException("Optimizer slot " + k + " ('" + slot.name() + "') in " + source + " has shape "
                        + WeightAssignments.shape(t.shape()) + " but the model's variable needs " + WeightAssignments.shape(slot.shape())
                        + "; the optimizer state belongs to another architecture. Load with compile=false to skip it.");
            }
        }
        for (int k = fixed; k < values.size(); k++) {
            slots.get(k - fixed).assign(Hdf5.tensor(values.get(k)));
        }
        opt.setIterations((long) Hdf5.scalar(values.get(0)));
        if (fixed == 2) {
            opt.setLearningRate((float) Hdf5.scalar(values.get(1)));
        }
    }

    private static Node asGroup(Node n) {
        return n instanceof Group ? n : null;
    }

    /** The datasets {@code 0, 1, 2, ...} of a vars group, in numeric order. */
    private static List<Dataset> numbered(Group vars) {
        List<Dataset> out = new ArrayList<>();
        for (int k = 0; ; k++) {
            Node n = vars.getChild(Integer.toString(k));
            if (!(n instanceof Dataset)) {
                return out;
            }
            out.add((Dataset) n);
        }
    }
}
