package org.jkeras.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jkeras.cli.Signature;
import org.jkeras.models.Model;
import org.jkeras.saving.Json;
import org.jkeras.tensor.Tensor;

/**
 * A prediction server with TensorFlow Serving's REST API on the JDK's HTTP server ({@code com.sun.net.httpserver}):
 * {@code GET /v1/models/NAME} (status), {@code GET /v1/models/NAME/metadata} (the signature: inputs and outputs
 * with dtype and shape) and {@code POST /v1/models/NAME:predict} (row {@code instances} or columnar {@code inputs}).
 * Errors are {@code {"error": "..."}} with 400 (bad request), 404 (unknown model or path), 405, 408 (body too
 * slow), 413 (body too large), 503 (queue full or shutting down).
 *
 * <p>Limits of the JDK server and how they are handled: it has no read timeout of its own, so the body is read
 * through {@link LimitedBody} (size cap and a deadline checked between reads) and the JDK's request timer
 * ({@code sun.net.httpserver.maxReqTime}) is set, when not given, to close connections that stop sending; TCP_NODELAY
 * is switched on ({@code sun.net.httpserver.nodelay}, else every response waits ~40 ms for a delayed ACK); handler
 * work runs on a bounded thread pool; {@link #close} stops accepting, waits for in-flight exchanges, finishes
 * the queued predictions and ends every thread it started.
 *
 * <pre>{@code
 * try (PredictionServer s = PredictionServer.start(Map.of("mlp", model), ServeOptions.defaults().port(0))) {
 *     int port = s.port();   // POST http://127.0.0.1:PORT/v1/models/mlp:predict {"instances": [[...20 numbers]]}
 * }
 * }</pre>
 */
public final class PredictionServer implements AutoCloseable {
    static {
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", "60"); // seconds; read once by the JDK server
        }
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            // headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm meets the client's
            // delayed ACK and every response waits ~40 ms
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final String PREFIX = "/v1/models/";
    private final HttpServer http;
    private final ThreadPoolExecutor executor;
    private final Map<String, Served> models = new LinkedHashMap<>();
    private final ServeOptions options;

    private static final class Served {
        final Model model;
        final Signature signature;
        final PredictBatcher batcher;

        Served(String name, Model model, ServeOptions o) {
            this.model = model;
            this.signature = Signature.of(model);
            this.batcher = new PredictBatcher(name, model, o.maxBatch(), o.queueSize());
        }
    }

    private PredictionServer(Map<String, Model> byName, ServeOptions o) throws IOException {
        this.options = o;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(o.threads(), o.threads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(o.threads() * 64), r -> {
                    Thread t = new Thread(r, "jkeras-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        HttpServer server = null;
        try {
            for (Map.Entry<String, Model> e : byName.entrySet()) {
                models.put(e.getKey(), new Served(e.getKey(), e.getValue(), o));
            }
            server = HttpServer.create(new InetSocketAddress(o.host(), o.port()), 128);
            server.createContext("/", this::handle);
            server.setExecutor(executor);
            server.start();
        } catch (IOException | RuntimeException e) {
            models.values().forEach(s -> s.batcher.close(0));
            executor.shutdownNow();
            throw e;
        }
        this.http = server;
    }

    /** Starts serving {@code models} (name to model) on {@code o.host():o.port()} (port 0: any free port). */
    public static PredictionServer start(Map<String, Model> models, ServeOptions o) throws IOException {
        return new PredictionServer(models, o);
    }

    /** The port actually bound. */
    public int port() {
        return http.getAddress().getPort();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            if (!path.startsWith(PREFIX)) {
                throw new HttpError(404, "unknown path " + path + "; the API is under /v1/models/NAME");
            }
            String rest = path.substring(PREFIX.length());
            if (rest.endsWith(":predict")) {
                predict(ex, served(rest.substring(0, rest.length() - ":predict".length())));
            } else if (rest.endsWith("/metadata")) {
                requireGet(ex);
                String name = rest.substring(0, rest.length() - "/metadata".length());
                send(ex, 200, Json.write(ModelMetadata.metadata(name, served(name).signature)));
            } else {
                requireGet(ex);
                served(rest);
                send(ex, 200, Json.write(ModelMetadata.status()));
            }
        } catch (HttpError e) {
            if (e.status == 408 || e.status == 413) {
                ex.getResponseHeaders().set("Connection", "close");
            }
            send(ex, e.status, Json.write(Map.of("error", e.getMessage())));
        } catch (RuntimeException | Error e) {
            send(ex, 500, Json.write(Map.of("error", String.valueOf(e.getMessage()))));
        } finally {
            ex.close();
        }
    }

    private Served served(String name) {
        Served s = models.get(name);
        if (s == null) {
            throw new HttpError(404, "Servable not found for request: Latest(" + name + ")");
        }
        return s;
    }

    private static void requireGet(HttpExchange ex) {
        if (!ex.getRequestMethod().equals("GET")) {
            throw new HttpError(405, ex.getRequestMethod() + " is not allowed here; use GET");
        }
    }

    private void predict(HttpExchange ex, Served s) throws IOException {
        if (!ex.getRequestMethod().equals("POST")) {
            throw new HttpError(405, ex.getRequestMethod() + " is not allowed for :predict; use POST");
        }
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null && parseLong(length) > options.maxBodyBytes()) {
            throw new HttpError(413, "the request body (" + length + " bytes) is larger than " + options.maxBodyBytes()
                    + " bytes (the server's --max-body-bytes)");
        }
        LimitedBody body = new LimitedBody(ex.getRequestBody(), options.maxBodyBytes(),
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.readTimeoutMillis()));
        PredictRequest request;
        try {
            request = PredictRequest.read(body, s.signature, options.maxInstances());
        } catch (HttpError e) {
            if (e.status == 400) {
                body.drain(); // a complete response for the client; bounded by the size cap and the deadline
            }
            throw e;
        }
        body.drain();
        CompletableFuture<List<Tensor>> result = s.batcher.submit(request.inputs());
        if (result == null) {
            throw new HttpError(503, "the server is busy (the prediction queue is full) or shutting down; retry later");
        }
        List<Tensor> outputs;
        try {
            outputs = result.get(options.predictTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new HttpError(503, "the prediction did not finish in " + options.predictTimeoutMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "the server is shutting down");
        } catch (ExecutionException e) {
            throw new HttpError(500, "prediction failed: " + e.getCause().getMessage());
        }
        send(ex, 200, PredictResponse.json(request.rows(), s.signature.outputNames(), outputs));
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new HttpError(400, "Content-Length '" + s + "' is not a number");
        }
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * Graceful shutdown: stop accepting connections and wait (up to {@code waitSeconds}) for the exchanges in
     * flight, finish the queued predictions, then end the model threads and the handler pool.
     */
    public void close(int waitSeconds) {
        http.stop(waitSeconds);
        for (Served s : models.values()) {
            s.batcher.close(waitSeconds * 1000L);
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(waitSeconds, TimeUnit.SECONDS)) {
                executor.shutdownNow();
                executor.awaitTermination(1, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(5);
    }
}
