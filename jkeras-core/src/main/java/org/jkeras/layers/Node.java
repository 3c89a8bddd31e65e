package org.jkeras.layers;

import java.util.Collections;
import java.util.List;

/**
 * One call of a layer in a functional graph (Keras's {@code Node}): the symbolic tensors it consumed and the ones
 * it produced. A layer applied twice has two nodes and one set of weights. An {@link org.jkeras.layers.core.InputLayer}'s node has no
 * inputs.
 *
 * <pre>{@code
 * Dense shared = new Dense(4);
 * KerasTensor a = shared.apply(Input.of(3)), b = shared.apply(Input.of(3));
 * Node second = b.node();            // shared.inboundNodes().get(1)
 * List<KerasTensor> in = second.inputs();
 * }</pre>
 */
public final class Node {
    private final Layer layer;
    private final int index;
    private final List<KerasTensor> inputs;
    private List<KerasTensor> outputs;

    Node(Layer layer, int index, List<KerasTensor> inputs) {
        this.layer = layer;
        this.index = index;
        this.inputs = Collections.unmodifiableList(inputs);
    }

    void setOutputs(List<KerasTensor> outputs) {
        this.outputs = Collections.unmodifiableList(outputs);
    }

    /** The layer called. */
    public Layer layer() {
        return layer;
    }

    /** This node's position in {@code layer().inboundNodes()}. */
    public int index() {
        return index;
    }

    /** The symbolic inputs of the call (empty for an input node). */
    public List<KerasTensor> inputs() {
        return inputs;
    }

    /** The symbolic outputs of the call. */
    public List<KerasTensor> outputs() {
        return outputs;
    }

    /** True for the node of an {@link org.jkeras.layers.core.InputLayer} created by {@link org.jkeras.layers.core.Input#of}. */
    public boolean isInput() {
        return inputs.isEmpty();
    }

    @Override
    public String toString() {
        return "Node(" + layer.name() + "[" + index + "])";
    }
}
