package org.jkeras.layers.rnn;

import java.util.Map;
import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code GRU} layer: an {@link RNN} over a {@link GRUCell} ({@code reset_after} true by default).
 *
 * <pre>{@code
 * GRU gru = new GRU(32).returnSequences(true);
 * gru.cell().resetAfter(false);
 * }</pre>
 */
public class GRU extends RNN {
    public GRU(int units) {
        super(new GRUCell(units));
    }

    GRU(RecurrentCell cell) {
        super(cell);
    }

    @Override
    public GRUCell cell() {
        return (GRUCell) cell;
    }

    /** The bias shape the cell creates ({@code [2, 3u]} with reset_after, else {@code [3u]}); features do not matter. */
    public int[] cellBiasShapeFor(int features) {
        return cell.biasShape();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = rnnConfig();
        c.putAll(cell.cellConfig());
        return c;
    }

    public static GRU fromConfig(LayerConfig c) {
        GRU l = new GRU(c.integer("units"));
        l.cell.readCommon(c, RecurrentCell.isKeras2(c));
        l.cell().resetAfter(c.bool("reset_after", !RecurrentCell.isKeras2(c)));
        return readRnn(l, c);
    }
}
