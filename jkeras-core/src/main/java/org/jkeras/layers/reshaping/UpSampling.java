package org.jkeras.layers.reshaping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.DataFormat;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.Layer;
import org.jkeras.ops.ImageOps;
import org.jkeras.ops.ShapeOps;
import org.jkeras.tensor.Tensor;

/**
 * The base of Keras's {@link UpSampling1D}, {@link UpSampling2D} and {@link UpSampling3D}: repeats each entry of
 * the spatial axes {@code size} times ("nearest", Keras's {@code ops.repeat}), or for UpSampling2D interpolates
 * bilinearly as Keras's {@code ops.image.resize}.
 *
 * <pre>{@code
 * Layer up = new UpSampling2D(2, 3).interpolation("bilinear");   // (None, 4, 4, 1) -> (None, 8, 12, 1)
 * }</pre>
 */
public abstract class UpSampling extends Layer {
    private final int[] size;
    private DataFormat dataFormat = DataFormat.CHANNELS_LAST;
    private boolean bilinear;

    UpSampling(int[] size) {
        this.size = Spatial.tuple(size, size.length, "size", false, name());
        setInputSpec(InputSpec.ndim(size.length + 2));
    }

    void setDataFormat(String format) {
        this.dataFormat = DataFormat.parse(format, name());
    }

    void setBilinear(boolean bilinear) {
        this.bilinear = bilinear;
    }

    boolean bilinear() {
        return bilinear;
    }

    public DataFormat dataFormat() {
        return dataFormat;
    }

    /** The factor of each spatial axis. */
    public int[] size() {
        return size.clone();
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] out = inputShapes.get(0).clone();
        int[] axes = Spatial.axes(dataFormat, size.length);
        for (int i = 0; i < axes.length; i++) {
            if (out[axes[i]] >= 0) {
                out[axes[i]] *= size[i];
            }
        }
        return List.of(out);
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        int[] axes = Spatial.axes(dataFormat, size.length);
        if (bilinear) {
            return List.of(ImageOps.resizeBilinear(x, axes[0], x.dim(axes[0]) * size[0], x.dim(axes[1]) * size[1]));
        }
        for (int i = 0; i < axes.length; i++) {
            x = ShapeOps.repeat(x, axes[i], size[i]);
        }
        return List.of(x);
    }

    /** How the subclass writes {@code size} (1D: an integer; 2D/3D: a list). */
    Object sizeConfig() {
        return Spatial.list(size);
    }

    /** Whether the Keras class has a {@code data_format} argument (UpSampling1D has none). */
    boolean hasDataFormat() {
        return true;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("size", sizeConfig());
        if (hasDataFormat()) {
            c.put("data_format", dataFormat.kerasName());
        }
        return c;
    }
}
