package org.jkeras.cli.serve;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read with two limits: at most {@code maxBytes} (413 beyond) and a deadline for the whole body
 * (408 after it: a client that sends one byte per second is cut off). The deadline is checked between reads;
 * a client that stops sending altogether is closed by the JDK server's own request timer
 * ({@code sun.net.httpserver.maxReqTime}, which {@link PredictionServer} sets).
 *
 * <pre>{@code
 * InputStream in = new LimitedBody(exchange.getRequestBody(), 1 << 20, System.nanoTime() + 10_000_000_000L);
 * }</pre>
 */
final class LimitedBody extends FilterInputStream {
    private final long maxBytes;
    private final long deadlineNanos;
    private long read;

    LimitedBody(InputStream in, long maxBytes, long deadlineNanos) {
        super(in);
        this.maxBytes = maxBytes;
        this.deadlineNanos = deadlineNanos;
    }

    private void check(long n) {
        if (n > 0) {
            read += n;
        }
        if (read > maxBytes) {
            throw new HttpError(413, "the request body is larger than " + maxBytes + " bytes (the server's --max-body-bytes)");
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new HttpError(408, "the request body did not arrive in time (the server's --read-timeout)");
        }
    }

    @Override
    public int read() throws IOException {
        check(0);
        int b = super.read();
        check(b < 0 ? 0 : 1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check(0);
        int n = super.read(b, off, (int) Math.min(len, Math.max(1, maxBytes + 1 - read)));
        check(n);
        return n;
    }

    /** Reads and drops the rest of the body, within the same limits. */
    void drain() throws IOException {
        byte[] buf = new byte[8192];
        while (read(buf, 0, buf.length) >= 0) {
            // discard
        }
    }
}
