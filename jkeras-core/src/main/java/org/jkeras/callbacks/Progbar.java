package org.jkeras.callbacks;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A text progress bar that reproduces Keras 3's {@code keras.utils.Progbar} (width 20), as driven by
 * {@code ProgbarLogger} during {@code fit}, {@code evaluate} and {@code predict}.
 *
 * <pre>{@code
 * Progbar bar = new Progbar(3, 1);                       // 3 steps, verbose 1, System.out
 * for (int step = 1; step <= 3; step++) {
 *     trainOneBatch();
 *     bar.update(step, Map.of("loss", runningMeanLoss), false);
 * }
 * bar.update(3, sortedLogsWithValidation, true);         // last line, carries the val_* values
 * // terminal: 3/3 ━━━━━━━━━━━━━━━━━━━━ 0s 3ms/step - accuracy: 0.3500 - loss: 1.2524 - val_accuracy: ...
 * }</pre>
 *
 * <h2>Modes</h2>
 * <ul>
 *   <li><b>verbose 1, interactive</b> (a terminal): byte-for-byte what Keras 3 prints: each redraw starts
 *       with one {@code \b} per visible character of the previous line and a {@code \r}; bold
 *       {@code cur/target} (current right-aligned to the digits of target), a green run of {@code ━} of
 *       length {@code floor(20·cur/target)} and a grey run for the rest, the bold ETA while running or
 *       the bold elapsed seconds once finalised, the time per step ({@code s}, {@code ms}, {@code us}; the
 *       first step is left out of the estimate once there is a second), then {@code  - name: value}.
 *       A shorter line is padded with spaces over the longer previous one; redraws closer than 50 ms to
 *       the previous one are skipped unless finalising; a finalised line ends with a newline. With an
 *       unknown target the bar is {@code current} in 7 columns followed by {@code /Unknown}.</li>
 *   <li><b>verbose 2</b>: one line once finalised, identical on terminals and pipes, e.g.
 *       {@code 3/3 - 0s - 4ms/step - accuracy: 0.3500 - loss: 1.2524}. Non-final updates are ignored,
 *       as Keras's {@code ProgbarLogger} never forwards batch updates in this mode, so the time per step
 *       is the elapsed time over all steps.</li>
 *   <li><b>verbose 1, not interactive</b> (file, pipe, CI log) — <em>a deliberate deviation from
 *       Keras</em>, which treats every POSIX process as a terminal and so fills log files with
 *       {@code \r}, {@code \b} and ANSI colour codes: here no control character or escape sequence is
 *       ever written. Each finalised bar prints one plain line with the same content as the terminal
 *       line ({@code 3/3 ━━━━━━━━━━━━━━━━━━━━ 0s 3ms/step - loss: 1.2524}), and long runs additionally
 *       print at most one plain progress line (with ETA) per pipe interval: 10 s by default, set by
 *       {@link #pipeIntervalSeconds(double)} or the system property {@value #PIPE_INTERVAL_PROPERTY}
 *       (seconds; {@code Infinity} prints final lines only).</li>
 *   <li><b>verbose 0</b>: nothing.</li>
 * </ul>
 *
 * <p>Whether output is interactive is decided by {@link #isInteractive()} for the two-argument
 * constructor; tests and embedders pass it explicitly together with the stream and a clock.
 *
 * <p>Values are shown as given (Keras 3's {@code ProgbarLogger} marks every metric stateful, since its logs
 * already hold running means): {@code %.4f} if {@code |v| > 1e-3}, otherwise {@code %.4e}, rounded the way
 * Python rounds (half-even on the exact binary value), {@code nan}/{@code inf} spelled as Python does. A name
 * keeps the position it first appeared in, and keeps its last value if a later update leaves it out.
 * The verbose-2 line inherits Keras's quirk of testing {@code v > 1e-3} without the absolute value, so
 * negative values print in exponent form there.
 *
 * <p>When {@code finalize} is requested while the target is unknown, the current step becomes the
 * target first, as Keras's {@code ProgbarLogger} does before its last update; the final line is then a
 * normal {@code n/n} bar.
 *
 * <p>Not thread-safe: one training loop drives one instance.
 */
public final class Progbar {
    /** System property giving the non-interactive progress-line interval in seconds (default 10). */
    public static final String PIPE_INTERVAL_PROPERTY = "jkeras.progbar.pipeInterval";

    private static final int WIDTH = 20;
    /** Keras's {@code interval=0.05}: minimum time between two terminal redraws. */
    private static final long REDRAW_INTERVAL_NANOS = 50_000_000L;
    private static final double DEFAULT_PIPE_INTERVAL_SECONDS = 10.0;

    private static final String BOLD = "\u001b[1m";
    private static final String GREEN = "\u001b[32m";
    private static final String GREY = "\u001b[37m";
    private static final String RESET = "\u001b[0m";
    private static final char BAR_CHAR = '\u2501'; // ━
    /** Keras's own fallback when the output encoding cannot represent ━. */
    private static final char FALLBACK_BAR_CHAR = '=';

    private int target;
    private final int verbose;
    private final PrintStream out;
    private final boolean interactive;
    private final LongSupplier clock;
    private final char barChar;

    private final long start;
    private final Map<String, Double> values = new LinkedHashMap<>();
    private boolean drawnOnce;
    private long lastUpdate;
    private boolean firstStepSeen;
    private long timeAfterFirstStep;
    private int prevTotalWidth;
    private long pipeIntervalNanos;
    private long lastPipeLine;

    /**
     * @param target number of steps, or -1 when unknown
     * @param verbose 0 = silent, 1 = bar, 2 = one line when done
     * @param out where to print (encoded so that it can represent {@code ━}, e.g. UTF-8)
     * @param interactive true for terminal output (Keras's exact redraw bytes), false for plain lines
     * @param nanoClock monotonic time in nanoseconds, e.g. {@code System::nanoTime}; read once now (the
     *     start) and once per update
     */
    public Progbar(int target, int verbose, PrintStream out, boolean interactive, LongSupplier nanoClock) {
        this(target, verbose, out, interactive, nanoClock, BAR_CHAR);
    }

    /** Prints to {@code System.out}, detects the terminal with {@link #isInteractive()}, uses {@link System#nanoTime()}. */
    public Progbar(int target, int verbose) {
        this(target, verbose, System.out, isInteractive(), System::nanoTime,
                stdoutCanEncodeBar() ? BAR_CHAR : FALLBACK_BAR_CHAR);
    }

    private Progbar(int target, int verbose, PrintStream out, boolean interactive, LongSupplier nanoClock,
            char barChar) {
        if (verbose < 0 || verbose > 2) {
            throw new IllegalArgumentException("verbose must be 0, 1 or 2, got " + verbose);
        }
        this.target = target;
        this.verbose = verbose;
        this.out = java.util.Objects.requireNonNull(out, "out");
        this.interactive = interactive;
        this.clock = java.util.Objects.requireNonNull(nanoClock, "nanoClock");
        this.barChar = barChar;
        this.pipeIntervalNanos = toNanos(readPipeIntervalProperty());
        this.start = clock.getAsLong();
        this.lastPipeLine = start;
    }

    /**
     * Whether {@code System.out} should get terminal output: a console is attached and {@code TERM} is not
     * {@code dumb}. Override with {@code -Djkeras.progbar=tty|pipe} or the environment variable
     * {@code JKERAS_PROGBAR=tty|pipe} (the property wins); {@code auto} or anything else means detect.
     */
    public static boolean isInteractive() {
        return Terminal.isInteractive();
    }

    /**
     * Sets the non-interactive progress-line interval (verbose 1 on a pipe or file only). {@code 0} prints a
     * line at every update, {@link Double#POSITIVE_INFINITY} only the final lines.
     *
     * @return this
     */
    public Progbar pipeIntervalSeconds(double seconds) {
        if (Double.isNaN(seconds) || seconds < 0) {
            throw new IllegalArgumentException("interval must be >= 0 seconds, got " + seconds);
        }
        this.pipeIntervalNanos = toNanos(seconds);
        return this;
    }

    /** Like {@link #update(int, Map, boolean)} with Keras's default {@code finalize = current >= target} (false when unknown). */
    public void update(int current, Map<String, Double> values) {
        update(current, values, target >= 0 && current >= target);
    }

    /**
     * Like Keras {@code Progbar.update(current, values, finalize)}.
     *
     * @param current steps done so far (1-based)
     * @param values name to already-averaged value, shown as given in the map's iteration order (pass a
     *     sorted map for Keras's alphabetical order); may be null or empty
     * @param finalize whether this is the last update of this bar (prints the final line)
     */
    public void update(int current, Map<String, Double> values, boolean finalize) {
        if (verbose != 1 && !finalize) {
            // Keras's ProgbarLogger only forwards batch updates in verbose 1; forwarding them here would
            // change the verbose-2 time per step (the first step would be left out of the estimate).
            return;
        }
        if (finalize && target < 0) {
            target = current;
        }
        if (values != null) {
            for (Map.Entry<String, Double> e : values.entrySet()) {
                Double v = e.getValue();
                this.values.put(e.getKey(), v == null ? Double.NaN : v);
            }
        }
        long now = clock.getAsLong();
        // Estimated before the throttle check, as in Keras: skipped redraws still record the first step.
        double timePerUnit = estimateStepDuration(current, now);

        if (verbose == 1) {
            if (interactive) {
                if (drawnOnce && now - lastUpdate < REDRAW_INTERVAL_NANOS && !finalize) {
                    return;
                }
                drawTerminal(current, finalize, timePerUnit, now);
            } else {
                drawPlain(current, finalize, timePerUnit, now);
            }
        } else if (verbose == 2) {
            if (finalize && target > 0) {
                write(verboseTwoLine(current, timePerUnit, now));
            }
        }
        drawnOnce = true;
        lastUpdate = now;
    }

    private void drawTerminal(int current, boolean finalize, double timePerUnit, long now) {
        StringBuilder message = new StringBuilder();
        message.append("\b".repeat(prevTotalWidth)).append('\r');
        message.append(line(current, finalize, timePerUnit, now, true));
        // Keras measures the width without escape sequences (its special_char_len bookkeeping), which is
        // exactly the code-point length of the plain rendering.
        String plain = line(current, finalize, timePerUnit, now, false);
        int totalWidth = plain.codePointCount(0, plain.length());
        if (prevTotalWidth > totalWidth) {
            message.append(" ".repeat(prevTotalWidth - totalWidth));
        }
        if (finalize) {
            message.append('\n');
        }
        write(message.toString());
        prevTotalWidth = totalWidth;
    }

    private void drawPlain(int current, boolean finalize, double timePerUnit, long now) {
        if (!finalize && now - lastPipeLine < pipeIntervalNanos) {
            return;
        }
        write(line(current, finalize, timePerUnit, now, false) + "\n");
        lastPipeLine = now;
    }

    /** The verbose-1 line without any leading control characters, with or without ANSI styling. */
    private String line(int current, boolean finalize, double timePerUnit, long now, boolean ansi) {
        StringBuilder sb = new StringBuilder();
        if (target > 0) {
            sb.append(bold(countText(current), ansi)).append(' ');
            // Python int() truncates toward zero; negative repeat counts give empty strings there.
            int progWidth = (int) (WIDTH * ((double) current / target));
            if (progWidth > 0) {
                sb.append(ansi ? GREEN : "").append(String.valueOf(barChar).repeat(progWidth))
                        .append(ansi ? RESET : "");
            }
            // Keras always emits the grey run, even empty (hence "\x1b[37m\x1b[0m" on a full bar).
            sb.append(ansi ? GREY : "").append(String.valueOf(barChar).repeat(Math.max(0, WIDTH - progWidth)))
                    .append(ansi ? RESET : "");
        } else {
            sb.append(String.format("%7d/Unknown", current));
        }

        if (target > 0 && !finalize) {
            sb.append(' ').append(bold(formatEta(timePerUnit * (target - current)), ansi));
        } else {
            sb.append(' ').append(bold(pyFixed(seconds(now - start), 0) + "s", ansi));
        }
        sb.append(formatTime(timePerUnit));
        for (Map.Entry<String, Double> e : values.entrySet()) {
            double v = e.getValue();
            sb.append(" - ").append(e.getKey()).append(": ")
                    .append(Math.abs(v) > 1e-3 ? pyFixed(v, 4) : pyScientific(v, 4));
        }
        return sb.toString();
    }

    private String verboseTwoLine(int current, double timePerUnit, long now) {
        StringBuilder sb = new StringBuilder();
        sb.append(countText(current)).append(" - ").append(pyFixed(seconds(now - start), 0)).append('s');
        sb.append(" -").append(formatTime(timePerUnit));
        for (Map.Entry<String, Double> e : values.entrySet()) {
            double v = e.getValue();
            // Keras's verbose-2 branch compares without abs(): negatives come out in exponent form.
            sb.append(" - ").append(e.getKey()).append(": ").append(v > 1e-3 ? pyFixed(v, 4) : pyScientific(v, 4));
        }
        return sb.append('\n').toString();
    }

    /** {@code current} right-aligned to the number of digits of {@code target}, then {@code /target}. */
    private String countText(int current) {
        int digits = Integer.toString(target).length();
        return String.format("%" + digits + "d/%d", current, target);
    }

    private static String bold(String s, boolean ansi) {
        return ansi ? BOLD + s + RESET : s;
    }

    /**
     * Keras's step-time estimate: once step 1 has been seen, later estimates average over the steps after
     * it, because the first step usually includes tracing/compilation and is not representative.
     */
    private double estimateStepDuration(int current, long now) {
        if (current == 0) {
            return 0.0;
        }
        double timePerUnit;
        if (firstStepSeen && current > 1) {
            timePerUnit = seconds(now - timeAfterFirstStep) / (current - 1);
        } else {
            timePerUnit = seconds(now - start) / current;
        }
        if (current == 1) {
            timeAfterFirstStep = now;
            firstStepSeen = true;
        }
        return timePerUnit;
    }

    /** Keras's {@code _format_time}: whole seconds (also for exactly 0), else ms, else µs (as {@code us}). */
    static String formatTime(double timePerUnit) {
        if (timePerUnit >= 1 || timePerUnit == 0) {
            return " " + pyFixed(timePerUnit, 0) + "s/step";
        } else if (timePerUnit >= 1e-3) {
            return " " + pyFixed(timePerUnit * 1000.0, 0) + "ms/step";
        } else {
            return " " + pyFixed(timePerUnit * 1000000.0, 0) + "us/step";
        }
    }

    /** Keras's ETA text: {@code Ns} up to a minute, {@code M:SS} up to an hour, then {@code H:MM:SS} (truncated). */
    static String formatEta(double eta) {
        if (eta > 3600) {
            return String.format("%d:%02d:%02d", (long) Math.floor(eta / 3600),
                    (long) Math.floor((eta % 3600) / 60), (long) (eta % 60));
        } else if (eta > 60) {
            return String.format("%d:%02d", (long) Math.floor(eta / 60), (long) (eta % 60));
        } else {
            return (long) eta + "s";
        }
    }

    /**
     * Python's {@code format(v, ".Nf")}: the exact binary value rounded half-even (Java's {@code %f}
     * rounds the shortest decimal half-up, which differs on some inputs), {@code nan}, {@code inf}, and
     * a kept minus sign on values that round to zero.
     */
    static String pyFixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        if (isNegative(v) && !s.startsWith("-")) {
            s = "-" + s;
        }
        return s;
    }

    /** Python's {@code format(v, ".Ne")}: {@code d.dddde±XX} with at least two exponent digits. */
    static String pyScientific(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String sign = isNegative(v) ? "-" : "";
        if (v == 0) {
            return sign + "0." + "0".repeat(decimals) + "e+00";
        }
        BigDecimal rounded = new BigDecimal(Math.abs(v)).round(new MathContext(decimals + 1, RoundingMode.HALF_EVEN));
        String digits = rounded.unscaledValue().toString();
        int exponent = rounded.precision() - rounded.scale() - 1;
        StringBuilder mantissa = new StringBuilder(digits);
        while (mantissa.length() < decimals + 1) {
            mantissa.append('0');
        }
        StringBuilder sb = new StringBuilder(sign).append(mantissa.charAt(0));
        if (decimals > 0) {
            sb.append('.').append(mantissa, 1, decimals + 1);
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int absExp = Math.abs(exponent);
        if (absExp < 10) {
            sb.append('0');
        }
        return sb.append(absExp).toString();
    }

    private static boolean isNegative(double v) {
        return v < 0 || (v == 0 && 1 / v < 0);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static long toNanos(double seconds) {
        if (Double.isInfinite(seconds) || seconds * 1e9 >= Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        return (long) (seconds * 1e9);
    }

    private static double readPipeIntervalProperty() {
        String s = System.getProperty(PIPE_INTERVAL_PROPERTY);
        if (s == null || s.isBlank()) {
            return DEFAULT_PIPE_INTERVAL_SECONDS;
        }
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isNaN(d) || d < 0 ? DEFAULT_PIPE_INTERVAL_SECONDS : d;
        } catch (NumberFormatException e) {
            return DEFAULT_PIPE_INTERVAL_SECONDS;
        }
    }

    /** Whether System.out's encoding can represent ━ (Java 17 has no PrintStream.charset()). */
    private static boolean stdoutCanEncodeBar() {
        for (String key : new String[] {"stdout.encoding", "sun.stdout.encoding"}) {
            String name = System.getProperty(key);
            if (name != null) {
                try {
                    return Charset.forName(name).newEncoder().canEncode(BAR_CHAR);
                } catch (RuntimeException e) {
                    // unknown charset name: fall through to the default
                }
            }
        }
        return Charset.defaultCharset().newEncoder().canEncode(BAR_CHAR);
    }

    private void write(String s) {
        out.print(s);
        out.flush();
    }
}
