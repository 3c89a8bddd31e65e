package org.jkeras.cli.serve;

/**
 * The prediction server's settings, safe by default: loopback only, 8 MiB bodies, 10,000 instances per request,
 * batches of up to 64 instances, 256 queued requests per model (503 beyond), 16 handler threads, 10 s for a body
 * to arrive and 30 s for a prediction.
 *
 * <pre>{@code
 * ServeOptions o = ServeOptions.defaults().port(0).maxInstances(100);
 * }</pre>
 */
public record ServeOptions(String host, int port, long maxBodyBytes, int maxInstances, int maxBatch, int queueSize,
        int threads, long readTimeoutMillis, long predictTimeoutMillis) {

    public static ServeOptions defaults() {
        return new ServeOptions("127.0.0.1", 8501, 8L << 20, 10_000, 64, 256, 16, 10_000, 30_000);
    }

    public ServeOptions host(String h) {
        return new ServeOptions(h, port, maxBodyBytes, maxInstances, maxBatch, queueSize, threads, readTimeoutMillis, predictTimeoutMillis);
    }

    public ServeOptions port(int p) {
        return new ServeOptions(host, p, maxBodyBytes, maxInstances, maxBatch, queueSize, threads, readTimeoutMillis, predictTimeoutMillis);
    }

    public ServeOptions maxBodyBytes(long b) {
        return new ServeOptions(host, port, b, maxInstances, maxBatch, queueSize, threads, readTimeoutMillis, predictTimeoutMillis);
    }

    public ServeOptions maxInstances(int n) {
        return new ServeOptions(host, port, maxBodyBytes, n, maxBatch, queueSize, threads, readTimeoutMillis, predictTimeoutMillis);
    }

    public ServeOptions maxBatch(int n) {
        return new ServeOptions(host, port, maxBodyBytes, maxInstances, n, queueSize, threads, readTimeoutMillis, predictTimeoutMillis);
    }

    public ServeOptions queueSize(int n) {
        return new ServeOptions(host, port, maxBodyBytes, maxInstances, maxBatch, n, threads, readTimeoutMillis, predictTimeoutMillis);
    }

    public ServeOptions threads(int n) {
        return new ServeOptions(host, port, maxBodyBytes, maxInstances, maxBatch, queueSize, n, readTimeoutMillis, predictTimeoutMillis);
    }

    public ServeOptions readTimeoutMillis(long ms) {
        return new ServeOptions(host, port, maxBodyBytes, maxInstances, maxBatch, queueSize, threads, ms, predictTimeoutMillis);
    }
}
