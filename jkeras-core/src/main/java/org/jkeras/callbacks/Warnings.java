package org.jkeras.callbacks;

import java.util.HashSet;
import java.util.Set;

/**
 * Python's {@code warnings.warn} as callbacks use it: a warning is printed once per callback and place (Python
 * shows a warning once per code location), on standard error as {@code UserWarning: <message>}.
 *
 * <pre>{@code
 * private final Warnings warnings = new Warnings();
 * warnings.warn("monitor", "Can save best model only with val_loss available.");
 * }</pre>
 */
final class Warnings {
    private final Set<String> shown = new HashSet<>();

    /** Prints {@code message} unless a warning from {@code place} was printed already; returns whether it printed. */
    boolean warn(String place, String message) {
        if (!shown.add(place)) {
            return false;
        }
        System.err.println("UserWarning: " + message);
        System.err.flush();
        return true;
    }
}
