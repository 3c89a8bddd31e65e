package org.jkeras.layers;

import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;

/**
 * A layer whose variables Keras 3's {@code .keras} weights file keeps in nested groups below the layer's own group,
 * because Keras tracks them on inner layers: an RNN's on its {@code cell} ({@code layers/lstm/cell/vars/0..2}), a
 * Bidirectional's on {@code forward_layer/cell} and {@code backward_layer/cell}, a TimeDistributed's on {@code layer}.
 * The legacy {@code .h5} layout is flat and uses the concatenation of the groups in order.
 *
 * <pre>{@code
 * public Map<String, List<Variable>> variableGroups() {
 *     return Map.of("cell/vars", List.of(kernel, recurrentKernel, bias));
 * }
 * }</pre>
 */
public interface NestedVariables {
    /** Group path below the layer's group (ending in {@code vars}) to its variables in Keras's order; ordered. */
    Map<String, List<Variable>> variableGroups();
}
