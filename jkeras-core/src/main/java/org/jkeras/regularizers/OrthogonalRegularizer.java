package org.jkeras.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.ops.Ops;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code OrthogonalRegularizer} for 2-D weights: the rows ({@code mode="rows"}) or columns
 * ({@code "columns"}) are L2-normalised, and the penalty is
 * {@code factor · 0.5 · Σ|off-diagonal of the Gram matrix| / (size·(size-1)/2)}.
 *
 * <pre>{@code
 * Dense d = new Dense(8).kernelRegularizer(new OrthogonalRegularizer(0.01, "columns"));
 * }</pre>
 */
public final class OrthogonalRegularizer extends Regularizer {
    private final double factor;
    private final String mode;

    /** Keras defaults: {@code factor=0.01, mode="rows"}. */
    public OrthogonalRegularizer() {
        this(0.01, "rows");
    }

    public OrthogonalRegularizer(double factor, String mode) {
        this.factor = checkFactor("factor", factor);
        if (!"rows".equals(mode) && !"columns".equals(mode)) {
            throw new IllegalArgumentException("Invalid value for argument mode. Expected one of {\"rows\", "
                    + "\"columns\"}. Received: mode=" + mode);
        }
        this.mode = mode;
    }

    @Override
    public Tensor apply(Tensor x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("Inputs to OrthogonalRegularizer must have rank 2. Received: "
                    + "inputs.shape=" + java.util.Arrays.toString(x.shape()));
        }
        boolean rows = mode.equals("rows");
        int axis = rows ? 1 : 0;
        Tensor sq = Ops.sum(Ops.square(x), new int[] {axis}, true);
        Tensor n = Ops.divide(x, Ops.sqrt(Ops.maximum(sq, Tensor.scalar(1e-14f))));
        Tensor product = rows ? Ops.matmul(n, n, false, true) : Ops.matmul(n, n, true, false);
        int size = product.dim(0);
        Tensor offDiagonal = Tensor.ones(size, size);
        for (int i = 0; i < size; i++) {
            offDiagonal.set(0f, i, i);
        }
        Tensor total = Ops.sum(Ops.abs(Ops.multiply(product, offDiagonal)), new int[0], false);
        double numPairs = size * (size - 1.0) / 2.0;
        return Ops.scale(total, (float) (factor * 0.5 / numPairs));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("factor", factor);
        c.put("mode", mode);
        return c;
    }
}
