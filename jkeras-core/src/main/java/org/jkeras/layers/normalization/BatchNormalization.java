package org.jkeras.layers.normalization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.autodiff.Variable;
import org.jkeras.initializers.Initializer;
import org.jkeras.initializers.Initializers;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.NormalizationOps;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code BatchNormalization}: in training ({@code training=true} and the layer trainable) it normalizes
 * with the batch's mean and biased variance over every axis but {@code axis}, and updates
 * {@code moving = moving·momentum + batch·(1 − momentum)}; otherwise — inference, or a frozen layer, as Keras 3 —
 * it uses the moving statistics. Output {@code (x − mean)·rsqrt(var + epsilon)·gamma + beta}. Variables in
 * Keras's order: gamma (when {@code scale}), beta (when {@code center}), moving_mean, moving_variance.
 *
 * <pre>{@code
 * Layer bn = new BatchNormalization().momentum(0.9).epsilon(1e-5);
 * Layer bnChannelsFirst = new BatchNormalization().axis(1);
 * }</pre>
 */
public class BatchNormalization extends ScaleOffsetNormalization<BatchNormalization> {
    private int axis = -1;
    private double momentum = 0.99;
    private double epsilon = 1e-3;
    private Initializer movingMeanInitializer = Initializers.get("zeros");
    private Initializer movingVarianceInitializer = Initializers.get("ones");
    private Variable movingMean, movingVariance;

    public BatchNormalization() {}

    /** Keras's {@code axis} (default -1): the feature axis, normalized per entry; 1 for channels_first. */
    public BatchNormalization axis(int axis) {
        requireUnbuilt("axis");
        this.axis = axis;
        return this;
    }

    /** Keras's {@code momentum} (default 0.99) of the moving statistics. */
    public BatchNormalization momentum(double momentum) {
        this.momentum = momentum;
        return this;
    }

    /** Keras's {@code epsilon} (default 1e-3), added to the variance. */
    public BatchNormalization epsilon(double epsilon) {
        if (!(epsilon >= 0)) {
            throw new IllegalArgumentException("BatchNormalization: epsilon must be >= 0; received: epsilon=" + epsilon + ".");
        }
        this.epsilon = epsilon;
        return this;
    }

    public BatchNormalization movingMeanInitializer(Initializer i) {
        requireUnbuilt("moving_mean_initializer");
        movingMeanInitializer = i;
        return this;
    }

    public BatchNormalization movingVarianceInitializer(Initializer i) {
        requireUnbuilt("moving_variance_initializer");
        movingVarianceInitializer = i;
        return this;
    }

    public int axis() {
        return axis;
    }

    public double momentum() {
        return momentum;
    }

    public double epsilon() {
        return epsilon;
    }

    public Variable movingMean() {
        return movingMean;
    }

    public Variable movingVariance() {
        return movingVariance;
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        int[] s = inputShapes.get(0);
        int ax = Axes.resolve(axis, s, "BatchNormalization", name());
        int c = Axes.knownSize(s, ax, "BatchNormalization", name());
        int[] shape = {c};
        if (scale) {
            addGamma(shape);
        }
        if (center) {
            addBeta(shape);
        }
        movingMean = addWeight("moving_mean", shape, movingMeanInitializer, false);
        movingVariance = addWeight("moving_variance", shape, movingVarianceInitializer, false);
        setInputSpec(InputSpec.ndim(s.length).axis(ax, c));
    }

    @Override
    protected boolean nonTrainableByNature(Variable v) {
        return v == movingMean || v == movingVariance;
    }

    @Override
    protected boolean supportsMasking() {
        return true;
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        return List.of(inputShapes.get(0).clone());
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        Tensor g = gammaValue(), b = betaValue();
        if (ctx.training() && trainable() && ctx.mask(0) != null) {
            return List.of(maskedTraining(x, ctx.mask(0), g, b));
        }
        if (ctx.training() && trainable()) {
            int c = movingMean.value().size();
            float[] mean = new float[c], var = new float[c];
            Tensor y = NormalizationOps.batchNormTraining(x, g, b, axis, (float) epsilon, mean, var);
            updateMoving(movingMean, mean);
            updateMoving(movingVariance, var);
            return List.of(y);
        }
        return List.of(NormalizationOps.batchNormInference(x, movingMean.value(), movingVariance.value(), g, b, axis,
                (float) epsilon));
    }

