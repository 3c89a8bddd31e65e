package org.jkeras.callbacks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code CSVLogger}: one row per epoch, {@code epoch} then the log keys sorted by name (when no
 * {@code val_*} key is logged, {@code val_<key>} columns are added too and filled with {@code NA}), values as Python
 * prints them ({@code 0.44999998807907104}), rows ended by {@code \r\n} as Python's csv module writes them. Each row is
 * flushed at once. With {@code append} an existing file is continued (no second header). Defaults: separator
 * {@code ","}, append false.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.defaults().epochs(3).callbacks(new CSVLogger("training.log").separator(";")));
 * }</pre>
 */
public final class CSVLogger extends Callback {
    private final Path filename;
    private String separator = ",";
    private boolean append;
    private Writer writer;
    private List<String> keys;
    private boolean appendHeader = true;

    public CSVLogger(String filename) {
        this(Paths.get(filename));
    }

    public CSVLogger(Path filename) {
        if (filename == null) {
            throw new IllegalArgumentException("CSVLogger needs a file name; received null.");
        }
        this.filename = filename;
    }

    /** The field separator (one character or more; Keras's {@code separator}); default ",". */
    public CSVLogger separator(String separator) {
        if (separator == null || separator.isEmpty() || separator.contains("\n") || separator.contains("\"")) {
            throw new IllegalArgumentException("CSVLogger: separator must be a non-empty string without quotes or line "
                    + "breaks, such as \",\" or \";\"; received: separator=" + separator + ".");
        }
        this.separator = separator;
        return this;
    }

    /** Appends to an existing file instead of overwriting it. */
    public CSVLogger append(boolean append) {
        this.append = append;
        return this;
    }

    @Override
    public void onTrainBegin(Map<String, Double> logs) {
        closeQuietly();
        try {
            Path parent = filename.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (append && Files.exists(filename)) {
                try (BufferedReader r = Files.newBufferedReader(filename, StandardCharsets.UTF_8)) {
                    String first = r.readLine();
                    appendHeader = first == null;
                }
            } else {
                appendHeader = true;
            }
            writer = append
                    ? Files.newBufferedWriter(filename, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND)
                    : Files.newBufferedWriter(filename, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger cannot write " + filename.toAbsolutePath() + ": " + e, e);
        }
        keys = null;
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        if (writer == null) {
            throw new IllegalStateException("CSVLogger.onEpochEnd before onTrainBegin: pass it to fit's callbacks.");
        }
        if (keys == null) {
            keys = new ArrayList<>(logs.keySet());
            Collections.sort(keys);
            boolean hasVal = keys.stream().anyMatch(k -> k.startsWith("val_"));
            if (!hasVal && !keys.isEmpty()) {
                List<String> val = new ArrayList<>();
                for (String k : keys) {
                    val.add("val_" + k);
                }
                keys.addAll(val);
            }
            if (appendHeader) {
                List<String> header = new ArrayList<>();
                header.add("epoch");
                header.addAll(keys);
                writeRow(header);
            }
        }
        List<String> row = new ArrayList<>();
        row.add(Integer.toString(epoch));
        for (String k : keys) {
            Double v = logs.get(k);
            row.add(v == null ? "NA" : PythonFormat.repr(v));
        }
        writeRow(row);
    }

    private void writeRow(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(separator);
            }
            b.append(quote(cells.get(i)));
        }
        b.append("\r\n");
        try {
            writer.write(b.toString());
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("CSVLogger cannot write " + filename.toAbsolutePath() + ": " + e, e);
        }
    }

    /** Python csv's QUOTE_MINIMAL: quote a cell holding the separator, a quote or a line break. */
    private String quote(String cell) {
        if (cell.contains(separator) || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }

    @Override
    public void onTrainEnd(Map<String, Double> logs) {
        closeQuietly();
    }

    private void closeQuietly() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // nothing left to flush that matters: every row was flushed when written
            }
            writer = null;
        }
    }
}
