package org.jkeras.callbacks;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * Decides whether standard output is an interactive terminal, for {@link Progbar}.
 *
 * <p>Order of precedence:
 * <ol>
 *   <li>the system property {@value #PROPERTY} ({@code -Djkeras.progbar=tty|pipe});</li>
 *   <li>the environment variable {@value #ENV} ({@code JKERAS_PROGBAR=tty|pipe});</li>
 *   <li>auto-detection: a console is attached ({@link System#console()} is non-null and, on JDKs that
 *       have it, {@code Console.isTerminal()} is true) and {@code TERM} is not {@code dumb}.</li>
 * </ol>
 * Accepted override values (case-insensitive): {@code tty}, {@code terminal}, {@code interactive},
 * {@code true}, {@code 1} force terminal mode; {@code pipe}, {@code file}, {@code plain},
 * {@code false}, {@code 0} force plain mode; anything else (or {@code auto}) means auto-detect.
 */
final class Terminal {
    /** System property overriding terminal detection. */
    static final String PROPERTY = "jkeras.progbar";
    /** Environment variable overriding terminal detection (the property wins when both are set). */
    static final String ENV = "JKERAS_PROGBAR";

    private Terminal() {}

    static boolean isInteractive() {
        Boolean forced = parseOverride(System.getProperty(PROPERTY));
        if (forced == null) {
            forced = parseOverride(System.getenv(ENV));
        }
        if (forced != null) {
            return forced;
        }
        return decide(consoleIsTerminal(), System.getenv("TERM"));
    }

    /** Pure decision rule, separate so that tests need no real terminal. */
    static boolean decide(boolean consoleAttached, String term) {
        return consoleAttached && !"dumb".equalsIgnoreCase(term == null ? "" : term.trim());
    }

    /** {@code TRUE}/{@code FALSE} for a recognised override value, {@code null} for "auto-detect". */
    static Boolean parseOverride(String value) {
        if (value == null) {
            return null;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "tty":
            case "terminal":
            case "interactive":
            case "true":
            case "1":
                return Boolean.TRUE;
            case "pipe":
            case "file":
            case "plain":
            case "false":
            case "0":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    private static boolean consoleIsTerminal() {
        Console console = System.console();
        if (console == null) {
            // JDK 17-21: null whenever stdin or stdout is redirected.
            return false;
        }
        // JDK 22+ may hand out a Console even when redirected; it then offers isTerminal().
        // Reflection keeps this compiling for the Java 17 target.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }
}
