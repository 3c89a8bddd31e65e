package org.jkeras.callbacks;

import static org.jkeras.callbacks.CallbackFixtures.DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.InputLayer;
import org.jkeras.models.Model;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.Adam;
import org.jkeras.saving.Models;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.FitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fit interrupted in the middle of epoch 3 (index 2) — by an exception from a callback, and by SIGKILL of a child
 * JVM — and started again with BackupAndRestore ends with exactly the weights of an uninterrupted run (shuffled data
 * with a seed, Adam's moments, the epoch counter).
 */
class BackupAndRestoreTest {
    static final ThreadLocal<Integer> EPOCH_OF = ThreadLocal.withInitial(() -> -1);

    @TempDir
    Path tmp;

    /** Shuffled (seed 7) so that the resumed epochs need the same shuffle stream; batch 16, no validation. */
    static FitOptions options(int epochs, Callback... callbacks) {
        return FitOptions.defaults().batchSize(16).shuffle(true).seed(7).epochs(epochs).verbose(0).callbacks(callbacks);
    }

    static Callback epochTracker() {
        return new Callback() {
            @Override
            public void onEpochBegin(int epoch, Map<String, Double> logs) {
                EPOCH_OF.set(epoch);
            }
        };
    }

    private static List<Tensor> uninterrupted() {
        Sequential m = CallbackFixtures.model(new Adam(0.05));
        m.fit(DATA.get("x"), DATA.get("y"), options(6));
        return m.getWeights();
    }

    private static void assertIdentical(List<Tensor> expected, List<Tensor> got) {
        CallbackFixtures.assertWeights(expected, got, 0.0, "resumed vs uninterrupted");
    }

    @Test
    void anExceptionInEpochThreeThenResumeGivesIdenticalWeights() {
        Path backup = tmp.resolve("backup");
        Sequential first = CallbackFixtures.model(new Adam(0.05));
        Callback crash = new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                if (EPOCH_OF.get() == 2 && batch == 1) {
                    throw new IllegalStateException("crash in the middle of epoch 3");
                }
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> first.fit(DATA.get("x"), DATA.get("y"),
                options(6, new BackupAndRestore(backup), epochTracker(), crash)));
        assertEquals("crash in the middle of epoch 3", e.getMessage());
        assertTrue(Files.exists(backup.resolve(BackupAndRestore.METADATA)), "the backup survives the failed fit");

        Sequential resumed = CallbackFixtures.model(new Adam(0.05));
        History h = resumed.fit(DATA.get("x"), DATA.get("y"), options(6, new BackupAndRestore(backup)));
        assertEquals(List.of(2, 3, 4, 5), h.epoch(), "resumed at the first epoch not completed");
        assertEquals(6 * 4, resumed.optimizer().iterations(), "optimizer iterations restored and continued");
        assertIdentical(uninterrupted(), resumed.getWeights());
        assertFalse(Files.exists(backup), "a completed fit deletes its backup");
    }

    @Test
    void resumingWithStepsPerEpochCarriesOnWhereTheArraysWere() {
        // 4 batches per pass, 2 per epoch: every other epoch starts in the middle of a shuffled pass
        Path backup = tmp.resolve("backup");
        Callback crash = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                if (epoch == 2) {
                    throw new IllegalStateException("crash after epoch 3");
                }
            }
        };
        Sequential first = CallbackFixtures.model(new Adam(0.05));
        assertThrows(IllegalStateException.class, () -> first.fit(DATA.get("x"), DATA.get("y"),
                options(5, new BackupAndRestore(backup), crash).stepsPerEpoch(2)));
        Sequential resumed = CallbackFixtures.model(new Adam(0.05));
        History h = resumed.fit(DATA.get("x"), DATA.get("y"), options(5, new BackupAndRestore(backup)).stepsPerEpoch(2));
        assertEquals(List.of(3, 4), h.epoch());
        Sequential straight = CallbackFixtures.model(new Adam(0.05));
        straight.fit(DATA.get("x"), DATA.get("y"), options(5).stepsPerEpoch(2));
        assertIdentical(straight.getWeights(), resumed.getWeights());
    }

    @Test
    void aChildJvmKilledWithSigkillInEpochThreeThenResumedGivesIdenticalWeights() throws Exception {
        Path backup = tmp.resolve("backup");
        Path checkpoint = tmp.resolve("ck/model.keras");
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules");
        cmd.add("jdk.incubator.vector");
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(BackupChild.class.getName());
        cmd.add(backup.toString());
        cmd.add(checkpoint.toString());
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                    if (line.contains("KILL-ME")) {
                        break;
                    }
                }
                assertTrue(lines.stream().anyMatch(l -> l.contains("KILL-ME")), "child output: " + lines);
                p.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child ended");
            }
            assertEquals(137, p.exitValue(), "killed by SIGKILL (128 + 9)");
        } finally {
            p.destroyForcibly();
        }
        // the checkpoint, saved after every batch, is complete (a reader sees the old or the new file, never half)
        Model saved = Models.load(checkpoint);
        assertEquals(4, saved.getWeights().size());

        Sequential resumed = CallbackFixtures.model(new Adam(0.05));
        History h = resumed.fit(DATA.get("x"), DATA.get("y"), options(6, new BackupAndRestore(backup)));
        assertEquals(List.of(2, 3, 4, 5), h.epoch());
        assertIdentical(uninterrupted(), resumed.getWeights());
    }

    @Test
    void aFolderFromADifferentModelIsRefused() {
        Path backup = tmp.resolve("backup");
        Sequential a = CallbackFixtures.model(new Adam(0.05));
        Callback crash = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                throw new IllegalStateException("stop after one epoch");
            }
        };
        assertThrows(IllegalStateException.class, () -> a.fit(DATA.get("x"), DATA.get("y"),
                options(3, new BackupAndRestore(backup), crash)));
        Sequential other = new Sequential(new InputLayer(4), new Dense(5, "relu"), new Dense(3, "softmax"));
        other.compile(new Adam(0.05), "categorical_crossentropy", "accuracy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.fit(DATA.get("x"),
                DATA.get("y"), options(3, new BackupAndRestore(backup))));
        assertTrue(e.getMessage().contains("backup of a different model") && e.getMessage().contains("[[4,8],[8],[8,3],[3]]")
                && e.getMessage().contains("[[4,5],[5],[5,3],[3]]"), e.getMessage());
        assertTrue(Files.exists(backup.resolve(BackupAndRestore.METADATA)), "the other model's backup is left alone");
    }

    @Test
    void badArguments() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> new BackupAndRestore(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BackupAndRestore(tmp).saveFreq(0));
        assertTrue(e.getMessage().contains("save_freq=0"), e.getMessage());
        Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(tmp.resolve("foreign").resolve(BackupAndRestore.METADATA), "{\"epoch\": 2, \"batch\": 0}");
        Sequential m = CallbackFixtures.model(new Adam(0.05));
        e = assertThrows(IllegalArgumentException.class, () -> m.fit(DATA.get("x"), DATA.get("y"),
                options(3, new BackupAndRestore(tmp.resolve("foreign")))));
        assertTrue(e.getMessage().contains("did not write"), e.getMessage());
    }
}
