package org.jkeras.layers.reshaping;

import org.jkeras.layers.Layer;
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
    @Override
    public int[] computeOutputShape(int[] inputShape) {
        int n = 1;
        for (int i = 1; i < inputShape.length; i++) {
            if (inputShape[i] < 0) {
                return new int[] {inputShape[0], -1};
            }
            n *= inputShape[i];
        }
        return new int[] {inputShape[0], n};
    }

    @Override
    public Tensor call(Tensor input, boolean training) {
        int batch = input.rank() == 0 ? 1 : input.dim(0);
        return Ops.reshape(input, batch, batch == 0 ? 0 : input.size() / batch);
    }

    @Override
    public java.util.Map<String, Object> getConfig() {
        java.util.Map<String, Object> c = new java.util.LinkedHashMap<>(super.getConfig());
        c.put("data_format", "channels_last");
        return c;
    }
}
