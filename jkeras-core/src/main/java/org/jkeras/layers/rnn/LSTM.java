package org.jkeras.layers.rnn;

import java.util.Map;
import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code LSTM} layer: an {@link RNN} over an {@link LSTMCell}, with the cell's options in its own config
 * (Keras's class name and keys). Cell options are set on {@link #cell()}.
 *
 * <pre>{@code
 * Sequential m = new Sequential(new InputLayer(28, 28), new LSTM(128), new Dense(10, "softmax"));
 * LSTM seq = new LSTM(8).returnSequences(true);
 * seq.cell().recurrentDropout(0.1);
 * }</pre>
 */
public class LSTM extends RNN {
    public LSTM(int units) {
        super(new LSTMCell(units));
    }

    LSTM(RecurrentCell cell) {
        super(cell);
    }

    @Override
    public LSTMCell cell() {
        return (LSTMCell) cell;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = rnnConfig();
        c.putAll(cell.cellConfig());
        return c;
    }

    public static LSTM fromConfig(LayerConfig c) {
        LSTM l = new LSTM(c.integer("units"));
        RecurrentCell cell = l.cell;
        cell.readCommon(c, RecurrentCell.isKeras2(c));
        l.cell().unitForgetBias(c.bool("unit_forget_bias", true));
        return readRnn(l, c);
    }
}
