package org.jkeras.callbacks;

import static org.jkeras.callbacks.CallbackFixtures.DATA;
import static org.jkeras.callbacks.CallbackFixtures.DIR;
import static org.jkeras.callbacks.CallbackFixtures.SCENARIOS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jkeras.models.Model;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.Adam;
import org.jkeras.optimizers.SGD;
import org.jkeras.saving.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario of test-data/fixtures/keras3-callbacks (what Keras 3.16 did with the same model, weights and data):
 * History, epochs, files written (names and contents), callback messages on stdout, callback state, final weights
 * and learning rate, to 1e-4.
 */
class KerasCallbacksConformanceTest {
    private static final double TOL = 1e-4;

    @TempDir
    Path tmp;

    private static void assertHistory(JsonNode expected, History h, String what) {
        List<String> keys = new ArrayList<>();
        expected.fieldNames().forEachRemaining(keys::add);
        assertEquals(keys.stream().sorted().collect(Collectors.toList()),
                h.history().keySet().stream().sorted().collect(Collectors.toList()), what + ": history keys");
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            List<Double> got = h.history().get(e.getKey());
            assertEquals(e.getValue().size(), got.size(), what + ": " + e.getKey() + " length");
            for (int i = 0; i < got.size(); i++) {
                assertEquals(e.getValue().get(i).asDouble(), got.get(i), TOL, what + ": " + e.getKey() + "[" + i + "]");
            }
        }
    }

    private static void assertEpochs(JsonNode expected, History h, String what) {
        List<Integer> e = new ArrayList<>();
        expected.forEach(n -> e.add(n.asInt()));
        assertEquals(e, h.epoch(), what + ": epochs");
    }

    private static void assertCommon(String name, History h, Sequential m, String printed) {
        JsonNode s = SCENARIOS.get(name);
        assertEpochs(s.get("epoch"), h, name);
        assertHistory(s.get("history"), h, name);
        assertEquals(CallbackFixtures.withoutTimings(s.get("stdout").asText()), CallbackFixtures.withoutTimings(printed),
                name + ": stdout");
        CallbackFixtures.assertWeights(s.get("final_weights"), m.getWeights(), TOL, name + ": final weights");
        assertEquals(s.get("lr_end").asDouble(), (float) m.optimizer().learningRate(), 1e-9, name + ": final lr");
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted()
                    .collect(Collectors.toList());
        }
    }

    private static List<String> expectedFiles(String name) {
        List<String> out = new ArrayList<>();
        SCENARIOS.get(name).get("files").forEach(n -> out.add(n.asText()));
        return out;
    }

    private History[] fitHolder = new History[1];

    private String run(Sequential m, int epochs, int verbose, Callback... cbs) {
        return CallbackFixtures.stdout(() -> fitHolder[0] = m.fit(DATA.get("x"), DATA.get("y"),
                CallbackFixtures.fit(epochs, verbose, cbs)));
    }

    @Test
    void earlyStoppingWithRestore() {
        Sequential m = CallbackFixtures.model(new SGD(0.8));
        EarlyStopping es = new EarlyStopping().monitor("val_loss").patience(1).restoreBestWeights(true).verbose(1);
        String out = run(m, 12, 2, es);
        assertCommon("early_stopping_restore", fitHolder[0], m, out);
        JsonNode st = SCENARIOS.get("early_stopping_restore").get("callback_state");
        assertEquals(st.get("EarlyStopping.stopped_epoch").asInt(), es.stoppedEpoch());
        assertEquals(st.get("EarlyStopping.wait").asInt(), es.waitCount());
        assertEquals(st.get("EarlyStopping.best_epoch").asInt(), es.bestEpoch());
        assertEquals(st.get("EarlyStopping.best").asDouble(), es.best(), TOL);
    }

    @Test
    void learningRateScheduler() {
        Sequential m = CallbackFixtures.model(new SGD());
        String out = run(m, 4, 2, new LearningRateScheduler((epoch, lr) -> 0.2 * Math.pow(0.5, epoch)).verbose(1));
        assertCommon("lr_scheduler", fitHolder[0], m, out);
    }

    @Test
    void csvLoggerText() throws IOException {
        Sequential m = CallbackFixtures.model(new SGD(0.1));
        Path csv = tmp.resolve("log.csv");
        String out = run(m, 3, 0, new CSVLogger(csv).separator(";"));
        assertCommon("csv_logger", fitHolder[0], m, out);
        assertEquals(expectedFiles("csv_logger"), files(tmp));
        // Keras's file: Python's csv module ends rows with \r\n (callbacks.json keeps the text with \n)
        String keras = Files.readString(DIR.resolve("csv_logger/log.csv"), StandardCharsets.UTF_8);
        String ours = Files.readString(csv, StandardCharsets.UTF_8);
        assertEquals(SCENARIOS.get("csv_logger").get("csv").get("log.csv").asText(), keras.replace("\r\n", "\n"));
        String[] k = keras.split("\r\n", -1), o = ours.split("\r\n", -1);
        assertEquals(k.length, o.length, "rows");
        assertEquals(k[0], o[0], "header");
        History h = fitHolder[0];
        List<String> columns = List.of(k[0].split(";"));
        for (int r = 1; r < k.length - 1; r++) {
            String[] kc = k[r].split(";", -1), oc = o[r].split(";", -1);
            assertEquals(kc.length, oc.length, "cells of row " + r);
            assertEquals(kc[0], oc[0], "epoch of row " + r);
            for (int c = 1; c < kc.length; c++) {
                // torch and jkeras round differently in the last float32 bits, so the digits may differ; each cell
                // is Python's repr of the logged value and within 1e-4 of Keras's
                assertEquals(Double.parseDouble(kc[c]), Double.parseDouble(oc[c]), TOL, "row " + r + " " + columns.get(c));
                assertEquals(PythonFormat.repr(h.history().get(columns.get(c)).get(r - 1)), oc[c]);
                // the formatter itself against Python: re-printing Keras's cell gives Keras's text
                assertEquals(kc[c], PythonFormat.repr(Double.parseDouble(kc[c])), "Python repr of " + kc[c]);
            }
        }
        assertEquals("", o[o.length - 1], "the file ends with \\r\\n");
    }

    @Test
    void checkpointBestOnly() throws IOException {
        Sequential m = CallbackFixtures.model(new SGD(0.8));
        String template = tmp.resolve("ck.{epoch:02d}-{val_loss:.2f}.keras").toString();
        ModelCheckpoint ck = new ModelCheckpoint(template).monitor("val_loss").saveBestOnly(true).verbose(1);
        String out = run(m, 6, 2, ck);
        // Keras printed the file name it was given (relative); ours is under the temporary folder
        assertCommon("checkpoint_best", fitHolder[0], m, out.replace(tmp.toString() + "/", ""));
        assertEquals(expectedFiles("checkpoint_best"), files(tmp));
        assertEquals(SCENARIOS.get("checkpoint_best").get("callback_state").get("ModelCheckpoint.best").asDouble(),
                ck.best(), TOL);
        Model ours = Models.load(tmp.resolve("ck.01-1.20.keras"));
        Model keras = Models.load(DIR.resolve("checkpoint_best/ck.01-1.20.keras"));
        CallbackFixtures.assertWeights(keras.getWeights(), ours.getWeights(), TOL, "ck.01-1.20.keras");
    }

    @Test
    void checkpointWeightsEveryEpoch() throws IOException {
        Sequential m = CallbackFixtures.model(new SGD(0.1));
        ModelCheckpoint ck = new ModelCheckpoint(tmp.resolve("w.{epoch:02d}.weights.h5").toString()).saveWeightsOnly(true);
        String out = run(m, 3, 0, ck);
        assertCommon("checkpoint_weights_every_epoch", fitHolder[0], m, out);
        assertEquals(expectedFiles("checkpoint_weights_every_epoch"), files(tmp));
        assertEquals(null, ck.best(), "Keras's best stays None without save_best_only");
        for (String f : files(tmp)) {
            Sequential ours = CallbackFixtures.model(new SGD(0.1));
            Sequential keras = CallbackFixtures.model(new SGD(0.1));
            ours.loadWeights(tmp.resolve(f));
            keras.loadWeights(DIR.resolve("checkpoint_weights_every_epoch/" + f));
            CallbackFixtures.assertWeights(keras.getWeights(), ours.getWeights(), TOL, f);
        }
    }

    @Test
    void terminateOnNaNLetsAFiniteLossRun() {
        Sequential m = CallbackFixtures.model(new SGD(1e6));
        String out = run(m, 5, 2, new TerminateOnNaN());
        assertCommon("terminate_on_nan", fitHolder[0], m, out);
    }

    /** Keras: a crash raised at the end of epoch index 2, a fresh model fit again with the same callback. */
    @Test
    void backupAndRestoreResumesAtEpochThree() {
        JsonNode s = SCENARIOS.get("backup_and_restore");
        Path backup = tmp.resolve("backup");
        Sequential first = CallbackFixtures.model(new Adam(0.05));
        Callback crash = new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
                if (epoch == 2) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        try {
            CallbackFixtures.quiet(() -> first.fit(DATA.get("x"), DATA.get("y"), CallbackFixtures.fitWithoutValidation(6,
                    new BackupAndRestore(backup), crash)));
            throw new AssertionError("the crash should propagate");
        } catch (IllegalStateException expected) {
            assertEquals("simulated crash", expected.getMessage());
        }
        assertTrue(Files.exists(backup.resolve(BackupAndRestore.METADATA)), "the backup survives a crash");

        Sequential resumed = CallbackFixtures.model(new Adam(0.05));
        History h = CallbackFixtures.quiet(() -> resumed.fit(DATA.get("x"), DATA.get("y"),
                CallbackFixtures.fitWithoutValidation(6, new BackupAndRestore(backup))));
        assertEpochs(s.get("resumed_epoch"), h, "resumed");
        assertHistory(s.get("resumed_history"), h, "resumed");
        assertTrue(!Files.exists(backup), "a completed fit deletes the backup");

        Sequential straight = CallbackFixtures.model(new Adam(0.05));
        History u = CallbackFixtures.quiet(() -> straight.fit(DATA.get("x"), DATA.get("y"),
                CallbackFixtures.fitWithoutValidation(6)));
        assertHistory(s.get("uninterrupted_history"), u, "uninterrupted");
        CallbackFixtures.assertWeights(straight.getWeights(), resumed.getWeights(), 0.0, "resumed vs uninterrupted");
    }
}
