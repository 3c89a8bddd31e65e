package org.jkeras.layers.convolutional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.activations.ActivationFunction;
import org.jkeras.activations.Activations;
import org.jkeras.autodiff.Variable;
import org.jkeras.constraints.Constraint;
import org.jkeras.constraints.Constraints;
import org.jkeras.initializers.Initializer;
import org.jkeras.initializers.Initializers;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ConvSpec;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.regularizers.Regularizers;
import org.jkeras.tensor.ConvGeometry;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.UnaryOp;

/**
 * What every Keras convolution layer shares: the window ({@code kernel_size}, {@code strides}, {@code padding},
 * {@code data_format}, {@code dilation_rate}), the {@code activation} and the optional bias with its initializer,
 * regularizer and constraint. Subclasses add their weights ({@link Conv}, {@link ConvTranspose},
 * {@link DepthwiseConv}, {@link SeparableConv}); the fluent setters return the concrete layer type.
 *
 * <pre>{@code
 * Conv2D c = new Conv2D(32, 3, "relu").strides(2).padding("same").useBias(false);
 * }</pre>
 *
 * @param <T> the concrete layer, returned by the fluent setters
 */
public abstract class BaseConv<T extends BaseConv<T>> extends Layer {
    /** Spatial axes: 1, 2 or 3. */
    protected final int rank;
    protected int[] kernelSize;
    protected int[] strides;
    protected String padding = "valid";
    protected String dataFormat = "channels_last";
    protected int[] dilationRate;
    protected ActivationFunction activation;
    protected boolean useBias = true;
    final WeightArgs biasArgs = new WeightArgs("bias", "zeros");
    protected Variable bias;

    protected BaseConv(int rank, int[] kernelSize, String activation) {
        this.rank = rank;
        this.kernelSize = ConvArgs.tuple(className(), "kernel_size", kernelSize, rank);
        this.strides = ConvArgs.tuple(className(), "strides", new int[] {1}, rank);
        this.dilationRate = strides.clone();
        this.activation = Activations.get(activation);
        setInputSpec(InputSpec.ndim(rank + 2));
    }

    @SuppressWarnings("unchecked")
    protected final T self() {
        return (T) this;
    }

    /** Whether {@code padding="causal"} is accepted (Keras: 1-D convolutions only). */
    protected boolean allowsCausal() {
        return false;
    }

    /** Keras's {@code strides} (default 1): one value for every axis, or one per axis. */
    public T strides(int... strides) {
        requireUnbuilt("strides");
        this.strides = ConvArgs.tuple(className(), "strides", strides, rank);
        ConvArgs.stridesOrDilation(className(), this.strides, dilationRate);
        return self();
    }

    /** Keras's {@code padding}: {@code "valid"} (default), {@code "same"}, or {@code "causal"} for Conv1D. */
    public T padding(String padding) {
        requireUnbuilt("padding");
        this.padding = ConvArgs.padding(className(), padding, allowsCausal());
        return self();
    }

    /** Keras's {@code data_format}: {@code "channels_last"} (default) or {@code "channels_first"}. */
    public T dataFormat(String dataFormat) {
        requireUnbuilt("data_format");
        this.dataFormat = ConvArgs.dataFormat(className(), dataFormat);
        return self();
    }

    /** Keras's {@code dilation_rate} (default 1). */
    public T dilationRate(int... dilationRate) {
        requireUnbuilt("dilation_rate");
        this.dilationRate = ConvArgs.tuple(className(), "dilation_rate", dilationRate, rank);
        ConvArgs.stridesOrDilation(className(), strides, this.dilationRate);
        return self();
    }

    /** Keras's {@code use_bias} (default true). */
    public T useBias(boolean useBias) {
        requireUnbuilt("use_bias");
        this.useBias = useBias;
        return self();
    }

    /** Keras's {@code bias_initializer} (default {@code zeros}). */
    public T biasInitializer(String name) {
        return biasInitializer(Initializers.get(name));
    }

    public T biasInitializer(Initializer initializer) {
        requireUnbuilt("bias_initializer");
        biasArgs.initializer = initializer;
        return self();
    }

    /** Keras's {@code bias_regularizer} (default none). */
    public T biasRegularizer(String name) {
        return biasRegularizer(Regularizers.get(name));
    }

    public T biasRegularizer(Regularizer regularizer) {
        requireUnbuilt("bias_regularizer");
        biasArgs.regularizer = regularizer;
        return self();
    }

    /** Keras's {@code bias_constraint} (default none). */
    public T biasConstraint(String name) {
        return biasConstraint(Constraints.get(name));
    }

    public T biasConstraint(Constraint constraint) {
        requireUnbuilt("bias_constraint");
        biasArgs.constraint = constraint;
        return self();
    }

    public int[] kernelSize() {
        return kernelSize.clone();
    }

    public int[] strides() {
        return strides.clone();
    }

    public String padding() {
        return padding;
    }

    public String dataFormat() {
        return dataFormat;
    }

    public int[] dilationRate() {
        return dilationRate.clone();
    }

    public ActivationFunction activation() {
        return activation;
    }

    public boolean useBias() {
        return useBias;
    }

    /** The bias variable (null before build or without bias). */
    public Variable bias() {
        return bias;
    }

    protected final boolean channelsFirst() {
        return dataFormat.equals("channels_first");
    }

    /** The ops' window for this layer, with {@code groups}. */
    protected final ConvSpec spec(int groups) {
        return new ConvSpec(strides, padding, dilationRate, groups, channelsFirst());
    }

