package org.jkeras.layers.regularization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.NoiseOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's spatial dropout ({@code SpatialDropout1D/2D/3D}): in training, drops whole feature maps — one draw per
 * sample and channel — and scales the kept ones by {@code 1 / (1 − rate)}; the identity at inference.
 *
 * <pre>{@code
 * Layer drop = new SpatialDropout.SpatialDropout2D(0.2).seed(3);
 * }</pre>
 */
public abstract class SpatialDropout extends SeededNoise {
    private final double rate;
    private final String dataFormat;
    private final boolean hasDataFormat;   // SpatialDropout1D has no data_format argument in Keras

    SpatialDropout(double rate, String dataFormat, int rank) {
        this.rate = checkRate("rate", rate);
        this.dataFormat = org.jkeras.layers.DataFormat.parse(dataFormat, getClass().getSimpleName()).kerasName();
        this.hasDataFormat = rank > 3;
        setInputSpec(InputSpec.ndim(rank));
    }

    public double rate() {
        return rate;
    }

    public String dataFormat() {
        return dataFormat;
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        if (!ctx.training() || rate == 0) {
            return List.of(x);
        }
        return List.of(NoiseOps.spatialDropout(x, (float) rate, "channels_last".equals(dataFormat), random()));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("rate", rate);
        c.put("seed", seed());
        Map<String, Object> base = super.getConfig();
        c.put("name", base.get("name"));
        c.put("dtype", base.get("dtype"));
        c.put("trainable", base.get("trainable"));
        if (hasDataFormat) {
            c.put("data_format", dataFormat);
        }
        return c;
    }

    /** Sets {@code d}'s seed from {@code c}'s {@code seed}, when present. */
    static <D extends SpatialDropout> D withSeed(D d, LayerConfig c) {
        if (c.has("seed")) d.setSeed((long) c.number("seed", 0));
        return d;
    }

    /** Keras's {@code SpatialDropout1D}: input {@code [batch, steps, channels]}. */
    public static class SpatialDropout1D extends SpatialDropout {
        public SpatialDropout1D(double rate) {
            super(rate, "channels_last", 3);
        }

        public SpatialDropout1D seed(long seed) {
            setSeed(seed);
            return this;
        }

        public static SpatialDropout1D fromConfig(LayerConfig c) {
            return withSeed(new SpatialDropout1D(c.number("rate", 0)), c);
        }
    }

    /** Keras's {@code SpatialDropout2D}: input {@code [batch, rows, cols, channels]} (or channels_first). */
    public static class SpatialDropout2D extends SpatialDropout {
        public SpatialDropout2D(double rate) {
            this(rate, "channels_last");
        }

        public SpatialDropout2D(double rate, String dataFormat) {
            super(rate, dataFormat, 4);
        }

        public SpatialDropout2D seed(long seed) {
            setSeed(seed);
            return this;
        }

        public static SpatialDropout2D fromConfig(LayerConfig c) {
            return withSeed(new SpatialDropout2D(c.number("rate", 0), c.string("data_format", "channels_last")), c);
        }
    }

    /** Keras's {@code SpatialDropout3D}: input {@code [batch, d1, d2, d3, channels]} (or channels_first). */
    public static class SpatialDropout3D extends SpatialDropout {
        public SpatialDropout3D(double rate) {
            this(rate, "channels_last");
        }

        public SpatialDropout3D(double rate, String dataFormat) {
            super(rate, dataFormat, 5);
        }

        public SpatialDropout3D seed(long seed) {
            setSeed(seed);
            return this;
        }

        public static SpatialDropout3D fromConfig(LayerConfig c) {
            return withSeed(new SpatialDropout3D(c.number("rate", 0), c.string("data_format", "channels_last")), c);
        }
    }
}
