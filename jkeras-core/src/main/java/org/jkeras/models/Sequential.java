package org.jkeras.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jkeras.layers.Layer;
import org.jkeras.layers.core.InputLayer;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Sequential}: a plain stack of layers, each feeding the next. The model builds itself as soon as
 * its input shape is known: from the first layer's {@code inputShape}/{@code inputDim}, an {@link InputLayer},
 * an explicit {@link #build}, or the first data it sees.
 *
 * <pre>{@code
 * Sequential model = new Sequential(
 *     new Dense(64, "relu").inputDim(784),
 *     new Dense(2, "softmax"));
 * model.compile("sgd", "categorical_crossentropy", "accuracy");
 * History h = model.fit(x, y, FitOptions.defaults().batchSize(32).epochs(10).validationSplit(0.2));
 * }</pre>
 */
public class Sequential extends Model {
    private final List<Layer> layers = new ArrayList<>();
    /** {@link #layers} without the InputLayer; read on every training step, so kept rather than rebuilt. */
    private List<Layer> visibleLayers = List.of();
    private int[] inputShape;

    public Sequential(Layer... layers) {
        this(null, layers);
    }

    /** A named Sequential model. */
    public Sequential(String name, Layer... layers) {
        super(name, "sequential");
        for (Layer l : layers) {
            add(l);
        }
    }

    /** Appends a layer; the first one may declare the input shape. */
    public Sequential add(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Sequential.add() received null; pass a Layer such as new Dense(10).");
        }
        if (layer instanceof InputLayer && !layers.isEmpty()) {
            throw new IllegalArgumentException("An InputLayer can only be the first layer of a Sequential model; model '"
                    + name() + "' already has " + layers.size() + " layer(s).");
        }
        for (Layer l : layers) {
            if (l.name().equals(layer.name())) {
                throw new IllegalArgumentException("All layers added to a Sequential model should have unique names. Name '"
                        + layer.name() + "' is already the name of a layer in model '" + name() + "'.");
            }
        }
        layers.add(layer);
        refreshVisibleLayers();
        if (layers.size() == 1 && layer.declaredInputShape() != null) {
            build(layer.declaredInputShape());
        } else if (built()) {
            int[] shape = outputShapeBefore(layers.size() - 1);
            layer.build(shape);
        }
        return this;
    }

    /** Removes and returns the last layer. */
    public Layer pop() {
        if (layers.isEmpty()) {
            throw new IllegalStateException("There are no layers in model '" + name() + "' to pop.");
        }
        Layer removed = layers.remove(layers.size() - 1);
        refreshVisibleLayers();
        return removed;
    }

    private void refreshVisibleLayers() {
        List<Layer> visible = new ArrayList<>();
        for (Layer l : layers) {
            if (!(l instanceof InputLayer)) {
                visible.add(l);
            }
        }
        visibleLayers = Collections.unmodifiableList(visible);
    }

    /** The layers in order ({@link InputLayer} excluded, as Keras's {@code model.layers}). */
    @Override
    public List<Layer> layers() {
        return visibleLayers;
    }

    /** The explicit {@link InputLayer} this model starts with, or null when the input shape came otherwise. */
    public InputLayer inputLayer() {
        return !layers.isEmpty() && layers.get(0) instanceof InputLayer ? (InputLayer) layers.get(0) : null;
    }

    /** The input shape with the batch axis as -1, or null before build. */
    public int[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** The output shape with the batch axis as -1. */
    public int[] outputShape() {
        requireBuilt("outputShape()");
        return outputShapeBefore(layers.size());
    }

    private int[] outputShapeBefore(int index) {
        int[] s = inputShape.clone();
        for (int i = 0; i < index; i++) {
            s = layers.get(i).computeOutputShape(s);
        }
        return s;
    }

    /** Builds every layer for the input shape (batch axis included, as -1 or any size); via {@code build(int[])}. */
    @Override
    protected void build(List<int[]> inputShapes) {
        if (layers.isEmpty()) {
            throw new IllegalStateException("Sequential model '" + name() + "' has no layers; add layers before building it.");
        }
        int[] s = inputShapes.get(0).clone();
        s[0] = -1;
        this.inputShape = s.clone();
        for (Layer l : layers) {
            l.build(s);
            s = l.computeOutputShape(s);
        }
    }

    @Override
    protected void ensureBuilt(List<int[]> shapes) {
        if (shapes.size() != 1) {
            throw new IllegalArgumentException("Sequential model '" + name() + "' has one input but received "
                    + shapes.size() + " arrays; pass a single Tensor.");
        }
        int[] dataShape = shapes.get(0);
        if (!built()) {
            build(dataShape);
            return;
        }
        boolean ok = dataShape.length == inputShape.length;
        for (int i = 1; ok && i < dataShape.length; i++) {
            ok = inputShape[i] < 0 || inputShape[i] == dataShape[i];
        }
        if (!ok) {
            throw new IllegalArgumentException("Input of model '" + name() + "' is incompatible: expected shape "
                    + describe(inputShape) + ", found shape " + describe(dataShape)
                    + ". Pass data whose samples have shape " + describe(Arrays.copyOfRange(inputShape, 1, inputShape.length)) + ".");
        }
    }

    @Override
    protected List<Tensor> forward(List<Tensor> xs, boolean training) {
        Tensor h = xs.get(0);
        for (Layer l : layers) {
            h = l.call(h, training);
        }
        return List.of(h);
    }

    /** One input: the {@link InputLayer}'s name, else Keras 3's implicit {@code input_layer}. */
    @Override
    public List<String> inputNames() {
        return List.of(!layers.isEmpty() && layers.get(0) instanceof InputLayer ? layers.get(0).name() : "input_layer");
    }

    /** One output, named after the last layer. */
    @Override
    public List<String> outputNames() {
        return List.of(layers.isEmpty() ? "output" : layers.get(layers.size() - 1).name());
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> shapes) {
        ensureBuilt(shapes);
        return List.of(outputShape());
    }
}
