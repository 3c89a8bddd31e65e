package org.jkeras.layers.rnn;

import java.util.List;
import java.util.Map;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.RecurrentOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code SimpleRNNCell}: {@code h' = activation(x · kernel + h · recurrent_kernel + bias)}.
 *
 * <pre>{@code
 * Layer rnn = new RNN(new SimpleRNNCell(8).activation("relu"));
 * }</pre>
 */
public class SimpleRNNCell extends RecurrentCell {
    public SimpleRNNCell(int units) {
        super(units);
    }

    @Override
    RecurrentCell freshCopy() {
        return copyInto(new SimpleRNNCell(units));
    }

    @Override
    int gates() {
        return 1;
    }

    @Override
    Tensor sequence(Tensor x, List<Tensor> states, Tensor mask, Tensor recMask, boolean goBackwards, boolean zero) {
        Tensor h0 = states == null || states.isEmpty() ? null : states.get(0);
        return RecurrentOps.simpleRnn(x, kernel.value(), recurrentKernel.value(), bias == null ? null : bias.value(), h0,
                mask, recMask, goBackwards, zero, activation);
    }

    @Override
    Map<String, Object> cellConfig() {
        Map<String, Object> c = commonConfig(false);
        putRegularizersAndRest(c);
        c.put("seed", seed);
        return c;
    }

    public static SimpleRNNCell fromConfig(LayerConfig c) {
        SimpleRNNCell cell = new SimpleRNNCell(c.integer("units"));
        cell.readCommon(c, isKeras2(c));
        return cell;
    }
}
