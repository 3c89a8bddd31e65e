package org.jkeras.layers.reshaping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.DataFormat;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.Layer;
import org.jkeras.ops.ShapeOps;
import org.jkeras.tensor.Tensor;

/**
 * The base of Keras's {@link ZeroPadding1D}, {@link ZeroPadding2D} and {@link ZeroPadding3D}: adds rows of zeros
 * before and after each spatial axis (axis 1... for {@code channels_last}, 2... for {@code channels_first}).
 *
 * <pre>{@code
 * Layer pad = new ZeroPadding2D(new int[][] {{1, 2}, {0, 3}});   // (None, 4, 4, 3) -> (None, 7, 7, 3)
 * }</pre>
 */
public abstract class ZeroPadding extends Layer {
    private final int[][] padding;
    private DataFormat dataFormat = DataFormat.CHANNELS_LAST;

    ZeroPadding(int[][] padding, int spatialAxes) {
        this.padding = Spatial.pairs(padding, spatialAxes, "padding", name());
        setInputSpec(InputSpec.ndim(spatialAxes + 2));
    }

    void setDataFormat(String format) {
        this.dataFormat = DataFormat.parse(format, name());
    }

    public DataFormat dataFormat() {
        return dataFormat;
    }

    /** The (before, after) padding of each spatial axis. */
    public int[][] padding() {
        int[][] out = new int[padding.length][];
        for (int i = 0; i < padding.length; i++) {
            out[i] = padding[i].clone();
        }
        return out;
    }

    private int[][] allPads(int rank) {
        int[][] pads = new int[rank][2];
        int[] axes = Spatial.axes(dataFormat, padding.length);
        for (int i = 0; i < axes.length; i++) {
            pads[axes[i]] = padding[i].clone();
        }
        return pads;
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] out = inputShapes.get(0).clone();
        int[][] pads = allPads(out.length);
        for (int i = 1; i < out.length; i++) {
            if (out[i] >= 0) {
                out[i] += pads[i][0] + pads[i][1];
            }
        }
        return List.of(out);
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        return List.of(ShapeOps.pad(x, allPads(x.rank())));
    }

    /** How the subclass writes {@code padding} (1D: a flat pair; 2D/3D: a list of pairs). */
    abstract Object paddingConfig();

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("padding", paddingConfig());
        c.put("data_format", dataFormat.kerasName());
        return c;
    }
}
