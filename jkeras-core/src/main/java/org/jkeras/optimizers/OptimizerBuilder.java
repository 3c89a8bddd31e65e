package org.jkeras.optimizers;

/**
 * The options every optimizer builder has, the name and the float learning rate, with fluent setters that return
 * the concrete builder ({@code B}) so that an optimizer's own options can follow them in one chain. Each builder
 * starts from its optimizer's Keras defaults; {@link #build()} validates everything, in the optimizer's constructor.
 *
 * <pre>{@code
 * Adam adam = Adam.builder().name("encoder_adam").learningRate(3e-4).beta2(0.99).build();
 * SGD sgd = SGD.builder().learningRate(0.1).momentum(0.9).nesterov(true).build();
 * }</pre>
 *
 * @param <B> the concrete builder, returned by the setters
 * @param <O> the optimizer it builds
 */
public abstract class OptimizerBuilder<B extends OptimizerBuilder<B, O>, O extends Optimizer> {
    private String name;
    private double learningRate;

    /** Starts from the optimizer's Keras name (e.g. {@code "adam"}) and default learning rate. */
    protected OptimizerBuilder(String defaultName, double defaultLearningRate) {
        this.name = defaultName;
        this.learningRate = defaultLearningRate;
    }

    /** The optimizer's name (Keras's {@code name}), saved in its config. */
    public final B name(String name) {
        this.name = name;
        return self();
    }

    /** The learning rate, a finite float {@code >= 0}. */
    public final B learningRate(double learningRate) {
        this.learningRate = learningRate;
        return self();
    }

    /** The name set, or the default. */
    protected final String name() {
        return name;
    }

    /** The learning rate set, or the default. */
    protected final double learningRate() {
        return learningRate;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** A new optimizer with these options; throws {@link IllegalArgumentException} for an invalid one. */
    public abstract O build();
}
