package org.jkeras.layers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.constraints.Constraint;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.tensor.Tensor;

/**
 * A layer's variables in creation order, with each one's regularizer and constraint: the bookkeeping behind
 * {@link Layer#addWeight}, {@link Layer#weights()}, {@link Layer#losses()} and {@link Layer#applyConstraints()}.
 *
 * <pre>{@code
 * LayerWeights w = new LayerWeights();
 * w.add(kernel, new L2(1e-4), null);
 * List<Tensor> penalties = w.penalties();
 * }</pre>
 */
final class LayerWeights {
    private final List<Variable> all = new ArrayList<>();
    private final Map<Variable, Regularizer> regularizers = new IdentityHashMap<>();
    private final Map<Variable, Constraint> constraints = new IdentityHashMap<>();

    Variable add(Variable v, Regularizer regularizer, Constraint constraint) {
        all.add(v);
        if (regularizer != null) {
            regularizers.put(v, regularizer);
        }
        if (constraint != null) {
            constraints.put(v, constraint);
        }
        return v;
    }

    /** The penalty of every regularized trainable variable, in creation order. */
    List<Tensor> penalties() {
        List<Tensor> out = new ArrayList<>();
        for (Variable v : all) {
            Regularizer r = regularizers.get(v);
            if (r != null && v.trainable()) {
                out.add(r.apply(v.value()));
            }
        }
        return out;
    }

    void applyConstraints() {
        for (Variable v : all) {
            Constraint c = constraints.get(v);
            if (c != null && v.trainable()) {
                c.applyTo(v);
            }
        }
    }

    Regularizer regularizer(Variable v) {
        return regularizers.get(v);
    }

    Constraint constraint(Variable v) {
        return constraints.get(v);
    }

    List<Variable> all() {
        return Collections.unmodifiableList(all);
    }

    /** The trainable ({@code true}) or non-trainable variables, in creation order. */
    List<Variable> withTrainable(boolean trainable) {
        List<Variable> out = new ArrayList<>();
        for (Variable v : all) {
            if (v.trainable() == trainable) {
                out.add(v);
            }
        }
        return out;
    }

    long count() {
        long n = 0;
        for (Variable v : all) {
            n += v.value().size();
        }
        return n;
    }
}
