package org.jkeras.layers.reshaping;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.DataFormat;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.Layer;
import org.jkeras.layers.Shapes;
import org.jkeras.ops.ShapeOps;
import org.jkeras.tensor.Tensor;

/**
 * The base of Keras's {@link Cropping1D}, {@link Cropping2D} and {@link Cropping3D}: removes entries at the start
 * and end of each spatial axis. Cropping as much as the axis holds is refused with Keras's message.
 *
 * <pre>{@code
 * Layer crop = new Cropping2D(new int[][] {{2, 2}, {4, 4}});   // (None, 28, 28, 3) -> (None, 24, 20, 3)
 * }</pre>
 */
public abstract class Cropping extends Layer {
    private final int[][] cropping;
    private DataFormat dataFormat = DataFormat.CHANNELS_LAST;

    Cropping(int[][] cropping, int spatialAxes) {
        this.cropping = Spatial.pairs(cropping, spatialAxes, "cropping", name());
        setInputSpec(InputSpec.ndim(spatialAxes + 2));
    }

    void setDataFormat(String format) {
        this.dataFormat = DataFormat.parse(format, name());
    }

    public DataFormat dataFormat() {
        return dataFormat;
    }

    /** The (start, end) cropping of each spatial axis. */
    public int[][] cropping() {
        int[][] out = new int[cropping.length][];
        for (int i = 0; i < cropping.length; i++) {
            out[i] = cropping[i].clone();
        }
        return out;
    }

    private int[][] allCrops(int[] shape) {
        int[][] crops = new int[shape.length][2];
        int[] axes = Spatial.axes(dataFormat, cropping.length);
        for (int i = 0; i < axes.length; i++) {
            int[] c = cropping[i];
            int d = shape[axes[i]];
            if (d >= 0 && c[0] + c[1] >= d) {
                throw new IllegalArgumentException("Values in `cropping` argument of layer '" + name() + "' ("
                        + className() + ") should be smaller than the corresponding spatial dimension of the input. "
                        + "Received: input_shape=" + Shapes.describe(shape) + ", cropping=" + Arrays.deepToString(cropping)
                        + ". Crop less, or give the layer a larger input.");
            }
            crops[axes[i]] = c.clone();
        }
        return crops;
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] out = inputShapes.get(0).clone();
        int[][] crops = allCrops(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] >= 0) {
                out[i] -= crops[i][0] + crops[i][1];
            }
        }
        return List.of(out);
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        allCrops(inputShapes.get(0));
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        return List.of(ShapeOps.crop(x, allCrops(x.shape())));
    }

    /** How the subclass writes {@code cropping} (1D: a flat pair; 2D/3D: a list of pairs). */
    abstract Object croppingConfig();

    /** Whether the Keras class has a {@code data_format} argument (Cropping1D has none). */
    boolean hasDataFormat() {
        return true;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("cropping", croppingConfig());
        if (hasDataFormat()) {
            c.put("data_format", dataFormat.kerasName());
        }
        return c;
    }
}
