package org.jkeras.layers;

/**
 * A symbolic tensor of the functional API (Keras's {@code KerasTensor}): a shape (batch axis {@code -1}) and its
 * history — the layer that produced it, which call of that layer ({@code nodeIndex}) and which of that call's
 * outputs ({@code tensorIndex}). It holds no data; a {@code Model} built from such tensors replays the recorded
 * layer calls on real tensors.
 *
 * <pre>{@code
 * KerasTensor x = Input.of("features", 3);           // shape (-1, 3)
 * KerasTensor h = new Dense(8, "relu").apply(x);     // shape (-1, 8), history (dense, 0, 0)
 * int[] s = h.shape();
 * }</pre>
 */
public final class KerasTensor {
    private final int[] shape;
    private final Layer layer;
    private final int nodeIndex;
    private final int tensorIndex;
    private final String name;

    KerasTensor(int[] shape, Layer layer, int nodeIndex, int tensorIndex, String name) {
        this.shape = shape.clone();
        this.layer = layer;
        this.nodeIndex = nodeIndex;
        this.tensorIndex = tensorIndex;
        this.name = name;
    }

    /** The shape with the batch axis as {@code -1} (Keras's {@code None}). */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of axes, the batch axis included. */
    public int rank() {
        return shape.length;
    }

    /** The layer whose call produced this tensor (an {@link org.jkeras.layers.core.InputLayer} for {@link org.jkeras.layers.core.Input#of}). */
    public Layer layer() {
        return layer;
    }

    /** Which call of {@link #layer()} produced it (0 for the first, 1 for the second use of a shared layer...). */
    public int nodeIndex() {
        return nodeIndex;
    }

    /** Which output of that call it is (0 unless the layer has several outputs). */
    public int tensorIndex() {
        return tensorIndex;
    }

    /** The node (layer call) that produced this tensor. */
    public Node node() {
        return layer.inboundNodes().get(nodeIndex);
    }

    /** The tensor's name: the input's name for {@link org.jkeras.layers.core.Input#of}, else {@code keras_tensor_N}. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "<KerasTensor shape=" + Shapes.describe(shape) + ", name=" + name + ", history=(" + layer.name() + ", "
                + nodeIndex + ", " + tensorIndex + ")>";
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
