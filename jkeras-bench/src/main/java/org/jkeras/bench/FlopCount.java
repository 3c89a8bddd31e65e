package org.jkeras.bench;

import org.jkeras.layers.Layer;
import org.jkeras.layers.core.Dense;

/**
 * Useful floating-point operations per training sample, from the layer shapes: a multiply-add is 2 flops. A
 * Dense layer of {@code in × out} weights costs {@code 2·in·out} forward, {@code 2·in·out} for the kernel's
 * gradient and {@code 2·in·out} for the input's gradient — except in the first layer, whose input needs no
 * gradient. Elementwise work (bias, activations, loss, optimizer) is not counted: it is not what the FMA peak
 * bounds. Layers it does not know make the count unknown (NaN) rather than wrong.
 *
 * <pre>{@code
 * double f = FlopCount.trainPerSample(model.layers());   // workload A: 6·535,040 − 2·401,408 ≈ 2.41 MFLOP
 * }</pre>
 */
public final class FlopCount {
    private FlopCount() {}

    /** Forward and backward flops per sample of a stack of layers (NaN when a layer is not counted). */
    public static double trainPerSample(Iterable<Layer> layers) {
        double sum = 0;
        boolean first = true;
        for (Layer l : layers) {
            double f = forwardPerSample(l);
            if (Double.isNaN(f)) {
                return Double.NaN;
            }
            if (f > 0) {
                sum += f * (first ? 2 : 3);
                first = false;
            }
        }
        return sum;
    }

    /** Forward flops per sample of one layer: 0 for shape-only layers, NaN for one it cannot count. */
    public static double forwardPerSample(Layer l) {
        if (l instanceof Dense) {
            int[] s = ((Dense) l).kernel().value().shape();
            return 2.0 * s[0] * s[1];
        }
        String kind = l.getClass().getSimpleName();
        switch (kind) {
            case "InputLayer": case "Flatten": case "Reshape": case "Dropout": case "Activation": case "ReLU":
                return 0;
            default:
                return Double.NaN;
        }
    }
}
