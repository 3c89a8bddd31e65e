package org.jkeras.layers.normalization;

import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.constraints.Constraint;
import org.jkeras.initializers.Initializer;
import org.jkeras.initializers.Initializers;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.tensor.Tensor;

/**
 * The learned scale and offset that Keras's normalization layers share: {@code center}, {@code scale} and the
 * {@code gamma}/{@code beta} initializers, regularizers and constraints — their fluent setters (refused once the
 * layer is built), their variables and their config keys. Subclasses decide when each variable exists and where
 * the keys stand in their config.
 *
 * <pre>{@code
 * Layer ln = new LayerNormalization().center(false).gammaRegularizer(Regularizers.l2(1e-4));
 * }</pre>
 *
 * @param <T> the concrete layer, returned by the fluent setters
 */
public abstract class ScaleOffsetNormalization<T extends ScaleOffsetNormalization<T>> extends Layer {
    protected boolean center = true, scale = true;
    private Initializer betaInitializer = Initializers.get("zeros"), gammaInitializer = Initializers.get("ones");
    private Regularizer betaRegularizer, gammaRegularizer;
    private Constraint betaConstraint, gammaConstraint;
    private Variable gamma, beta;

    protected ScaleOffsetNormalization() {}

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** Keras's {@code center} (default true): add the learned offset beta. */
    public T center(boolean center) {
        requireUnbuilt("center");
        this.center = center;
        return self();
    }

    /** Keras's {@code scale} (default true): multiply by the learned gamma. */
    public T scale(boolean scale) {
        requireUnbuilt("scale");
        this.scale = scale;
        return self();
    }

    public T betaInitializer(Initializer i) {
        requireUnbuilt("beta_initializer");
        betaInitializer = i;
        return self();
    }

    public T gammaInitializer(Initializer i) {
        requireUnbuilt("gamma_initializer");
        gammaInitializer = i;
        return self();
    }

    public T betaRegularizer(Regularizer r) {
        requireUnbuilt("beta_regularizer");
        betaRegularizer = r;
        return self();
    }

    public T gammaRegularizer(Regularizer r) {
        requireUnbuilt("gamma_regularizer");
        gammaRegularizer = r;
        return self();
    }

    public T betaConstraint(Constraint c) {
        requireUnbuilt("beta_constraint");
        betaConstraint = c;
        return self();
    }

    public T gammaConstraint(Constraint c) {
        requireUnbuilt("gamma_constraint");
        gammaConstraint = c;
        return self();
    }

    /** gamma, or null when the layer has none (for instance {@code scale} false). */
    public Variable gamma() {
        return gamma;
    }

    /** beta, or null when the layer has none (for instance {@code center} false). */
    public Variable beta() {
        return beta;
    }

    /** Adds the trainable "gamma" of {@code shape} with its initializer, regularizer and constraint. */
    protected final void addGamma(int[] shape) {
        gamma = addWeight("gamma", shape, gammaInitializer, true, gammaRegularizer, gammaConstraint);
    }

    /** Adds the trainable "beta" of {@code shape} with its initializer, regularizer and constraint. */
    protected final void addBeta(int[] shape) {
        beta = addWeight("beta", shape, betaInitializer, true, betaRegularizer, betaConstraint);
    }

    /** gamma's value, or null without gamma. */
    protected final Tensor gammaValue() {
        return gamma != null ? gamma.value() : null;
    }

    /** beta's value, or null without beta. */
    protected final Tensor betaValue() {
        return beta != null ? beta.value() : null;
    }

    /** Puts {@code beta_initializer} and {@code gamma_initializer}, in Keras's order. */
    protected final void putInitializers(Map<String, Object> c) {
        c.put("beta_initializer", betaInitializer);
        c.put("gamma_initializer", gammaInitializer);
    }

    /** Puts the beta/gamma regularizers then constraints (null when unset), in Keras's order. */
    protected final void putRegularizersAndConstraints(Map<String, Object> c) {
        c.put("beta_regularizer", betaRegularizer == null ? null : betaRegularizer.serialize());
        c.put("gamma_regularizer", gammaRegularizer == null ? null : gammaRegularizer.serialize());
        c.put("beta_constraint", betaConstraint == null ? null : betaConstraint.serialize());
        c.put("gamma_constraint", gammaConstraint == null ? null : gammaConstraint.serialize());
    }

    /** Reads {@code center} and {@code scale} (default true). */
    protected final void readCenterScale(LayerConfig c) {
        center(c.bool("center", true));
        scale(c.bool("scale", true));
    }

    /** Reads {@code beta_initializer} (default zeros) and {@code gamma_initializer} (default ones). */
    protected final void readInitializers(LayerConfig c) {
        betaInitializer(c.initializer("beta_initializer", "zeros"));
        gammaInitializer(c.initializer("gamma_initializer", "ones"));
    }

    /** Reads the beta/gamma regularizers and constraints (absent or null: none). */
    protected final void readRegularizersAndConstraints(LayerConfig c) {
        betaRegularizer(c.regularizer("beta_regularizer"));
        gammaRegularizer(c.regularizer("gamma_regularizer"));
        betaConstraint(c.constraint("beta_constraint"));
        gammaConstraint(c.constraint("gamma_constraint"));
    }
}
