package org.jkeras.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jkeras.autodiff.Variable;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Model;
import org.jkeras.models.Sequential;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models whose weights exceed 2 GiB save and load in every format with equal predictions: one Dense kernel over
 * 2 GiB (a single HDF5 dataset past 32-bit sizes), and several layers totalling over 2 GiB. Tagged "large": not part
 * of {@code mvn verify}; run with {@code mvn -q -P large-models -pl jkeras-core test} (12 GiB heap). Prints save and
 * load times, file sizes, the heap in use before each step and its peak during it, and the process's peak RSS.
 */
@Tag("large")
class LargeModelSaveTest {
    private static final long TWO_GIB = 1L << 31;

    @TempDir
    Path dir;

    @Test
    void oneKernelOver2GiB() throws IOException, InterruptedException {
        // 16384 x 32769 floats = 2,147,549,184 bytes: 64 KiB past 2 GiB in one dataset
        check("one-kernel", () -> new Sequential(new Dense(32769).useBias(false).inputDim(16384)), 16384);
    }

    @Test
    void severalLayersOver2GiB() throws IOException, InterruptedException {
        // 4096x65536 + 65536x4096 + 4096x10 floats plus biases: just over 2 GiB in three layers
        check("three-layers", () -> new Sequential(new Dense(65536, "relu").inputDim(4096), new Dense(4096, "tanh"),
                new Dense(10)), 4096);
    }

    private void check(String label, Supplier<Model> build, int inputs) throws IOException, InterruptedException {
        resetPeak();
        long t0 = System.nanoTime();
        Model model = build.get();
        long bytes = 0;
        for (Variable v : model.weights()) {
            bytes += 4L * v.value().size();
        }
        assertTrue(bytes > TWO_GIB, label + ": weights are only " + bytes + " bytes");
        Tensor x = Tensor.randomUniform(7, -1f, 1f, 2, inputs);
        float[] expected = predict(model, x);
        report(label, "build+predict", t0, -1);
        for (String name : new String[] {"m.keras", "m.h5", "m.weights.h5"}) {
            Path p = dir.resolve(name);
            resetPeak();
            long t = System.nanoTime();
            if (name.endsWith(".weights.h5")) {
                model.saveWeights(p);
            } else {
                model.save(p);
            }
            report(label, "save " + name, t, Files.size(p));
            assertTrue(Files.size(p) > TWO_GIB, name + " holds all weights");
            assertEquals(List.of(name), listing(), "only the saved file is left");
            pythonCheck(p, name);
            resetPeak();
            t = System.nanoTime();
            Model back;
            if (name.endsWith(".weights.h5")) {
                back = build.get();
                back.loadWeights(p);
            } else {
                back = Models.load(p);
            }
            report(label, "load " + name, t, Files.size(p));
            assertArrayEquals(expected, predict(back, x), label + " " + name + ": predictions after reload");
            back = null;
            Files.delete(p);
        }
    }

    private static float[] predict(Model m, Tensor x) {
        return m.predict(x, EvaluateOptions.defaults().verbose(0)).toArray();
    }

    private List<String> listing() throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(java.util.stream.Collectors.toList());
        }
    }

    /** Python's zipfile re-checks every CRC of the .keras; h5py opens the HDF5 and reads a corner of each kernel. */
    private void pythonCheck(Path p, String name) throws IOException, InterruptedException {
        String py = "/usr/bin/python3";
        if (!Files.isExecutable(Path.of(py))) {
            System.out.println("[large] " + name + ": /usr/bin/python3 absent, zipfile/h5py check not run");
            return;
        }
        String script = String.join("\n",
                "import sys, zipfile, io, struct, h5py",
                "p = sys.argv[1]",
                "class Window(io.RawIOBase):",
                "    def __init__(s, f, a, n): s.f, s.a, s.n, s.p = f, a, n, 0",
                "    def readable(s): return True",
                "    def seekable(s): return True",
                "    def tell(s): return s.p",
                "    def seek(s, o, w=0):",
                "        s.p = o if w == 0 else (s.p + o if w == 1 else s.n + o)",
                "        return s.p",
                "    def readinto(s, b):",
                "        s.f.seek(s.a + s.p)",
                "        k = s.f.readinto(memoryview(b)[:max(0, min(len(b), s.n - s.p))])",
                "        s.p += k",
                "        return k",
                "def walk(f):",
                "    n = []",
                "    f.visititems(lambda k, v: n.append((k, v.shape, float(v[(0,) * len(v.shape)]) if v.size else None)) "
                        + "if isinstance(v, h5py.Dataset) else None)",
                "    return n",
                "if p.endswith('.keras'):",
                "    z = zipfile.ZipFile(p)",
                "    assert z.testzip() is None",  // reads every member, checking its CRC-32
                "    i = z.getinfo('model.weights.h5')",
                "    f = open(p, 'rb')",
                "    f.seek(i.header_offset)",
                "    n, e = struct.unpack('<HH', f.read(30)[26:30])",
                "    print(walk(h5py.File(Window(f, i.header_offset + 30 + n + e, i.file_size), 'r'))[:3])",
                "else:",
                "    print(walk(h5py.File(p, 'r'))[:3])");
        Process pr = new ProcessBuilder(py, "-c", script, p.toString()).redirectErrorStream(true).start();
        String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        pr.waitFor();
        if (out.contains("No module named 'h5py'")) {
            System.out.println("[large] " + name + ": h5py absent, Python check not run");
            return;
        }
        assertEquals(0, pr.exitValue(), "Python could not read " + name + ":\n" + out);
        System.out.println("[large] " + name + " read by Python: " + out.trim());
    }

    /** Collects garbage and restarts the heap pools' peak counters, so the next report shows one step's peak. */
    private static void resetPeak() {
        System.gc();
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        baseline = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long baseline;

    /** The sum of the heap pools' peaks since {@link #resetPeak} (an upper bound of the heap in use at once). */
    private static long heapPeak() {
        long sum = 0;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static void report(String label, String step, long startNanos, long fileBytes) {
        double s = (System.nanoTime() - startNanos) / 1e9;
        String hwm = "?";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    hwm = line.substring(6).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        System.out.println(String.format(Locale.ROOT, "[large] %s %s: %.1f s%s, heap %.2f GB before, peak %.2f GB during; "
                + "process peak RSS so far %s", label, step, s,
                fileBytes >= 0 ? String.format(Locale.ROOT, ", file %,d bytes", fileBytes) : "", baseline / 1e9,
                heapPeak() / 1e9, hwm));
    }
}
