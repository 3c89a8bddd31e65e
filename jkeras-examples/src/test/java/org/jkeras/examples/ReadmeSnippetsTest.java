package org.jkeras.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md's Java code compiles and runs as written: every {@code ```java} block is compiled with
 * {@link javax.tools.JavaCompiler} ({@code --release 17}) against this module's test class path, which holds the
 * built library jar; then the method-body blocks run, one after another, in a fresh JVM whose working directory is an
 * empty temporary folder. One dynamic test per block, named by its README line; a compiler error is reported at its
 * README line.
 *
 * <p>How a block is read (see {@link ReadmeSnippet} for the details): a block declaring a top-level
 * {@code public class/record/interface/enum} is a compilation unit and is only compiled; any other block is a method
 * body with its {@code import} lines at the top, and declares the variables it uses; it is also run unless its first
 * line is {@code // compile only}.
 *
 * <pre>{@code
 * ```java
 * import org.jkeras.layers.core.Dense;
 * import org.jkeras.models.Sequential;
 *
 * Sequential model = new Sequential(new Dense(1).inputDim(4));
 * model.summary();
 * ```
 * }</pre>
 */
class ReadmeSnippetsTest {
    private static final long RUN_TIMEOUT_S = 300;

    @TempDir
    static Path work;

    /** Compiler errors per snippet index (empty list: compiled); filled once by {@link #compileAll}. */
    private static Map<Integer, List<String>> errors;
    /** Output per runnable snippet's class, and whether it ended with "ok"; filled once by {@link #runAll}. */
    private static Map<String, String> runOutput;
    private static Map<String, Boolean> runOk;

    static List<ReadmeSnippet> snippets() throws IOException {
        return ReadmeSnippet.parse(Files.readString(RepositoryData.root().resolve("README.md"), StandardCharsets.UTF_8));
    }

    @Test
    void readmeHasJavaSnippets() throws IOException {
        assertTrue(snippets().size() >= 4, "README.md's ```java blocks were not found: " + snippets().size());
    }

    @TestFactory
    Stream<DynamicTest> everyReadmeSnippetCompilesAndTheRunnableOnesRun() throws IOException {
        List<ReadmeSnippet> all = snippets();
        compileAll(all);
        List<DynamicTest> tests = new ArrayList<>();
        for (ReadmeSnippet s : all) {
            tests.add(DynamicTest.dynamicTest("README.md line " + s.readmeLine() + " compiles", () -> {
                List<String> e = errors.get(s.index());
                assertTrue(e.isEmpty(), "README.md's ```java block at line " + s.readmeLine() + " does not compile:\n"
                        + String.join("\n", e));
            }));
            if (s.runnable()) {
                tests.add(DynamicTest.dynamicTest("README.md line " + s.readmeLine() + " runs", () -> {
                    assertTrue(errors.get(s.index()).isEmpty(), "not run: it does not compile");
                    runAll(all);
                    assertNotNull(runOk.get(s.qualifiedName()), "no result from the child JVM:\n" + runOutput.get(""));
                    assertTrue(runOk.get(s.qualifiedName()), "README.md's ```java block at line " + s.readmeLine()
                            + " failed when run (line n of " + s.className() + ".java is README.md line "
                            + s.readmeLine() + " + n - 1):\n" + runOutput.get(s.qualifiedName()));
                }));
            }
        }
        return tests.stream();
    }

    /** Compiles every snippet in one javac call; errors are mapped to README lines. */
    private static synchronized void compileAll(List<ReadmeSnippet> all) throws IOException {
        if (errors != null) {
            return;
        }
        errors = compile(all, work.resolve("classes"));
    }

    /** Compiles {@code all} into {@code classes}, returning the error messages per snippet index. */
    static Map<Integer, List<String>> compile(List<ReadmeSnippet> all, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "no system Java compiler: run the tests on a JDK, not a JRE");
        Files.createDirectories(classes);
        Map<Path, ReadmeSnippet> byFile = new LinkedHashMap<>();
        for (ReadmeSnippet s : all) {
            Path dir = Files.createDirectories(work.resolve("src").resolve(s.packageName().replace('.', '/')));
            Path file = dir.resolve(s.className() + ".java");
            Files.writeString(file, s.source(), StandardCharsets.UTF_8);
            byFile.put(file.toAbsolutePath().normalize(), s);
        }
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        for (ReadmeSnippet s : all) {
            out.put(s.index(), new ArrayList<>());
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-implicit:none",
                    "-classpath", System.getProperty("java.class.path"), "-d", classes.toString());
            StringWriter log = new StringWriter();
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(byFile.keySet());
            javac.getTask(log, fm, diagnostics, options, null, units).call();
        }
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            ReadmeSnippet s = d.getSource() == null ? null : byFile.get(Path.of(d.getSource().toUri()).toAbsolutePath().normalize());
            String where = s == null ? "(no source)" : "README.md:" + (s.readmeLine() + d.getLineNumber() - 1);
            String msg = where + ": " + d.getMessage(Locale.ROOT);
            if (s == null) {
                out.values().forEach(l -> l.add(msg));
            } else {
                out.get(s.index()).add(msg);
            }
        }
        return out;
    }

    /** Runs every runnable snippet that compiled, in one child JVM, in an empty working directory. */
    private static synchronized void runAll(List<ReadmeSnippet> all) throws IOException, InterruptedException {
        if (runOk != null) {
            return;
        }
        runOutput = new LinkedHashMap<>();
        runOk = new LinkedHashMap<>();
        Path classes = work.resolve("classes");
        if (all.stream().anyMatch(s -> !errors.get(s.index()).isEmpty())) {
            // javac writes no classes when any unit has an error: compile the good ones again on their own
            classes = work.resolve("classes-ok");
            compile(all.stream().filter(s -> errors.get(s.index()).isEmpty()).toList(), classes);
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector",
                "-cp", classes + File.pathSeparator + System.getProperty("java.class.path"),
                ReadmeSnippetRunner.class.getName()));
        for (ReadmeSnippet s : all) {
            if (s.runnable() && errors.get(s.index()).isEmpty()) {
                cmd.add(s.qualifiedName());
            }
        }
        Path cwd = Files.createDirectories(work.resolve("cwd"));
        Path log = work.resolve("run.log");
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(RUN_TIMEOUT_S, TimeUnit.SECONDS)) {
                fail("README snippets still running after " + RUN_TIMEOUT_S + " s:\n" + Files.readString(log));
            }
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
        String whole = Files.readString(log, StandardCharsets.UTF_8);
        runOutput.put("", whole);
        // Each snippet's output, and for a failure its stack trace, comes before its marker line.
        StringBuilder current = new StringBuilder();
        for (String line : whole.split("\n", -1)) {
            if (line.startsWith(ReadmeSnippetRunner.MARKER)) {
                String[] parts = line.substring(ReadmeSnippetRunner.MARKER.length()).split(" ");
                runOk.put(parts[0], parts[1].equals("ok"));
                runOutput.put(parts[0], current.toString());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        assertEquals(0, p.exitValue(), "the snippet runner JVM failed:\n" + whole);
    }
}
