package org.jkeras.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.jkeras.data.TestData;
import org.junit.jupiter.api.Test;

/**
 * Byte-exact checks against what Keras 3.16 printed (test-data/fixtures/keras3-scenarios/progbar_*.txt), plus
 * the jkeras-specific plain mode. A fake clock stands in for time; its readings were chosen so the
 * step times come out as in the fixtures (e.g. step 1 at 6 ms, finalised at 12 ms: 6ms/step then
 * (12-6)/2 = 3ms/step).
 */
class ProgbarTest {
    private static final String ESC = "\u001b";
    private static final String BAR = "\u2501";

    /** A settable clock in milliseconds, read as nanoseconds. */
    private static final class FakeClock {
        long nanos;

        void ms(double millis) {
            nanos = Math.round(millis * 1_000_000L);
        }

        long read() {
            return nanos;
        }
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final FakeClock clock = new FakeClock();

    private Progbar bar(int target, int verbose, boolean interactive) {
        return new Progbar(target, verbose, out, interactive, clock::read);
    }

    private String printed() {
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, Double> logs(Object... kv) {
        Map<String, Double> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    private static String fixture(String name) throws IOException {
        return Files.readString(TestData.fixture("keras3-scenarios/" + name), StandardCharsets.UTF_8);
    }

    /** What a terminal would finally show: per line, the text after the last \r, without ANSI or \b. */
    private static String screen(String keras) {
        StringBuilder sb = new StringBuilder();
        for (String line : keras.split("\n", -1)) {
            String last = line.substring(line.lastIndexOf('\r') + 1);
            sb.append(last.replaceAll("\u001b\\[[0-9;]*m", "").replace("\b", "")).append('\n');
        }
        return sb.substring(0, sb.length() - 1);
    }

    // ---------------------------------------------------------------------------------------------
    // Keras scenario drivers: the call pattern of Keras 3's ProgbarLogger (one update per batch, then a
    // finalising update carrying the epoch logs), with the fixture's values and fitting clock readings.

    private void fitTwoEpochs(int verbose, boolean interactive) {
        out.print("Epoch 1/2\n");
        clock.ms(0);
        Progbar p = bar(3, verbose, interactive);
        clock.ms(6);
        p.update(1, logs("accuracy", 0.4375, "loss", 1.0505), false);
        clock.ms(9); // within 50 ms of the last redraw: skipped on a terminal
        p.update(2, logs("accuracy", 0.375, "loss", 1.1754), false);
        clock.ms(12);
        p.update(3, logs("accuracy", 0.35, "loss", 1.2524), false);
        p.update(3, logs("accuracy", 0.35, "loss", 1.2524, "val_accuracy", 0.2, "val_loss", 1.2578), true);

        out.print("Epoch 2/2\n");
        clock.ms(100);
        p = bar(3, verbose, interactive);
        clock.ms(103);
        p.update(1, logs("accuracy", 0.5, "loss", 1.0032), false);
        clock.ms(107);
        p.update(2, logs("accuracy", 0.4, "loss", 1.1), false);
        clock.ms(111);
        p.update(3, logs("accuracy", 0.35, "loss", 1.1513), false);
        p.update(3, logs("accuracy", 0.35, "loss", 1.1513, "val_accuracy", 0.4, "val_loss", 1.2130), true);
    }

    /** evaluate/predict: batch 1 at {@code firstMs}, batches 2-3 and the end at {@code endMs}. */
    private void threeBatches(double firstMs, double endMs, boolean interactive, boolean withValues) {
        clock.ms(0);
        Progbar p = bar(3, 1, interactive);
        clock.ms(firstMs);
        p.update(1, withValues ? logs("accuracy", 0.25, "loss", 1.4597) : null, false);
        clock.ms((firstMs + endMs) / 2);
        p.update(2, withValues ? logs("accuracy", 0.375, "loss", 1.2) : null, false);
        clock.ms(endMs);
        p.update(3, withValues ? logs("accuracy", 0.3, "loss", 1.1902) : null, false);
        p.update(3, withValues ? logs("accuracy", 0.3, "loss", 1.1902) : Map.of(), true);
    }

    // ---------------------------------------------------------------------------------------------
    // Terminal mode == Keras bytes

    @Test
    void fitVerbose1MatchesKerasTerminalBytes() throws IOException {
        fitTwoEpochs(1, true);
        assertEquals(fixture("progbar_fit_verbose1_tty.txt"), printed());
    }

    @Test
    void fitVerbose1TerminalBytesMatchAlsoKerasPipeCapture() throws IOException {
        // Keras wrote identical control bytes into the pipe (it treats every POSIX process as a terminal).
        assertEquals(fixture("progbar_fit_verbose1_tty.txt"), fixture("progbar_fit_verbose1_pipe.txt"));
    }

    @Test
    void evaluateMatchesKerasBytes() throws IOException {
        threeBatches(2, 6, true, true);
        assertEquals(fixture("progbar_evaluate_tty.txt"), printed());
        bytes.reset();
        threeBatches(4, 6, true, true); // 4ms/step, then (6-4)/2 = 1ms/step
        assertEquals(fixture("progbar_evaluate_pipe.txt"), printed());
    }

    @Test
    void predictMatchesKerasBytes() throws IOException {
        threeBatches(3, 5, true, false);
        assertEquals(fixture("progbar_predict_tty.txt"), printed());
        bytes.reset();
        threeBatches(2, 6, true, false);
        assertEquals(fixture("progbar_predict_pipe.txt"), printed());
    }

    @Test
    void predictTerminalBytesWithoutFixtureFiles() {
        // Independent of the fixture files: progbar_predict_tty.txt spelled out.
        threeBatches(3, 5, true, false);
        String expected = "\r" + ESC + "[1m1/3" + ESC + "[0m "
                + ESC + "[32m" + BAR.repeat(6) + ESC + "[0m" + ESC + "[37m" + BAR.repeat(14) + ESC + "[0m"
                + " " + ESC + "[1m0s" + ESC + "[0m 3ms/step"
                + "\b".repeat(36)
                + "\r" + ESC + "[1m3/3" + ESC + "[0m "
                + ESC + "[32m" + BAR.repeat(20) + ESC + "[0m" + ESC + "[37m" + ESC + "[0m"
                + " " + ESC + "[1m0s" + ESC + "[0m 1ms/step\n";
        assertEquals(expected, printed());
    }

    @Test
    void lastBatchIsDrawnThenOverdrawnWhenEnoughTimePassed() {
        // With >= 50 ms since the previous redraw, the last batch update draws 3/3 with an ETA and the
        // finalising update draws 3/3 again (elapsed time, val_ values): Keras's "final line twice".
        clock.ms(0);
        Progbar p = bar(3, 1, true);
        clock.ms(100);
        p.update(1, logs("loss", 1.0), false);
        clock.ms(200);
        p.update(2, logs("loss", 0.9), false);
        clock.ms(300);
        p.update(3, logs("loss", 0.8), false);
        p.update(3, logs("loss", 0.8, "val_loss", 0.7), true);
        String s = printed();
        String full = ESC + "[1m3/3" + ESC + "[0m " + ESC + "[32m" + BAR.repeat(20) + ESC + "[0m" + ESC + "[37m"
                + ESC + "[0m";
        String line2 = ESC + "[1m2/3" + ESC + "[0m " + ESC + "[32m" + BAR.repeat(13) + ESC + "[0m" + ESC + "[37m"
                + BAR.repeat(7) + ESC + "[0m" + " " + ESC + "[1m0s" + ESC + "[0m 100ms/step - loss: 0.9000";
        // plain width of "2/3 " + 20 bars + " 0s 100ms/step - loss: 0.9000" = 4 + 20 + 3 + 11 + 15 = 53
        assertTrue(s.contains("\r" + line2 + "\b".repeat(53) + "\r"), s);
        assertTrue(s.endsWith("\r" + full + " " + ESC + "[1m0s" + ESC + "[0m 100ms/step - loss: 0.8000"
                + "\b".repeat(53) + "\r" + full + " " + ESC + "[1m0s" + ESC + "[0m 100ms/step - loss: 0.8000"
                + " - val_loss: 0.7000\n"), s);
    }

    @Test
    void shorterLineIsPaddedOverTheLongerOne() {
        clock.ms(0);
        Progbar p = bar(10, 1, true);
        clock.ms(12);
        p.update(1, logs("loss", 1.0), false); // 12ms/step
        clock.ms(100);
        p.update(10, logs("loss", 1.0), false); // (100-12)/9 = 9.78 -> "10ms/step" (same width)
        clock.ms(130);
        p.update(10, logs("loss", 1.0), true); // (130-12)/9 = 13ms/step
        String s = printed();
        assertFalse(s.contains("  "), "no padding needed yet");

        bytes.reset();
        clock.ms(0);
        p = bar(10, 1, true);
        clock.ms(12);
        p.update(1, logs("loss", 1.0), false); // " 12ms/step"
        clock.ms(75);
        p.update(10, logs("loss", 1.0), true); // (75-12)/9 = 7 -> " 7ms/step", one column narrower
        s = printed();
        assertTrue(s.endsWith(" 7ms/step - loss: 1.0000 \n"), s);
    }

    @Test
    void redrawThrottleIs50msButFinalizeAlwaysDraws() {
        clock.ms(0);
        Progbar p = bar(100, 1, true);
        clock.ms(10);
        p.update(1, null, false); // first update always draws
        clock.ms(59.9);
        p.update(2, null, false); // 49.9 ms later: skipped
        clock.ms(60);
        p.update(3, null, false); // 50 ms after the last draw: drawn
        clock.ms(61);
        p.update(4, null, false); // skipped
        clock.ms(62);
        p.update(5, null, true); // finalize: drawn despite the throttle
        String s = printed();
        assertEquals(3, s.chars().filter(c -> c == '\r').count(), s);
        assertTrue(s.contains("  1/100"), s);
        assertTrue(s.contains("  3/100"), s);
        assertFalse(s.contains("  2/100"), s);
        assertFalse(s.contains("  4/100"), s);
        assertTrue(s.endsWith("\n"));
    }

    @Test
    void unknownTargetLayout() {
        clock.ms(0);
        Progbar p = bar(-1, 1, true);
        clock.ms(10);
        p.update(1, logs("loss", 0.5), false);
        clock.ms(1500);
        p.update(2, logs("loss", 0.25), false);
        String line1 = "      1/Unknown " + ESC + "[1m0s" + ESC + "[0m 10ms/step - loss: 0.5000";
        // elapsed 1.5 s formats as Python's round-half-even "2"; (1500-10)/1 ms = 1.49 s -> "1s/step", a line
        // two columns narrower than the first, so two padding spaces follow it.
        String line2 = "      2/Unknown " + ESC + "[1m2s" + ESC + "[0m 1s/step - loss: 0.2500  ";
        assertEquals("\r" + line1 + "\b".repeat(43) + "\r" + line2, printed());

        // Finalising with an unknown target adopts the current step, as ProgbarLogger does.
        bytes.reset();
        clock.ms(1600);
        p.update(2, logs("loss", 0.25), true);
        assertTrue(printed().startsWith("\b".repeat(41) + "\r" + ESC + "[1m2/2" + ESC + "[0m " + ESC + "[32m"
                + BAR.repeat(20)), printed());
        assertTrue(printed().endsWith(ESC + "[1m2s" + ESC + "[0m 2s/step - loss: 0.2500\n"), printed());
    }

    @Test
    void etaWhileRunning() {
        clock.ms(0);
        Progbar p = bar(100, 1, true);
        clock.ms(2000);
        p.update(1, null, false); // 2 s/step, ETA 99 * 2 = 198 s
        assertTrue(printed().endsWith(ESC + "[1m3:18" + ESC + "[0m 2s/step"), printed());
    }

    // ---------------------------------------------------------------------------------------------
    // verbose 2

    @Test
    void fitVerbose2MatchesKeras() throws IOException {
        fitVerbose2();
        assertEquals(fixture("progbar_fit_verbose2_tty.txt"), printed());
        bytes.reset();
        fitVerbose2Plain();
        assertEquals(fixture("progbar_fit_verbose2_pipe.txt"), printed());
    }

    private void fitVerbose2() {
        fitVerbose2(true);
    }

    private void fitVerbose2Plain() {
        fitVerbose2(false);
    }

    private void fitVerbose2(boolean interactive) {
        out.print("Epoch 1/2\n");
        clock.ms(0);
        Progbar p = bar(3, 2, interactive);
        clock.ms(6);
        p.update(1, logs("accuracy", 0.4375, "loss", 1.0505), false); // ignored in verbose 2
        clock.ms(12);
        p.update(3, logs("accuracy", 0.35, "loss", 1.2524, "val_accuracy", 0.2, "val_loss", 1.2578), true);
        out.print("Epoch 2/2\n");
        clock.ms(20);
        p = bar(3, 2, interactive);
        clock.ms(32);
        p.update(3, logs("accuracy", 0.35, "loss", 1.1513, "val_accuracy", 0.4, "val_loss", 1.2130), true);
    }

    @Test
    void verbose2LiteralLineAndNegativeQuirk() {
        clock.ms(0);
        Progbar p = bar(3, 2, true);
        clock.ms(1);
        p.update(1, logs("loss", 9.0), false);
        clock.ms(12);
        p.update(3, logs("a", -0.5, "loss", 1.2524, "tiny", 0.0005), true);
        // 12/3 = 4 ms per step (non-final updates do not reach the estimate); negatives use exponent form.
        assertEquals("3/3 - 0s - 4ms/step - a: -5.0000e-01 - loss: 1.2524 - tiny: 5.0000e-04\n", printed());
    }

    @Test
    void verbose0PrintsNothing() {
        Progbar p = bar(3, 0, true);
        p.update(1, logs("loss", 1.0), false);
        p.update(3, logs("loss", 1.0), true);
        assertEquals("", printed());
        assertThrows(IllegalArgumentException.class, () -> bar(3, 3, true));
    }

    // ---------------------------------------------------------------------------------------------
    // Plain (pipe/file) mode: jkeras's deliberate improvement over Keras

    @Test
    void pipeModeFitWritesOnePlainLinePerEpoch() throws IOException {
        fitTwoEpochs(1, false);
        String s = printed();
        assertNoControlCharacters(s);
        // Exactly what a terminal would end up showing for Keras's capture.
        assertEquals(screen(fixture("progbar_fit_verbose1_tty.txt")), s);
        assertEquals("Epoch 1/2\n3/3 " + BAR.repeat(20) + " 0s 3ms/step - accuracy: 0.3500 - loss: 1.2524"
                + " - val_accuracy: 0.2000 - val_loss: 1.2578\nEpoch 2/2\n3/3 " + BAR.repeat(20)
                + " 0s 4ms/step - accuracy: 0.3500 - loss: 1.1513 - val_accuracy: 0.4000 - val_loss: 1.2130\n", s);
    }

    @Test
    void pipeModeEvaluateAndPredict() throws IOException {
        threeBatches(2, 6, false, true);
        assertEquals(screen(fixture("progbar_evaluate_tty.txt")), printed());
        bytes.reset();
        threeBatches(3, 5, false, false);
        assertEquals("3/3 " + BAR.repeat(20) + " 0s 1ms/step\n", printed());
    }

    @Test
    void pipeModeLongRunPrintsAtMostOneLinePerInterval() {
        clock.ms(0);
        Progbar p = bar(20, 1, false);
        for (int step = 1; step <= 20; step++) {
            clock.ms(step * 3000.0); // 3 s per step
            p.update(step, logs("loss", 1.0 / step), false);
        }
        p.update(20, logs("loss", 0.05), true);
        String s = printed();
        assertNoControlCharacters(s);
        String[] lines = s.split("\n");
        // progress lines at 12 s (step 4), 24 s (8), 36 s (12), 48 s (16), 60 s (20), then the final line
        assertEquals(6, lines.length, s);
        assertEquals(" 4/20 " + BAR.repeat(4) + BAR.repeat(16) + " 48s 3s/step - loss: 0.2500", lines[0]);
        assertTrue(lines[1].startsWith(" 8/20 "), lines[1]);
        assertTrue(lines[4].startsWith("20/20 ") && lines[4].contains(" 0s 3s/step"), lines[4]);
        assertEquals("20/20 " + BAR.repeat(20) + " 60s 3s/step - loss: 0.0500", lines[5]);
    }

    @Test
    void pipeIntervalIsConfigurable() {
        clock.ms(0);
        Progbar p = bar(5, 1, false).pipeIntervalSeconds(0);
        for (int step = 1; step <= 5; step++) {
            clock.ms(step);
            p.update(step, null, false);
        }
        assertEquals(5, printed().split("\n").length);

        bytes.reset();
        clock.ms(0);
        p = bar(5, 1, false).pipeIntervalSeconds(Double.POSITIVE_INFINITY);
        for (int step = 1; step <= 5; step++) {
            clock.ms(step * 1e6);
            p.update(step, null, false);
        }
        assertEquals("", printed());
        p.update(5, null, true);
        assertEquals(1, printed().split("\n").length);
        assertThrows(IllegalArgumentException.class, () -> bar(5, 1, false).pipeIntervalSeconds(-1));
    }

    @Test
    void pipeModeUnknownTarget() {
        clock.ms(0);
        Progbar p = bar(-1, 1, false).pipeIntervalSeconds(0);
        clock.ms(10);
        p.update(1, null, false);
        clock.ms(30);
        p.update(2, null, true);
        assertEquals("      1/Unknown 0s 10ms/step\n2/2 " + BAR.repeat(20) + " 0s 20ms/step\n", printed());
    }

    private static void assertNoControlCharacters(String s) {
        for (char c : s.toCharArray()) {
            assertTrue(c == '\n' || c >= 0x20 && c != 0x7f, () -> "control character U+" + Integer.toHexString(c));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Number and time formatting (expected strings from CPython's format())

    @Test
    void numbersFormatLikePython() {
        assertEquals("1.0001", Progbar.pyFixed(1.00005, 4));
        assertEquals("2.0002", Progbar.pyFixed(2.00025, 4)); // Java's %.4f says 2.0003
        assertEquals("1234.5678", Progbar.pyFixed(1234.56785, 4));
        assertEquals("1.0000", Progbar.pyFixed(0.99995, 4));
        assertEquals("-0.0012", Progbar.pyFixed(-0.0012345, 4));
        assertEquals("-0.0000", Progbar.pyFixed(-0.0, 4));
        assertEquals("0", Progbar.pyFixed(0.5, 0));
        assertEquals("2", Progbar.pyFixed(1.5, 0));
        assertEquals("2", Progbar.pyFixed(2.5, 0));
        assertEquals("nan", Progbar.pyFixed(Double.NaN, 4));
        assertEquals("-inf", Progbar.pyFixed(Double.NEGATIVE_INFINITY, 4));

        assertEquals("1.5000e-04", Progbar.pyScientific(0.00015, 4));
        assertEquals("2.5000e-05", Progbar.pyScientific(2.5e-5, 4));
        assertEquals("1.2346e-10", Progbar.pyScientific(1.23456789e-10, 4));
        assertEquals("9.9999e-05", Progbar.pyScientific(9.99995e-5, 4));
        assertEquals("-1.0000e-03", Progbar.pyScientific(-1e-3, 4));
        assertEquals("1.2346e+05", Progbar.pyScientific(123456.789, 4));
        assertEquals("1.5000e+100", Progbar.pyScientific(1.5e100, 4));
        assertEquals("0.0000e+00", Progbar.pyScientific(0.0, 4));
        assertEquals("-0.0000e+00", Progbar.pyScientific(-0.0, 4));
        assertEquals("nan", Progbar.pyScientific(Double.NaN, 4));
    }

    @Test
    void metricValuesInTheBar() {
        clock.ms(0);
        Progbar p = bar(2, 1, false);
        clock.ms(4);
        p.update(2, logs("a_small", 0.0005, "b_neg", -0.5, "c_tiny_neg", -0.0001, "d_exact", 1e-3, "e_nan",
                Double.NaN), true);
        // |v| > 1e-3 -> %.4f (negatives too), else %.4e; 1e-3 itself is not > 1e-3.
        assertEquals("2/2 " + BAR.repeat(20) + " 0s 2ms/step - a_small: 5.0000e-04 - b_neg: -0.5000"
                + " - c_tiny_neg: -1.0000e-04 - d_exact: 1.0000e-03 - e_nan: nan\n", printed());
    }

    @Test
    void valuesKeepFirstSeenOrderAndLastValue() {
        clock.ms(0);
        Progbar p = bar(2, 1, false);
        clock.ms(1);
        p.update(1, logs("loss", 1.0, "zeta", 2.0), false);
        clock.ms(2);
        Map<String, Double> later = new java.util.LinkedHashMap<>();
        later.put("alpha", 3.0);
        later.put("loss", 0.5);
        p.update(2, later, true);
        assertTrue(printed().endsWith(" - loss: 0.5000 - zeta: 2.0000 - alpha: 3.0000\n"), printed());
    }

    @Test
    void timeAndEtaFormats() {
        assertEquals(" 0s/step", Progbar.formatTime(0));
        assertEquals(" 2s/step", Progbar.formatTime(2.5)); // half-even
        assertEquals(" 1000ms/step", Progbar.formatTime(0.9996));
        assertEquals(" 3ms/step", Progbar.formatTime(0.003));
        assertEquals(" 500us/step", Progbar.formatTime(0.0005));
        assertEquals("0s", Progbar.formatEta(0.012));
        assertEquals("59s", Progbar.formatEta(59.9));
        assertEquals("60s", Progbar.formatEta(60));
        assertEquals("1:01", Progbar.formatEta(61.7));
        assertEquals("60:00", Progbar.formatEta(3600));
        assertEquals("1:02:05", Progbar.formatEta(3725.9));
    }

    @Test
    void firstStepIsExcludedFromStepTimeOnceThereIsASecond() {
        clock.ms(0);
        Progbar p = bar(3, 1, false).pipeIntervalSeconds(0);
        clock.ms(500); // slow first step (tracing)
        p.update(1, null, false);
        clock.ms(510);
        p.update(2, null, false);
        String[] lines = printed().split("\n");
        assertTrue(lines[0].endsWith(" 500ms/step"), lines[0]);
        assertTrue(lines[1].endsWith(" 10ms/step"), lines[1]);
    }

    // ---------------------------------------------------------------------------------------------
    // Terminal detection

    @Test
    void terminalDetectionRules() {
        assertTrue(Terminal.decide(true, "xterm-256color"));
        assertTrue(Terminal.decide(true, null));
        assertFalse(Terminal.decide(true, "dumb"));
        assertFalse(Terminal.decide(false, "xterm"));
        assertEquals(Boolean.TRUE, Terminal.parseOverride("TTY"));
        assertEquals(Boolean.FALSE, Terminal.parseOverride(" pipe "));
        assertNull(Terminal.parseOverride("auto"));
        assertNull(Terminal.parseOverride(null));
    }

    @Test
    void systemPropertyOverridesDetection() {
        String old = System.getProperty(Terminal.PROPERTY);
        try {
            System.setProperty(Terminal.PROPERTY, "tty");
            assertTrue(Progbar.isInteractive());
            System.setProperty(Terminal.PROPERTY, "pipe");
            assertFalse(Progbar.isInteractive());
        } finally {
            if (old == null) {
                System.clearProperty(Terminal.PROPERTY);
            } else {
                System.setProperty(Terminal.PROPERTY, old);
            }
        }
    }
}
