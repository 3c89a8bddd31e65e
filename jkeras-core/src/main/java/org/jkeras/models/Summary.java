package org.jkeras.models;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jkeras.autodiff.Variable;
import org.jkeras.layers.KerasTensor;
import org.jkeras.layers.Layer;
import org.jkeras.layers.Node;
import org.jkeras.optimizers.Optimizer;

/**
 * Renders Keras 3's {@code model.summary()}: a box-drawn table (Layer (type), Output Shape, Param #) with
 * Keras's column positions 0.45 / 0.80 / 1.0 of the line length — or, for a functional model that is not a plain
 * chain, with a fourth column "Connected to" ({@code dense_7[0][0]}: layer, node, tensor) at 0.3 / 0.56 / 0.74 /
 * 1.0 — then the parameter counts and sizes. Column widths are reduced, and cells word-wrapped, the way the
 * {@code rich} library that Keras prints with does.
 */
final class Summary {
    static final int DEFAULT_LINE_LENGTH = 88;
    static final int DEFAULT_GRAPH_LINE_LENGTH = 108;

    private Summary() {}

    /**
     * Keras's test for printing a functional model like a Sequential one: one node per depth, each with one input,
     * and no layer called twice.
     */
    static boolean sequentialLike(Model model) {
        if (!model.isGraph()) {
            return true;
        }
        Set<Node> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
        for (List<Node> level : model.nodesByDepth().values()) {
            if (level.size() > 1 || (level.size() == 1 && level.get(0).inputs().size() > 1)) {
                return false;
            }
            nodes.addAll(level);
        }
        for (Layer l : model.layers()) {
            int count = 0;
            for (Node n : l.inboundNodes()) {
                if (nodes.contains(n) && ++count > 1) {
                    return false;
                }
            }
        }
        return true;
    }

    static String render(Model model, int lineLength) {
        boolean seqLike = sequentialLike(model);
        double[] positions = seqLike ? new double[] {0.45, 0.80, 1.0} : new double[] {0.3, 0.56, 0.74, 1.0};
        String[] header = seqLike ? new String[] {"Layer (type)", "Output Shape", "Param #"}
                : new String[] {"Layer (type)", "Output Shape", "Param #", "Connected to"};
        boolean[] rightAligned = seqLike ? new boolean[] {false, false, true} : new boolean[] {false, false, true, false};
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
        sb.append(row('┃', widths, header, rightAligned)); // rich justifies headers as their column
        sb.append(border('┡', '━', '╇', '┩', widths));
        List<Layer> layers = model.layers();
        Set<Node> relevant = Collections.newSetFromMap(new IdentityHashMap<>());
        if (model.isGraph()) {
            relevant.addAll(model.graphNodes());
        }
        int[] shape = model.isGraph() ? null : ((Sequential) model).inputShape();
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String shapeText;
            if (model.isGraph()) {
                List<Node> in = l.inboundNodes();
                List<KerasTensor> outs = in.get(in.size() - 1).outputs();
                List<String> parts = new ArrayList<>();
                for (KerasTensor t : outs) {
                    parts.add(shapeText(t.shape()));
                }
                shapeText = parts.size() == 1 ? parts.get(0) : "[" + String.join(", ", parts) + "]";
            } else {
                shape = l.computeOutputShape(shape);
                shapeText = shapeText(shape);
            }
            List<String> cells = new ArrayList<>(List.of(l.name() + " (" + l.className() + ")", shapeText,
                    String.format(Locale.ROOT, "%,d", l.countParams())));
            if (!seqLike) {
                cells.add(connections(l, relevant));
            }
            sb.append(row('│', widths, cells.toArray(new String[0]), rightAligned));
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

    /** Keras's "Connected to": {@code layer[node][tensor]} for each input of each of the layer's calls in the model. */
    private static String connections(Layer l, Set<Node> relevant) {
        List<String> parts = new ArrayList<>();
        for (Node n : l.inboundNodes()) {
            if (!relevant.contains(n)) {
                continue;
            }
            for (KerasTensor t : n.inputs()) {
                parts.add(t.layer().name() + "[" + t.nodeIndex() + "][" + t.tensorIndex() + "]");
            }
        }
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    /**
     * One table row, each cell word-wrapped to its column as rich wraps text (a word longer than the column is cut
     * with an ellipsis); the row is as tall as its tallest cell.
     */
    private static String row(char bar, int[] widths, String[] cells, boolean[] right) {
        List<List<String>> wrapped = new ArrayList<>();
        int height = 1;
        for (int i = 0; i < widths.length; i++) {
            List<String> lines = wrap(cells[i], widths[i] - 2);
            wrapped.add(lines);
            height = Math.max(height, lines.size());
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < height; r++) {
            sb.append(bar);
            for (int i = 0; i < widths.length; i++) {
                int inner = widths[i] - 2;
                String c = r < wrapped.get(i).size() ? wrapped.get(i).get(r) : "";
                String pad = " ".repeat(inner - c.length());
                sb.append(' ').append(right[i] ? pad + c : c + pad).append(' ').append(bar);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Greedy word wrap at {@code width}; over-long words are cut with an ellipsis. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.length() > width) {
                lines.set(i, l.substring(0, Math.max(0, width - 1)) + "…");
            }
        }
        return lines;
    }
}
