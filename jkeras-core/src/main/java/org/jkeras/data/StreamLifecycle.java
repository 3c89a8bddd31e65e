package org.jkeras.data;

/**
 * The call-order rules every {@link BatchStream} enforces (open, then {@code startEpoch} / {@code next} /
 * {@code endEpoch} in order), with one wording for both implementations. The state itself stays in each stream,
 * under that stream's own locking.
 */
final class StreamLifecycle {
    private StreamLifecycle() {}

    static void checkOpen(boolean closed) {
        if (closed) {
            throw new IllegalStateException("This BatchStream is closed; create a new one with BatchStreams.");
        }
    }

    /** Before {@code startEpoch(epoch, steps)}; {@code minusOne} says what -1 means for this stream. */
    static void checkStart(boolean closed, boolean inEpoch, int openEpoch, int epoch, int steps, String minusOne) {
        checkOpen(closed);
        if (inEpoch) {
            throw new IllegalStateException("startEpoch(" + epoch + ") called while epoch " + openEpoch
                    + " is still open; call endEpoch() first.");
        }
        if (steps < -1 || steps == 0) {
            throw new IllegalArgumentException("steps must be >= 1, or -1 for " + minusOne + "; received steps=" + steps + ".");
        }
    }

    static void checkNext(boolean closed, boolean inEpoch) {
        checkOpen(closed);
        if (!inEpoch) {
            throw new IllegalStateException("next() called outside an epoch; call startEpoch(epoch) first.");
        }
    }

    static void checkEnd(boolean closed, boolean inEpoch) {
        checkOpen(closed);
        if (!inEpoch) {
            throw new IllegalStateException("endEpoch() called without an open epoch; call startEpoch(epoch) first.");
        }
    }
}
