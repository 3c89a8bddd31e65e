package org.jkeras.constraints;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code NonNeg}: negative weights become 0 ({@code w · (w >= 0)}).
 *
 * <pre>{@code
 * Dense d = new Dense(8).kernelConstraint(new NonNeg());
 * }</pre>
 */
public final class NonNeg extends Constraint {
    @Override
    public Tensor apply(Tensor w) {
        float[] d = w.buffer();
        int o = w.offset(), n = w.size();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = d[o + i] >= 0f ? d[o + i] : 0f;
        }
        return Tensor.of(out, w.shape());
    }

    @Override
    public Map<String, Object> getConfig() {
        return new LinkedHashMap<>();
    }
}
