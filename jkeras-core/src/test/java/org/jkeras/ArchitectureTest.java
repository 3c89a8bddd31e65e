package org.jkeras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the package layers of DESIGN.md ("Layers of the house"): every reference from one top-level package of
 * {@code org.jkeras} to another in {@code src/main} — an import, a static import or a fully qualified name in
 * code — must be an arrow listed in {@link #ALLOWED}. A sub-package counts as its top-level package
 * ({@code org.jkeras.layers.core} is {@code layers}, {@code org.jkeras.data.csv} is {@code data}), so moving
 * classes into sub-packages keeps the rules. Comments and string literals are not references.
 *
 * <p>The arrows point down only: {@code tensor} uses nothing; {@code autodiff} uses {@code tensor}; {@code ops}
 * both; the registries ({@code activations}, {@code initializers}, {@code regularizers}, {@code constraints})
 * and {@code losses}, {@code metrics}, {@code optimizers} use {@code ops} and below; {@code layers} uses those
 * and the registries; {@code data} only {@code tensor}; {@code callbacks} sees the model through its own
 * {@code CallbackModel} interface and uses {@code data}, {@code optimizers} (the learning rate), the registries
 * and below — never {@code training}, {@code models}, {@code layers} or {@code saving}; {@code training} uses
 * everything below it, {@code callbacks} included; {@code saving} sits on top.
 *
 * <p><b>Exception, on purpose:</b> DESIGN.md's table lists {@code models} before {@code training}, but as in
 * Keras ({@code class Model(Trainer, Layer)}) the functional and sequential models extend
 * {@code training.Trainer}, so the real arrow is {@code models → training}: {@code models} sits above
 * {@code training}, and {@code training} reaches the model only through the abstract methods of {@code Trainer}
 * (forward pass, input and output names, build) — it must never import {@code models}. {@code utils} (Keras's
 * global helpers such as {@code clearSession}) resets the layer name counters, so it may use {@code layers}.
 */
class ArchitectureTest {
    private static final Set<String> REGISTRIES = Set.of("activations", "initializers", "regularizers", "constraints");

    /** Package → the packages it may reference. */
    static final Map<String, Set<String>> ALLOWED = new TreeMap<>();

    static {
        allow("tensor");
        allow("autodiff", "tensor");
        allow("ops", "tensor", "autodiff");
        for (String r : REGISTRIES) {
            allow(r, "tensor", "autodiff", "ops");
        }
        allow("losses", "tensor", "autodiff", "ops");
        allow("metrics", "tensor", "autodiff", "ops");
        allow("optimizers", "tensor", "autodiff", "ops");
        allow("data", "tensor");
        allow("layers", with(REGISTRIES, "tensor", "autodiff", "ops"));
        allow("callbacks", with(REGISTRIES, "tensor", "autodiff", "ops", "data", "optimizers"));
        allow("training", with(REGISTRIES, "tensor", "autodiff", "ops", "data", "optimizers", "losses", "metrics",
                "layers", "callbacks"));
        allow("models", with(ALLOWED.get("training"), "training"));
        allow("utils", with(REGISTRIES, "tensor", "autodiff", "ops", "layers"));
        allow("saving", with(ALLOWED.get("models"), "models", "training"));
    }

    private static void allow(String pkg, String... uses) {
        ALLOWED.put(pkg, Set.of(uses));
    }

    private static void allow(String pkg, Set<String> uses) {
        ALLOWED.put(pkg, uses);
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> s = new TreeSet<>(base);
        s.addAll(List.of(more));
        return s;
    }

    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.jkeras\\.([a-z_][a-z0-9_]*)\\b");
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

    /** The top-level packages that {@code source} (a file of package {@code pkg}) references and may not. */
    static List<String> violations(String pkg, String source) {
        List<String> bad = new ArrayList<>();
        Set<String> allowed = ALLOWED.get(pkg);
        boolean inComment = false;
        int lineNo = 0;
        for (String line : source.split("\n", -1)) {
            lineNo++;
            String code = line;
            if (inComment) {
                int end = code.indexOf("*/");
                if (end < 0) {
                    continue;
                }
                code = code.substring(end + 2);
                inComment = false;
            }
            code = STRING.matcher(code).replaceAll("\"\"");
            int start;
            while ((start = code.indexOf("/*")) >= 0) {
                int end = code.indexOf("*/", start + 2);
                if (end < 0) {
                    code = code.substring(0, start);
                    inComment = true;
                    break;
                }
                code = code.substring(0, start) + code.substring(end + 2);
            }
            int slash = code.indexOf("//");
            if (slash >= 0) {
                code = code.substring(0, slash);
            }
            if (code.trim().startsWith("package ")) {
                continue;
            }
            Matcher m = REFERENCE.matcher(code);
            while (m.find()) {
                String target = m.group(1);
                if (!target.equals(pkg) && (allowed == null || !allowed.contains(target))) {
                    bad.add(target + " (line " + lineNo + ": " + line.trim() + ")");
                }
            }
        }
        return bad;
    }

    private static Path mainSources() {
        Path p = Paths.get("src/main/java/org/jkeras");
        return Files.isDirectory(p) ? p : Paths.get("jkeras-core/src/main/java/org/jkeras");
    }

    @Test
    void everyReferenceBetweenPackagesPointsDown() throws IOException {
        Path root = mainSources();
        assertTrue(Files.isDirectory(root), "main sources at " + root.toAbsolutePath());
        Map<String, List<String>> found = new TreeMap<>();
        Set<String> packages = new TreeSet<>();
        int files;
        try (Stream<Path> s = Files.walk(root)) {
            List<Path> sources = s.filter(f -> f.toString().endsWith(".java")).toList();
            files = sources.size();
            for (Path f : sources) {
                String pkg = root.relativize(f).getName(0).toString();
                if (root.relativize(f).getNameCount() == 1) {
                    continue; // a file directly in org.jkeras
                }
                packages.add(pkg);
                String text = read(f);
                List<String> bad = violations(pkg, text);
                if (!bad.isEmpty()) {
                    found.put(root.relativize(f) + " [" + pkg + " may use " + ALLOWED.get(pkg) + "]", bad);
                }
            }
        }
        assertTrue(files > 100, "scanned " + files + " files");
        Set<String> unknown = new TreeSet<>(packages);
        unknown.removeAll(ALLOWED.keySet());
        assertEquals(Set.of(), unknown, "a new top-level package needs its row in ALLOWED (and in DESIGN.md)");
        assertEquals(Map.of(), found, "references that point up the layers of DESIGN.md");
    }

    @Test
    void theScanSeesImportsStaticImportsAndQualifiedNamesButNotCommentsOrStrings() {
        String src = String.join("\n",
                "package org.jkeras.callbacks;",
                "import org.jkeras.training.Trainer;",
                "import static org.jkeras.models.Model.load;",
                "/** see {@link org.jkeras.saving.Models}",
                " * org.jkeras.layers.Dense */",
                "class X { org.jkeras.layers.core.Dense d; // org.jkeras.losses.Loss",
                "  String s = \"org.jkeras.saving.Models\"; org.jkeras.tensor.Tensor t; }");
        List<String> bad = violations("callbacks", src);
        assertEquals(3, bad.size(), bad.toString());
        assertTrue(bad.get(0).startsWith("training") && bad.get(1).startsWith("models")
                && bad.get(2).startsWith("layers"), bad.toString());
        assertEquals(List.of(), violations("tensor", "package org.jkeras.tensor;\nimport org.jkeras.tensor.kernels.Gemm;"));
        assertEquals(1, violations("tensor", "import org.jkeras.autodiff.Variable;").size());
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
