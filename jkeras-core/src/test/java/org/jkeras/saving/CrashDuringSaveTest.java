package org.jkeras.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Model;
import org.jkeras.models.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A save killed with SIGKILL mid-write leaves the previous file intact, and the next save to that path removes the
 * dead save's temporary file. The save runs in a child JVM that is killed while its temporary file is being filled.
 */
class CrashDuringSaveTest {
    @TempDir
    Path dir;

    static final int IN = 2048;
    static final int UNITS = 4096; // a 32 MiB kernel: each save takes long enough to be caught mid-write

    /** The kernel value at flat index {@code i}: known to the child and the test alike. */
    static float value(int i) {
        return (i % 997) * 1e-3f - 0.5f;
    }

    static Model model() {
        Sequential m = new Sequential(new Dense(UNITS).inputDim(IN));
        float[] k = new float[IN * UNITS];
        for (int i = 0; i < k.length; i++) {
            k[i] = value(i);
        }
        m.layers().get(0).weights().get(0).assign(k);
        return m;
    }

    /** The child: saves the model to {@code args[0]} over and over, saying "saved" after each save. */
    public static final class SaveForever {
        public static void main(String[] args) throws IOException {
            Model m = model();
            Path target = Path.of(args[0]);
            while (true) {
                m.save(target);
                System.out.println("saved");
                System.out.flush();
            }
        }
    }

    private List<Path> temporaries(String name) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("." + name + ".")
                    && p.getFileName().toString().endsWith(".tmp")).collect(Collectors.toList());
        }
    }

    /** Starts the child, waits for one complete save, then kills it while a temporary file is non-empty. */
    private boolean killMidSave(Path target, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                SaveForever.class.getName(), target.toString());
        pb.redirectError(log.toFile());
        Process child = pb.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String first = r.readLine();
            if (!"saved".equals(first)) {
                fail("the child did not save: " + first + "\n" + Files.readString(log));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                List<Path> tmp = temporaries(target.getFileName().toString());
                if (!tmp.isEmpty() && Files.size(tmp.get(0)) > 0) {
                    child.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
                    child.waitFor(10, TimeUnit.SECONDS);
                    return !temporaries(target.getFileName().toString()).isEmpty();
                }
                Thread.onSpinWait();
            }
            fail("no temporary file was seen while the child saved");
            return false;
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKilledSaveLeavesTheOldFileAndTheNextSaveLeavesNoTemporary() throws Exception {
        Path target = dir.resolve("m.keras");
        Path log = dir.resolve("child.log");
        boolean caught = false;
        for (int attempt = 0; attempt < 5 && !caught; attempt++) {
            caught = killMidSave(target, log); // retried in the rare case the rename won the race against the kill
        }
        assertTrue(caught, "the child was never killed with its temporary file present");
        assertEquals(1, temporaries("m.keras").size(), "the killed save left its temporary file: " + temporaries("m.keras"));

        Model old = Models.load(target); // complete and CRC-clean: the kill never touched it
        float[] k = old.layers().get(0).weights().get(0).value().toArray();
        for (int i = 0; i < k.length; i += 4099) {
            assertEquals(value(i), k[i], "kernel element " + i);
        }
        assertEquals(value(k.length - 1), k[k.length - 1]);

        Model small = new Sequential(new Dense(2).inputDim(3));
        small.save(target);
        assertEquals(List.of(), temporaries("m.keras"), "the next save removes the dead save's temporary file");
        assertEquals(3, Models.load(target).layers().get(0).weights().get(0).value().dim(0));
    }
}