    /** The channel count of a built input shape, after checking the rank. */
    protected final int inputChannels(int[] inputShape) {
        if (inputShape.length != rank + 2) {
            throw new IllegalArgumentException(className() + " layer '" + name() + "' expects inputs of rank " + (rank + 2)
                    + " (batch, " + (channelsFirst() ? "channels, " + rank + " spatial axes" : rank + " spatial axes, channels")
                    + "); Received: input shape " + org.jkeras.layers.Shapes.describe(inputShape) + ".");
        }
        int c = inputShape[ConvArgs.channelAxis(channelsFirst(), rank)];
        if (c <= 0) {
            throw new IllegalArgumentException(className() + " layer '" + name() + "' needs a known channel axis; Received: "
                    + "input shape " + org.jkeras.layers.Shapes.describe(inputShape) + " with data_format=" + dataFormat + ".");
        }
        return c;
    }

    /** Creates the bias ({@code [channels]}) when {@code use_bias} is set; fixes the channel axis of the input spec. */
    protected final void buildBias(int[] inputShape, int channels) {
        if (useBias) {
            bias = addWeight("bias", new int[] {channels}, biasArgs);
        }
        setInputSpec(InputSpec.ndim(rank + 2).axis(ConvArgs.channelAxis(channelsFirst(), rank),
                inputShape[ConvArgs.channelAxis(channelsFirst(), rank)]));
    }

    /** Runs {@code f} and prefixes a failure with the layer's class and name. */
    protected final <R> R named(java.util.function.Supplier<R> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(className())) {
                throw e;
            }
            throw new IllegalArgumentException(className() + " layer '" + name() + "': " + e.getMessage(), e);
        }
    }

    /** The fused activation when elementwise, else linear (then {@link #finish} applies it). */
    protected final UnaryOp fused() {
        UnaryOp u = activation.elementwise();
        return u != null ? u : UnaryOp.LINEAR;
    }

    protected final float fusedParam() {
        return activation.elementwise() != null ? activation.param() : 0f;
    }

    /** Applies a non-elementwise activation (softmax) after the fused op. */
    protected final List<Tensor> finish(Tensor y) {
        return List.of(activation.elementwise() != null ? y : activation.apply(y));
    }

    protected final Tensor biasValue() {
        return bias == null ? null : bias.value();
    }

    /** A weight shape {@code (kernel_size..., a, b)}. */
    protected final int[] kernelShape(int a, int b) {
        int[] ks = java.util.Arrays.copyOf(kernelSize, rank + 2);
        ks[rank] = a;
        ks[rank + 1] = b;
        return ks;
    }

    /** Adds a trainable weight {@code name} of {@code shape} with {@code args}' initializer, regularizer and constraint. */
    final Variable addWeight(String name, int[] shape, WeightArgs args) {
        return addWeight(name, shape, args.initializer, true, args.regularizer, args.constraint);
    }

    /**
     * The output's spatial sizes for an input of shape {@code in} with {@code channels} channels, from the layer's
     * window ({@code groups} and {@code filters} as {@link ConvGeometry#of} takes them).
     */
    protected final int[] outputSpatial(int[] in, int channels, int groups, int filters) {
        int[] last = ConvArgs.shape(1, ConvArgs.spatial(in, channelsFirst()), channels, false);
        ConvGeometry geo = named(() -> ConvGeometry.of(last, kernelSize, strides, padding, dilationRate, groups, filters));
        return ConvArgs.spatial(geo.outputShape(), false);
    }

    /**
     * Keras's weight keys, in Keras's order: each of {@code weights}' initializers then the bias's, the same for the
     * regularizers (then {@code activity_regularizer}) and the constraints.
     */
    final void putWeights(Map<String, Object> c, WeightArgs... weights) {
        for (WeightArgs w : weights) {
            w.putInitializer(c);
        }
        biasArgs.putInitializer(c);
        for (WeightArgs w : weights) {
            w.putRegularizer(c);
        }
        biasArgs.putRegularizer(c);
        c.put("activity_regularizer", activityRegularizer() == null ? null : activityRegularizer().serialize());
        for (WeightArgs w : weights) {
            w.putConstraint(c);
        }
        biasArgs.putConstraint(c);
    }

    /** Keras's window keys, in Keras's order, for subclasses' {@code getConfig}. */
    protected final void putWindow(Map<String, Object> c) {
        c.put("kernel_size", ConvArgs.list(kernelSize));
        c.put("strides", ConvArgs.list(strides));
        c.put("padding", padding);
    }

    protected final void putFormat(Map<String, Object> c) {
        c.put("data_format", dataFormat);
        c.put("dilation_rate", ConvArgs.list(dilationRate));
    }

    protected final void putActivationAndBias(Map<String, Object> c) {
        c.put("activation", activation.name());
        c.put("use_bias", useBias);
    }

    protected final Map<String, Object> baseConfig() {
        return new LinkedHashMap<>(super.getConfig());
    }

    /** Reads the shared keys back (the window, activation and bias) for a subclass's {@code fromConfig}. */
    protected static <L extends BaseConv<L>> L readCommon(L layer, LayerConfig c) {
        layer.strides(c.ints("strides", layer.rank, new int[] {1}));
        layer.padding(c.string("padding", "valid"));
        layer.dataFormat(c.string("data_format", null));
        layer.dilationRate(c.ints("dilation_rate", layer.rank, new int[] {1}));
        layer.useBias(c.bool("use_bias", true));
        layer.biasArgs.read(c, "zeros");
        return layer;
    }

    /** The activation name of a config (a built-in name or null), refusing serialized custom functions. */
    protected static String activationName(LayerConfig c) {
        Object act = c.get("activation");
        if (act != null && !(act instanceof String)) {
            throw new IllegalArgumentException("Activation " + act + " in " + c.where() + " is not a built-in activation name;"
                    + " jkeras supports names such as \"relu\" or \"softmax\".");
        }
        return (String) act;
    }
}
