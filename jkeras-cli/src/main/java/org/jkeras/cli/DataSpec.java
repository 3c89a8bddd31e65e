package org.jkeras.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jkeras.data.Npy;
import org.jkeras.tensor.Tensor;

/**
 * A data argument, {@code FILE[:SELECT]}: a {@code .npy} array, a {@code .npz} archive ({@code SELECT} names its
 * arrays, comma-separated; otherwise arrays are matched to the model's input or output names), a CSV file with a
 * header row ({@code SELECT} names its columns by header or 0-based index, ranges {@code 0-3} allowed; otherwise
 * every column), or a folder with one sub-folder per class (images, see {@link ImageData}).
 *
 * <pre>{@code
 * DataSpec x = DataSpec.parse("data.csv:sepal_length,sepal_width", "--x");
 * List<Tensor> xs = x.arrays(List.of("input"), "x");   // one [rows, 2] tensor
 * DataSpec.parse("pairs.npz", "--x").arrays(List.of("input_1", "input_2"), "x");
 * }</pre>
 */
final class DataSpec {
    final Path path;
    final String select;
    final String option;

    private DataSpec(Path path, String select, String option) {
        this.path = path;
        this.select = select;
        this.option = option;
    }

    /** Splits {@code FILE[:SELECT]} (a file whose name holds ':' is taken whole when it exists). */
    static DataSpec parse(String spec, String option) {
        int colon = spec.lastIndexOf(':');
        if (colon > 1 && !Files.exists(Path.of(spec))) {
            return new DataSpec(Path.of(spec.substring(0, colon)), spec.substring(colon + 1), option);
        }
        return new DataSpec(Path.of(spec), null, option);
    }

    boolean isFolder() {
        return Files.isDirectory(path);
    }

    String describe() {
        return option + " " + path + (select == null ? "" : ":" + select);
    }

    /**
     * The arrays for {@code names} (the model's input or output names, in order). {@code fallback} is the
     * conventional single-array name in a .npz ({@code x} or {@code y}).
     */
    List<Tensor> arrays(List<String> names, String fallback) {
        ModelArgs.requireFile(path, option);
        if (isFolder()) {
            throw new CliException(describe() + " is a folder; an image folder is read as a whole (x and y together), "
                    + "give it as --x only");
        }
        String file = path.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (file.endsWith(".npy")) {
                requireOne(names, "a .npy file holds one array");
                if (select != null) {
                    throw new CliException(describe() + ": a .npy file holds one array; ':" + select + "' selects nothing");
                }
                return List.of(Npy.read(path));
            }
            if (file.endsWith(".npz")) {
                return fromNpz(Npy.readNpz(path), names, fallback);
            }
            if (file.endsWith(".csv")) {
                requireOne(names, "a CSV selection is one 2-D array");
                return List.of(CsvTable.read(path, select, option));
            }
        } catch (IOException e) {
            throw new CliException("cannot read " + describe() + ": " + e.getMessage(), e);
        }
        throw new CliException(describe() + ": unknown data format; use .npy, .npz, .csv or a folder of images "
                + "(one sub-folder per class)");
    }

    private void requireOne(List<String> names, String why) {
        if (names.size() != 1) {
            throw new CliException(describe() + ": the model has " + names.size() + " of them " + names + " but " + why
                    + "; give a .npz with one array per name");
        }
    }

    private List<Tensor> fromNpz(Map<String, Tensor> npz, List<String> names, String fallback) {
        List<String> wanted;
        if (select != null) {
            wanted = Arrays.asList(select.split(","));
            if (wanted.size() != names.size()) {
                throw new CliException(describe() + " selects " + wanted.size() + " arrays; the model needs "
                        + names.size() + " " + names);
            }
        } else if (names.size() == 1 && !npz.containsKey(names.get(0))) {
            wanted = List.of(npz.size() == 1 ? npz.keySet().iterator().next() : fallback);
        } else {
            wanted = names;
        }
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            Tensor t = npz.get(wanted.get(i));
            if (t == null) {
                throw new CliException(describe() + " has no array named '" + wanted.get(i) + "' (for '" + names.get(i)
                        + "'); its arrays are " + npz.keySet() + "; select one with " + option + " " + path + ":NAME");
            }
            out.add(t);
        }
        return out;
    }
}
