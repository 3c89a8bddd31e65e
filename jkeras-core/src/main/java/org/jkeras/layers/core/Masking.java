package org.jkeras.layers.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Masking}: a timestep whose features all equal {@code mask_value} (default 0) is masked for the
 * layers after it; the output is the input with those timesteps zeroed. The mask has the input's shape without its
 * last axis.
 *
 * <pre>{@code
 * Sequential m = new Sequential(new InputLayer(10, 3), new Masking(), new LSTM(8), new Dense(1));
 * }</pre>
 */
public class Masking extends Layer {
    private final double maskValue;

    public Masking() {
        this(0.0);
    }

    public Masking(double maskValue) {
        this.maskValue = maskValue;
    }

    public double maskValue() {
        return maskValue;
    }

    /** 1 where any feature of the timestep differs from {@code mask_value}; shape: the input's without its last axis. */
    Tensor keep(Tensor x) {
        int[] s = x.shape();
        int f = s[s.length - 1], rows = f == 0 ? 0 : x.size() / f;
        float[] d = x.buffer();
        float[] m = new float[rows];
        float mv = (float) maskValue;
        for (int r = 0; r < rows; r++) {
            int o = x.offset() + r * f;
            for (int j = 0; j < f; j++) {
                if (d[o + j] != mv) {
                    m[r] = 1f;
                    break;
                }
            }
        }
        return Tensor.of(m, java.util.Arrays.copyOf(s, s.length - 1));
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        return List.of(inputShapes.get(0).clone());
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor x = inputs.get(0);
        if (x.rank() < 2) {
            throw new IllegalArgumentException("Masking '" + name() + "' needs an input of rank >= 2 [..., features]; "
                    + "received shape " + java.util.Arrays.toString(x.shape()) + ".");
        }
        int[] ks = java.util.Arrays.copyOf(x.shape(), x.rank());
        ks[ks.length - 1] = 1;
        return List.of(Ops.multiply(x, keep(x).reshape(ks)));
    }

    @Override
    public List<Tensor> computeMask(List<Tensor> inputs, List<Tensor> masks) {
        return List.of(keep(inputs.get(0)));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("mask_value", maskValue);
        return c;
    }

    public static Masking fromConfig(LayerConfig c) {
        return new Masking(c.number("mask_value", 0.0));
    }
}
