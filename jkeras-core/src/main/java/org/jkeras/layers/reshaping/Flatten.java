package org.jkeras.layers.reshaping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.DataFormat;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.Ops;
import org.jkeras.ops.ShapeOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Flatten}: reshapes {@code [batch, d1, d2, ...]} of any rank to {@code [batch, d1·d2·...]} (a view,
 * no copy; {@code [batch]} becomes {@code [batch, 1]}). With {@code dataFormat("channels_first")} the channel axis is
 * first moved last, as Keras does, so the order matches a channels_last model.
 *
 * <pre>{@code
 * Sequential m = new Sequential(new Flatten().inputShape(28, 28), new Dense(10, "softmax"));
 * }</pre>
 */
public class Flatten extends Layer {
    private DataFormat dataFormat = DataFormat.CHANNELS_LAST;

    public Flatten() {
        setInputSpec(InputSpec.minNdim(1));
    }

    /** Keras's {@code data_format} (default {@code "channels_last"}). */
    public Flatten dataFormat(String format) {
        this.dataFormat = DataFormat.parse(format, name());
        return this;
    }

    public DataFormat dataFormat() {
        return dataFormat;
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] inputShape = inputShapes.get(0);
        int n = 1;
        for (int i = 1; i < inputShape.length; i++) {
            if (inputShape[i] < 0) {
                return List.of(new int[] {inputShape[0], -1});
            }
            n *= inputShape[i];
        }
        return List.of(new int[] {inputShape[0], n});
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor input = inputs.get(0);
        int rank = input.rank();
        if (dataFormat == DataFormat.CHANNELS_FIRST && rank > 2) {
            int[] perm = new int[rank];
            for (int i = 1; i < rank - 1; i++) {
                perm[i] = i + 1;
            }
            perm[rank - 1] = 1;
            input = ShapeOps.permute(input, perm);
        }
        int batch = input.dim(0);
        return List.of(Ops.reshape(input, batch, batch == 0 ? 0 : input.size() / batch));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("data_format", dataFormat.kerasName());
        return c;
    }

    public static Flatten fromConfig(LayerConfig c) {
        return new Flatten().dataFormat(c.string("data_format", null));
    }
}
