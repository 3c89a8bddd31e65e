package org.jkeras.models;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jkeras.autodiff.Variable;
import org.jkeras.layers.Layer;
import org.jkeras.optimizers.Optimizer;

/**
 * Renders Keras 3's {@code model.summary()}: a box-drawn table (Layer (type), Output Shape, Param #) with
 * Keras's column positions 0.45 / 0.80 / 1.0 of the line length, then the parameter counts and sizes. Column
 * widths are reduced the way the {@code rich} library that Keras prints with does.
 */
final class Summary {
    static final int DEFAULT_LINE_LENGTH = 88;

    private Summary() {}

    static String render(Sequential model, int lineLength) {
        double[] positions = {0.45, 0.80, 1.0};
        int[] widths = new int[positions.length];
        int current = 0;
        for (int i = 0; i < positions.length; i++) {
            widths[i] = (int) (positions[i] * lineLength) - current;
            if (widths[i] < 4) {
                throw new IllegalArgumentException("line_length=" + lineLength + " is too narrow to print the summary.");
            }
            current += widths[i];
        }
        // rich fits the table into line_length including the borders: each column gives up its share.
        int excess = widths.length + 1;
        int remainingRatio = widths.length;
        for (int i = 0; i < widths.length; i++) {
            int take = (int) Math.rint((double) excess / remainingRatio);
            widths[i] -= take;
            excess -= take;
            remainingRatio--;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(model.name()).append("\"\n");
        sb.append(border('┏', '━', '┳', '┓', widths));
        sb.append(row('┃', widths, new String[] {"Layer (type)", "Output Shape", "Param #"}, new boolean[] {false, false, false}));
        sb.append(border('┡', '━', '╇', '┩', widths));
        List<Layer> layers = model.layers();
        int[] shape = model.inputShape();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            shape = l.computeOutputShape(shape);
            sb.append(row('│', widths, new String[] {l.name() + " (" + l.className() + ")", shapeText(shape),
                    String.format(Locale.ROOT, "%,d", l.countParams())}, new boolean[] {false, false, true}));
            sb.append(i < layers.size() - 1 ? border('├', '─', '┼', '┤', widths) : border('└', '─', '┴', '┘', widths));
        }
        if (layers.isEmpty()) {
            sb.append(border('└', '─', '┴', '┘', widths));
        }
        long trainable = 0, nonTrainable = 0;
        for (Variable v : model.weights()) {
            if (v.trainable()) {
                trainable += v.value().size();
            } else {
                nonTrainable += v.value().size();
            }
        }
        Optimizer opt = model.optimizer();
        long optimizerParams = 0;
        if (opt != null && opt.iterations() > 0) {
            optimizerParams = 2; // Keras's optimizer variables: iterations and learning_rate, then the slots
            for (Variable v : opt.slotVariables()) {
                optimizerParams += v.value().size();
            }
        }
        long total = trainable + nonTrainable + optimizerParams;
        sb.append(" Total params: ").append(count(total)).append('\n');
        sb.append(" Trainable params: ").append(count(trainable)).append('\n');
        sb.append(" Non-trainable params: ").append(count(nonTrainable)).append('\n');
        if (optimizerParams > 0) {
            sb.append(" Optimizer params: ").append(count(optimizerParams)).append('\n');
        }
        return sb.toString();
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n) + " (" + readableSize(n * 4) + ")";
    }

    /** Keras's readable_memory_size: powers of 1024, two decimals. */
    static String readableSize(double bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        int i = 0;
        while (bytes >= 1024 && i < units.length - 1) {
            bytes /= 1024;
            i++;
        }
        return new BigDecimal(bytes).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " " + units[i];
    }

    private static String shapeText(int[] s) {
        List<String> parts = new ArrayList<>();
        for (int d : s) {
            parts.add(d < 0 ? "None" : String.valueOf(d));
        }
        return "(" + String.join(", ", parts) + (s.length == 1 ? ",)" : ")");
    }

    private static String border(char left, char fill, char mid, char right, int[] widths) {
        StringBuilder sb = new StringBuilder().append(left);
        for (int i = 0; i < widths.length; i++) {
            sb.append(String.valueOf(fill).repeat(widths[i])).append(i < widths.length - 1 ? mid : right);
        }
        return sb.append('\n').toString();
    }

    private static String row(char bar, int[] widths, String[] cells, boolean[] right) {
        StringBuilder sb = new StringBuilder().append(bar);
        for (int i = 0; i < widths.length; i++) {
            int inner = widths[i] - 2;
            String c = cells[i].length() > inner ? cells[i].substring(0, Math.max(0, inner - 1)) + "…" : cells[i];
            String pad = " ".repeat(inner - c.length());
            sb.append(' ').append(right[i] ? pad + c : c + pad).append(' ').append(bar);
        }
        return sb.append('\n').toString();
    }
}
