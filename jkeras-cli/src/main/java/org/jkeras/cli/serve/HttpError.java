package org.jkeras.cli.serve;

/**
 * A request refused with an HTTP status and a one-line message, sent as TensorFlow Serving's error body
 * {@code {"error": "..."}}.
 *
 * <pre>{@code
 * throw new HttpError(404, "Servable not found for request: Latest(nope)");
 * }</pre>
 */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}
