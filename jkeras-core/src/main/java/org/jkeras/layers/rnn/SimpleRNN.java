package org.jkeras.layers.rnn;

import java.util.Map;
import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code SimpleRNN} layer: an {@link RNN} over a {@link SimpleRNNCell}.
 *
 * <pre>{@code
 * SimpleRNN rnn = new SimpleRNN(16).returnSequences(true);
 * }</pre>
 */
public class SimpleRNN extends RNN {
    public SimpleRNN(int units) {
        super(new SimpleRNNCell(units));
    }

    SimpleRNN(RecurrentCell cell) {
        super(cell);
    }

    @Override
    public SimpleRNNCell cell() {
        return (SimpleRNNCell) cell;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = rnnConfig();
        c.putAll(cell.cellConfig());
        return c;
    }

    public static SimpleRNN fromConfig(LayerConfig c) {
        SimpleRNN l = new SimpleRNN(c.integer("units"));
        l.cell.readCommon(c, RecurrentCell.isKeras2(c));
        return readRnn(l, c);
    }
}