    /**
     * Training with a mask (Keras's {@code _moments(inputs, mask)}): the statistics weigh each position by its mask
     * value ({@code Σ m·x / (Σ m + 1e-7)}), the mask taken as one dimension less than the inputs.
     */
    private Tensor maskedTraining(Tensor x, Tensor mask, Tensor g, Tensor b) {
        if (mask.rank() != x.rank() - 1) {
            throw new IllegalArgumentException("BatchNormalization '" + name() + "': the mask provided should be one "
                    + "dimension less than the inputs. Received: mask.shape=" + java.util.Arrays.toString(mask.shape())
                    + ", inputs.shape=" + java.util.Arrays.toString(x.shape()) + ".");
        }
        if (org.jkeras.tensor.Shapes.axis(axis, x.rank()) != x.rank() - 1) {
            throw new IllegalArgumentException("BatchNormalization '" + name() + "': a mask is supported with axis=-1 "
                    + "(the last axis) only, as Keras broadcasts it there; received axis=" + axis + ".");
        }
        int[] ms = java.util.Arrays.copyOf(mask.shape(), x.rank());
        ms[x.rank() - 1] = 1;
        Tensor m = mask.reshape(ms);
        int[] axes = new int[x.rank() - 1];
        for (int i = 0; i < axes.length; i++) axes[i] = i;
        Tensor weighted = Ops.multiply(m, x);
        Tensor count = Ops.addScalar(Ops.sum(m, axes, true), 1e-7f);
        Tensor mean = Ops.divide(Ops.sum(weighted, axes, true), count);
        Tensor diff = Ops.subtract(weighted, mean);
        Tensor var = Ops.divide(Ops.sum(Ops.multiply(m, Ops.square(diff)), axes, true), count);
        updateMoving(movingMean, mean.toArray());
        updateMoving(movingVariance, var.toArray());
        Tensor y = Ops.divide(Ops.subtract(x, mean), Ops.sqrt(Ops.addScalar(var, (float) epsilon)));
        if (g != null) y = Ops.multiply(y, g);
        if (b != null) y = Ops.add(y, b);
        return y;
    }

    private void updateMoving(Variable moving, float[] batch) {
        float m = (float) momentum, k = (float) (1.0 - momentum);
        float[] d = moving.value().buffer();
        int o = moving.value().offset();
        for (int i = 0; i < batch.length; i++) {
            d[o + i] = d[o + i] * m + batch[i] * k;
        }
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("axis", axis);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        putInitializers(c);
        c.put("moving_mean_initializer", movingMeanInitializer);
        c.put("moving_variance_initializer", movingVarianceInitializer);
        putRegularizersAndConstraints(c);
        c.put("synchronized", false);
        return c;
    }

    /** Reads {@link #getConfig()}'s keys back; Keras 2's one-element axis list ({@code [3]}) is accepted. */
    public static BatchNormalization fromConfig(LayerConfig c) {
        if (c.bool("synchronized", false)) {
            throw new IllegalArgumentException("Key 'synchronized' in " + c.where() + " is true; jkeras trains on one "
                    + "device, so synchronized batch statistics are not supported. Set synchronized=False.");
        }
        if (c.bool("renorm", false)) {
            throw new IllegalArgumentException("Key 'renorm' in " + c.where() + " is true; jkeras does not implement "
                    + "batch renormalization.");
        }
        BatchNormalization bn = new BatchNormalization();
        bn.axis(Axes.single(c, "axis", -1));
        bn.momentum(c.number("momentum", 0.99));
        bn.epsilon(c.number("epsilon", 1e-3));
        bn.readCenterScale(c);
        bn.readInitializers(c);
        bn.movingMeanInitializer(c.initializer("moving_mean_initializer", "zeros"));
        bn.movingVarianceInitializer(c.initializer("moving_variance_initializer", "ones"));
        bn.readRegularizersAndConstraints(c);
        return bn;
    }
}
