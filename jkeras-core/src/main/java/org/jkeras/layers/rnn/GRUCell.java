package org.jkeras.layers.rnn;

import java.util.List;
import java.util.Map;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.RecurrentOps;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code GRUCell}: gates z, r, h ({@code kernel [F, 3u]}, {@code recurrent_kernel [u, 3u]}),
 * {@code h' = z ⊙ h + (1 - z) ⊙ ĥ}. With {@code reset_after} (Keras 3's default, the cuDNN variant) the reset gate
 * multiplies {@code h U_h + b_rec} and the bias is {@code [2, 3u]} (input and recurrent rows); without it
 * {@code ĥ = activation(x W_h + (r ⊙ h) U_h + b_h)} and the bias is {@code [3u]}.
 *
 * <pre>{@code
 * Layer gru = new RNN(new GRUCell(32).resetAfter(false));
 * }</pre>
 */
public class GRUCell extends RecurrentCell {
    private boolean resetAfter = true;

    public GRUCell(int units) {
        super(units);
    }

    @Override
    RecurrentCell freshCopy() {
        return copyInto(new GRUCell(units)).resetAfter(resetAfter);
    }

    @Override
    int gates() {
        return 3;
    }

    /** Keras's {@code reset_after} (default true). */
    public GRUCell resetAfter(boolean b) {
        requireUnbuilt("reset_after");
        this.resetAfter = b;
        return this;
    }

    public boolean resetAfter() {
        return resetAfter;
    }

    @Override
    int[] biasShape() {
        return resetAfter ? new int[] {2, 3 * units} : new int[] {3 * units};
    }

    @Override
    Tensor sequence(Tensor x, List<Tensor> states, Tensor mask, Tensor recMask, boolean goBackwards, boolean zero) {
        Tensor h0 = states == null || states.isEmpty() ? null : states.get(0);
        return RecurrentOps.gru(x, kernel.value(), recurrentKernel.value(), bias == null ? null : bias.value(), h0, mask,
                recMask, resetAfter, goBackwards, zero, activation, recurrentActivation);
    }

    @Override
    Map<String, Object> cellConfig() {
        Map<String, Object> c = commonConfig(true);
        putRegularizersAndRest(c);
        c.put("reset_after", resetAfter);
        c.put("seed", seed);
        return c;
    }

    public static GRUCell fromConfig(LayerConfig c) {
        GRUCell cell = new GRUCell(c.integer("units"));
        cell.readCommon(c, isKeras2(c));
        // Keras 2's GRU defaulted reset_after to false, Keras 3's to true.
        cell.resetAfter(c.bool("reset_after", !isKeras2(c)));
        return cell;
    }
}
