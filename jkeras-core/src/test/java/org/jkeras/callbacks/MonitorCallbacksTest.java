package org.jkeras.callbacks;

import static org.jkeras.callbacks.FakeModel.logs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor/mode/min_delta logic and the bad-input messages, driven by hand with chosen logs. */
class MonitorCallbacksTest {
    @TempDir
    Path tmp;

    private static String stderr(Runnable body) {
        PrintStream old = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void earlyStoppingCountsPatienceWithMinDeltaAndStartFromEpoch() {
        FakeModel m = new FakeModel();
        EarlyStopping es = m.attach(new EarlyStopping().monitor("loss").patience(2).minDelta(0.1).startFromEpoch(1), 10);
        es.onTrainBegin(Map.of());
        double[] losses = {5.0, 1.0, 0.95, 0.5, 0.45, 0.41, 0.3};
        // epoch 0 ignored (warm-up); 1: best 1.0; 2: 0.95 not < 1.0 - 0.1 (wait 1); 3: 0.5 improves;
        // 4: wait 1; 5: wait 2 >= patience -> stop at epoch 5
        int stoppedAt = -1;
        for (int e = 0; e < losses.length && stoppedAt < 0; e++) {
            es.onEpochEnd(e, logs("loss", losses[e]));
            if (m.stop) {
                stoppedAt = e;
            }
        }
        assertEquals(5, stoppedAt);
        assertEquals(5, es.stoppedEpoch());
        assertEquals(0.5, es.best());
        assertEquals(3, es.bestEpoch());
    }

    @Test
    void modeAutoFollowsTheMetricsDirectionAndBaselineHoldsWait() {
        FakeModel m = new FakeModel();
        m.directions.put("accuracy", "up");
        EarlyStopping es = m.attach(new EarlyStopping().monitor("val_accuracy").patience(2).baseline(0.9), 10);
        es.onTrainBegin(Map.of());
        es.onEpochEnd(0, logs("val_accuracy", 0.5));
        es.onEpochEnd(1, logs("val_accuracy", 0.6)); // improves on best, not on the baseline: wait keeps counting
        assertEquals(0.6, es.best());
        assertEquals(2, es.waitCount());
        assertFalse(m.stop, "an epoch that improved on the best never stops (Keras returns first)");
        es.onEpochEnd(2, logs("val_accuracy", 0.55));
        assertEquals(3, es.waitCount());
        assertTrue(m.stop, "three epochs without beating the baseline, patience 2");

        FakeModel unknown = new FakeModel();
        EarlyStopping es2 = unknown.attach(new EarlyStopping().monitor("val_my_score"), 3);
        es2.onTrainBegin(Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> es2.onEpochEnd(0, logs("val_my_score", 1)));
        assertTrue(e.getMessage().contains("monitor=val_my_score") && e.getMessage().contains("mode(\"max\")"),
                e.getMessage());
    }

    @Test
    void reduceLrOnPlateauWithCooldownAndMinLr() {
        FakeModel m = new FakeModel(); // lr 1.0
        ReduceLROnPlateau r = m.attach(new ReduceLROnPlateau().monitor("loss").factor(0.5).patience(1).cooldown(1)
                .minLr(0.3), 10);
        r.onTrainBegin(Map.of());
        double[] loss = {1.0, 1.0, 1.0, 1.0, 1.0, 1.0};
        // by hand (Keras's order: the cooldown counter is decremented before it is tested): e0 best; e1: 1.0 is no
        // improvement by min_delta 1e-4, wait 1 -> lr 0.5, cooldown 1; e2: counter -> 0, so it counts: wait 1 -> 0.25,
        // clipped to min_lr 0.3; e3..: lr 0.3 is not > min_lr (both float32) -> no more reductions
        double[] lrAfter = {1.0, 0.5, 0.3, 0.3, 0.3, 0.3};
        for (int e = 0; e < loss.length; e++) {
            Map<String, Double> l = logs("loss", loss[e]);
            r.onEpochEnd(e, l);
            assertEquals((float) lrAfter[e], (float) m.optimizer.learningRate(), "lr after epoch " + e);
            assertEquals((double) (float) (e == 0 ? 1.0 : lrAfter[e - 1]), l.get("learning_rate"),
                    "learning_rate logged at epoch " + e + " (the rate the epoch ran with)");
        }
    }

    @Test
    void badArgumentsAreClearErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EarlyStopping().mode("mn"));
        assertTrue(e.getMessage().contains("unknown mode 'mn'") && e.getMessage().contains("\"min\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("m.keras").mode("maximum"));
        assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().mode(""));
        e = assertThrows(IllegalArgumentException.class, () -> new EarlyStopping().patience(-1));
        assertTrue(e.getMessage().contains("patience=-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().patience(0));
        assertTrue(e.getMessage().contains("patience=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().factor(0));
        assertTrue(e.getMessage().contains("factor=0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().factor(-0.5));
        assertTrue(e.getMessage().contains("factor=-0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ReduceLROnPlateau().factor(1.0));
        assertTrue(e.getMessage().contains("factor >= 1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("model.txt"));
        assertTrue(e.getMessage().contains("must end in `.keras`"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("w.keras").saveWeightsOnly(true));
        assertTrue(e.getMessage().contains(".weights.h5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("m.keras").saveFreq(0));
        assertTrue(e.getMessage().contains("save_freq"), e.getMessage());
    }

    @Test
    void learningRateSchedulerRefusesNaNAndNegativeRates() {
        FakeModel m = new FakeModel();
        LearningRateScheduler nan = m.attach(new LearningRateScheduler((epoch, lr) -> Double.NaN), 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> nan.onEpochBegin(0, Map.of()));
        assertTrue(e.getMessage().contains("returned nan") && e.getMessage().contains("epoch 0"), e.getMessage());
        LearningRateScheduler neg = m.attach(new LearningRateScheduler((epoch, lr) -> lr - 2), 3);
        e = assertThrows(IllegalArgumentException.class, () -> neg.onEpochBegin(1, Map.of()));
        assertTrue(e.getMessage().contains("returned -1.0") && e.getMessage().contains("learning rate 1.0"), e.getMessage());
        assertEquals(1.0, m.optimizer.learningRate(), "a refused rate is not applied");
    }

    @Test
    void checkpointTemplateNamingAKeyThatIsNotLoggedFails() {
        Sequential model = CallbackFixtures.model(new SGD(0.1));
        ModelCheckpoint ck = new ModelCheckpoint(tmp.resolve("w.{epoch:02d}-{val_acc:.2f}.keras").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CallbackFixtures.quiet(() ->
                model.fit(CallbackFixtures.DATA.get("x"), CallbackFixtures.DATA.get("y"), CallbackFixtures.fit(2, 0, ck))));
        assertTrue(e.getMessage().contains("Failed to format this callback filepath") && e.getMessage().contains("'val_acc'")
                && e.getMessage().contains("val_accuracy"), e.getMessage());
    }

    @Test
    void checkpointMonitorThatIsNotLoggedWarnsOnceAndSavesEveryEpoch() {
        FakeModel m = new FakeModel();
        ModelCheckpoint ck = m.attach(new ModelCheckpoint(tmp.resolve("m.{epoch}.keras").toString()).monitor("val_auc")
                .mode("max").saveBestOnly(true), 3);
        String err = stderr(() -> {
            for (int e = 0; e < 3; e++) {
                ck.onEpochBegin(e, Map.of());
                ck.onEpochEnd(e, logs("loss", 1.0, "val_loss", 1.0));
            }
        });
        assertEquals(1, err.split("Can save best model only with val_auc available", -1).length - 1, err);
        assertTrue(err.startsWith("UserWarning: "), err);
        assertEquals(List.of(tmp.resolve("m.1.keras"), tmp.resolve("m.2.keras"), tmp.resolve("m.3.keras")), m.saved);

        FakeModel m2 = new FakeModel();
        EarlyStopping es = m2.attach(new EarlyStopping().monitor("val_auc").mode("max"), 3);
        es.onTrainBegin(Map.of());
        String err2 = stderr(() -> {
            es.onEpochEnd(0, logs("loss", 1.0));
            es.onEpochEnd(1, logs("loss", 1.0));
        });
        assertEquals(1, err2.split("Early stopping conditioned on metric `val_auc` which is not available", -1).length - 1,
                err2);
        assertFalse(m2.stop);
    }

    @Test
    void checkpointSavesEveryNBatchesAcrossEpochs() {
        FakeModel m = new FakeModel();
        ModelCheckpoint ck = m.attach(new ModelCheckpoint(tmp.resolve("b.{epoch}-{batch}.keras").toString()).saveFreq(3),
                2);
        for (int e = 0; e < 2; e++) {
            ck.onEpochBegin(e, Map.of());
            for (int b = 0; b < 4; b++) {
                ck.onTrainBatchEnd(b, logs("loss", 1.0));
            }
            ck.onEpochEnd(e, logs("loss", 1.0));
        }
        // 8 batches, every 3rd: global batches 3 and 6 = epoch 1 batch 3, epoch 2 batch 2 (1-based in the name)
        assertEquals(List.of(tmp.resolve("b.1-3.keras"), tmp.resolve("b.2-2.keras")), m.saved);
        assertNull(ck.best());
    }

    @Test
    void terminateOnNaNStopsOrRaisesAndLambdaCallbackCalls() {
        FakeModel m = new FakeModel();
        TerminateOnNaN t = m.attach(new TerminateOnNaN(), 1);
        String out = CallbackFixtures.stdout(() -> t.onTrainBatchEnd(3, logs("loss", Double.NaN)));
        assertEquals("Batch 3: Invalid loss, terminating training\n", out);
        assertTrue(m.stop);
        TerminateOnNaN raising = m.attach(new TerminateOnNaN().raiseError(true), 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> raising.onTrainBatchEnd(0, logs("loss", Double.POSITIVE_INFINITY)));
        assertTrue(e.getMessage().contains("Loss value: inf"), e.getMessage());

        StringBuilder seen = new StringBuilder();
        LambdaCallback l = new LambdaCallback().onEpochEnd((epoch, logs) -> seen.append("e").append(epoch))
                .onTrainEnd(logs -> seen.append("end"));
        Sequential model = CallbackFixtures.model(new SGD(0.1));
        CallbackFixtures.quiet(() -> model.fit(CallbackFixtures.DATA.get("x"), CallbackFixtures.DATA.get("y"),
                CallbackFixtures.fit(2, 0, l)));
        assertEquals("e0e1end", seen.toString());
    }
}
