package org.jkeras.cli;

/**
 * A data or model error found while a subcommand runs (missing file, wrong shape, unknown array name...): its
 * message is the one line the user sees, and the exit code is 2.
 *
 * <pre>{@code
 * throw new CliException("--x data.npz has no array named 'input_2'; arrays: [input_1]");
 * }</pre>
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
