package org.jkeras.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jkeras.tensor.Tensor;

/**
 * Reads numeric columns of a comma-separated file with a header row into a {@code [rows, columns]} float32
 * tensor. Columns are selected by header name or 0-based index, ranges {@code 2-5} included; a cell that is not a
 * number is an error naming its row (1-based, the header is row 1) and column.
 *
 * <pre>{@code
 * Tensor x = CsvTable.read(Path.of("iris.csv"), "0-3", "--x");     // first four columns
 * Tensor y = CsvTable.read(Path.of("iris.csv"), "species", "--y");
 * }</pre>
 */
final class CsvTable {
    private CsvTable() {}

    static Tensor read(Path file, String select, String option) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String headerLine = in.readLine();
            if (headerLine == null) {
                throw new CliException(option + " " + file + " is empty; a CSV file needs a header row");
            }
            String[] header = split(headerLine);
            int[] cols = columns(header, select, option, file);
            float[] data = new float[1024];
            int n = 0, row = 1;
            String line;
            while ((line = in.readLine()) != null) {
                row++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = split(line);
                if (cells.length != header.length) {
                    throw new CliException(option + " " + file + " row " + row + " has " + cells.length
                            + " cells; the header has " + header.length);
                }
                if (n + cols.length > data.length) {
                    data = Arrays.copyOf(data, Math.max(data.length * 2, n + cols.length));
                }
                for (int c : cols) {
                    data[n++] = number(cells[c], row, c, header[c], option, file);
                }
            }
            int rows = n / cols.length;
            return Tensor.of(Arrays.copyOf(data, n), rows, cols.length);
        }
    }

    private static String[] split(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].strip();
            if (c.length() >= 2 && c.charAt(0) == '"' && c.charAt(c.length() - 1) == '"') {
                c = c.substring(1, c.length() - 1);
            }
            cells[i] = c;
        }
        return cells;
    }

    private static float number(String cell, int row, int col, String name, String option, Path file) {
        try {
            return Float.parseFloat(cell);
        } catch (NumberFormatException e) {
            throw new CliException(option + " " + file + " row " + row + ", column " + (col + 1) + " ('" + name
                    + "'): '" + cell + "' is not a number; select numeric columns with " + option + " " + file
                    + ":COLUMNS");
        }
    }

    private static int[] columns(String[] header, String select, String option, Path file) {
        if (select == null || select.isBlank()) {
            int[] all = new int[header.length];
            Arrays.setAll(all, i -> i);
            return all;
        }
        List<Integer> out = new ArrayList<>();
        for (String part : select.split(",")) {
            String p = part.strip();
            int idx = indexOf(header, p);
            if (idx >= 0) {
                out.add(idx);
            } else if (p.matches("\\d+-\\d+")) {
                int a = Integer.parseInt(p.substring(0, p.indexOf('-'))), b = Integer.parseInt(p.substring(p.indexOf('-') + 1));
                for (int i = a; i <= b; i++) {
                    out.add(checked(i, header, option, file));
                }
            } else if (p.matches("\\d+")) {
                out.add(checked(Integer.parseInt(p), header, option, file));
            } else {
                throw new CliException(option + " " + file + " has no column '" + p + "'; its columns are "
                        + Arrays.toString(header));
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int indexOf(String[] header, String name) {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static int checked(int i, String[] header, String option, Path file) {
        if (i >= header.length) {
            throw new CliException(option + " " + file + " has " + header.length + " columns (0-" + (header.length - 1)
                    + "); received column " + i);
        }
        return i;
    }
}
