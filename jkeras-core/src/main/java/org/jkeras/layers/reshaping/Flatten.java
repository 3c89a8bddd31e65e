package org.jkeras.layers.reshaping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code Flatten}: reshapes {@code [batch, d1, d2, ...]} to {@code [batch, d1·d2·...]} (a view, no copy).
 *
 * <pre>{@code
 * Sequential m = new Sequential(new Flatten().inputShape(28, 28), new Dense(10, "softmax"));
 * }</pre>
 */
public class Flatten extends Layer {
    public Flatten() {
        setInputSpec(InputSpec.minNdim(1));
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
        int batch = input.dim(0);
        return List.of(Ops.reshape(input, batch, batch == 0 ? 0 : input.size() / batch));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>(super.getConfig());
        c.put("data_format", "channels_last");
        return c;
    }

    public static Flatten fromConfig(LayerConfig c) {
        if (!"channels_last".equals(c.string("data_format", "channels_last"))) {
            throw new IllegalArgumentException("Flatten with data_format=" + c.get("data_format") + " in "
                    + c.where() + " is not supported; jkeras uses channels_last.");
        }
        return new Flatten();
    }
}
