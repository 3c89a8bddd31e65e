package org.jkeras.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("a.bin");
        Files.writeString(target, "old");
        AtomicFiles.replace(target, tmp -> Files.writeString(tmp, "new"));
        assertEquals("new", Files.readString(target));
        assertEquals(List.of("a.bin"), names());
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("a.bin");
        Files.writeString(target, "old");
        IOException boom = new IOException("disk full");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.replace(target, tmp -> {
            Files.writeString(tmp, "half");
            throw boom;
        }));
        assertSame(boom, e);
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("a.bin"), names());
    }

    @Test
    void staleTemporariesOfDeadProcessesAreRemovedAndNothingElse() throws Exception {
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        long dead = gone.pid();
        long alive = ProcessHandle.current().parent().orElseThrow().pid();
        Path target = dir.resolve("a.bin");
        Files.writeString(dir.resolve(".a.bin." + dead + "-123.tmp"), ""); // a kill -9'd save: removed
        List<String> kept = List.of(".a.bin." + alive + "-77.tmp", // a live process's save in progress
                ".a.bin.123.tmp", ".a.bin.notes.tmp", ".b.bin." + dead + "-1.tmp", "a.bin." + dead + "-1.tmp",
                ".a.bin." + dead + "-1.tmp.bak");
        for (String k : kept) {
            Files.writeString(dir.resolve(k), "");
        }
        AtomicFiles.replace(target, tmp -> Files.writeString(tmp, "new"));
        List<String> expected = new java.util.ArrayList<>(kept);
        expected.add("a.bin");
        expected.sort(null);
        assertEquals(expected, names());
    }

    @Test
    void aConcurrentSaveInThisJvmKeepsTheOtherSavesTemporary() throws Exception {
        Path target = dir.resolve("a.bin");
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Path[] first = new Path[1];
        Thread t = new Thread(() -> {
            try {
                AtomicFiles.replace(target, tmp -> {
                    first[0] = tmp;
                    Files.writeString(tmp, "first");
                    writing.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                });
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        t.start();
        writing.await();
        AtomicFiles.replace(target, tmp -> Files.writeString(tmp, "second"));
        assertEquals(true, Files.exists(first[0]), "the running save's temporary file must survive the second save");
        release.countDown();
        t.join();
        assertEquals("first", Files.readString(target));
        assertEquals(List.of("a.bin"), names());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
