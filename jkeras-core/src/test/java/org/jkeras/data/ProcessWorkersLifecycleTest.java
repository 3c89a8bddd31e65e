package org.jkeras.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Worker processes end when the parent JVM dies without closing anything. */
class ProcessWorkersLifecycleTest {
    @Test
    void workerProcessesEndWhenTheParentJvmDies() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OrphanParentMain.class.getName());
        pb.redirectErrorStream(true);
        Process parent = pb.start();
        List<Long> pids = new ArrayList<>();
        List<String> output = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                output.add(line);
                if (line.matches("\\d+")) {
                    pids.add(Long.parseLong(line));
                }
            }
        }
        assertTrue(parent.waitFor(30, TimeUnit.SECONDS), "helper JVM did not exit");
        assertTrue(output.contains("ready"), "helper output: " + output);
        assertEquals(2, pids.size(), "two worker processes expected: " + output);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            for (long pid : pids) {
                Optional<ProcessHandle> h;
                while ((h = ProcessHandle.of(pid)).isPresent() && h.get().isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                        "worker process " + pid + " outlived its parent by 5 s");
            }
        } finally {
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
        assertEquals(0, parent.exitValue());
    }
}
