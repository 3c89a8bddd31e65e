package org.jkeras.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jkeras.data.Npy;
import org.jkeras.models.Model;
import org.jkeras.saving.Json;
import org.jkeras.saving.Models;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TF Serving REST API on 127.0.0.1 with java.net.http.HttpClient: Keras's outputs, load, limits, errors. */
class PredictionServerTest {
    private static PredictionServer server;
    private static HttpClient client;
    private static String base;
    private static Tensor mlpIn, mlpOut, in1, in2, outA, outB;

    static Path fixture(String rel) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("test-data/fixtures"))) {
                return dir.resolve("test-data/fixtures").resolve(rel);
            }
        }
        throw new IllegalStateException("no test-data/fixtures");
    }

    @BeforeAll
    static void start() throws IOException {
        Map<String, Model> models = new LinkedHashMap<>();
        models.put("mlp", Models.load(fixture("keras3-generated/mlp/mlp.keras"), false));
        models.put("multi_io", Models.load(fixture("keras3-generated/multi_io/multi_io.keras"), false));
        server = PredictionServer.start(models, ServeOptions.defaults().port(0).maxInstances(1000)
                .maxBodyBytes(48L << 20).readTimeoutMillis(1500));
        base = "http://127.0.0.1:" + server.port() + "/v1/models/";
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        mlpIn = Npy.read(fixture("keras3-generated/mlp/in_input.npy"));
        mlpOut = Npy.read(fixture("keras3-generated/mlp/out.npy"));
        in1 = Npy.read(fixture("keras3-generated/multi_io/in_input_1.npy"));
        in2 = Npy.read(fixture("keras3-generated/multi_io/in_input_2.npy"));
        outA = Npy.read(fixture("keras3-generated/multi_io/out_out_a.npy"));
        outB = Npy.read(fixture("keras3-generated/multi_io/out_out_b.npy"));
    }

    @AfterAll
    static void stop() {
        server.close(2);
    }

    static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Rows {@code from..to} of t as JSON nested lists. */
    static String rows(Tensor t, int from, int to) {
        StringBuilder sb = new StringBuilder("[");
        int per = t.size() / t.dim(0);
        float[] v = t.toArray();
        for (int r = from; r < to; r++) {
            sb.append(r == from ? "[" : ", [");
            for (int j = 0; j < per; j++) {
                sb.append(j == 0 ? "" : ", ").append(v[r * per + j]);
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    /** Compares a JSON list of rows with rows from..to of the Keras output. */
    static void assertRows(Object json, Tensor want, int from, int to) {
        List<?> got = (List<?>) json;
        assertEquals(to - from, got.size());
        int per = want.size() / want.dim(0);
        float[] w = want.toArray();
        for (int r = from; r < to; r++) {
            List<?> row = (List<?>) got.get(r - from);
            assertEquals(per, row.size());
            for (int j = 0; j < per; j++) {
                assertEquals(w[r * per + j], ((Number) row.get(j)).doubleValue(), 1e-5, "row " + r);
            }
        }
    }

    @Test
    void statusAndMetadata() throws Exception {
        HttpResponse<String> s = get("mlp");
        assertEquals(200, s.statusCode(), s.body());
        assertTrue(s.body().contains("\"AVAILABLE\""), s.body());
        HttpResponse<String> m = get("multi_io/metadata");
        assertEquals(200, m.statusCode(), m.body());
        Map<?, ?> def = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) Json.parse(m.body()))
                .get("metadata")).get("signature_def")).get("signature_def")).get("serving_default");
        assertEquals(List.of("input_1", "input_2"), new ArrayList<>(((Map<?, ?>) def.get("inputs")).keySet()));
        assertEquals(List.of("out_a", "out_b"), new ArrayList<>(((Map<?, ?>) def.get("outputs")).keySet()));
        assertTrue(m.body().contains("\"size\": \"-1\""), m.body());
    }

    @Test
    void rowAndColumnarSingleInputGiveKerasOutputs() throws Exception {
        int n = mlpIn.dim(0);
        HttpResponse<String> r = post("mlp:predict", "{\"signature_name\": \"serving_default\", \"instances\": " + rows(mlpIn, 0, n) + "}");
        assertEquals(200, r.statusCode(), r.body());
        assertRows(((Map<?, ?>) Json.parse(r.body())).get("predictions"), mlpOut, 0, n);
        HttpResponse<String> c = post("mlp:predict", "{\"inputs\": " + rows(mlpIn, 0, n) + "}");
        assertEquals(200, c.statusCode(), c.body());
        assertRows(((Map<?, ?>) Json.parse(c.body())).get("outputs"), mlpOut, 0, n);
    }

    @Test
    void rowAndColumnarMultiInputGiveKerasOutputs() throws Exception {
        int n = in1.dim(0);
        StringBuilder inst = new StringBuilder("[");
        List<?> r1 = (List<?>) Json.parse(rows(in1, 0, n)), r2 = (List<?>) Json.parse(rows(in2, 0, n));
        for (int i = 0; i < n; i++) {
            inst.append(i == 0 ? "" : ", ").append("{\"input_2\": ").append(Json.write(r2.get(i)))
                    .append(", \"input_1\": ").append(Json.write(r1.get(i))).append('}');
        }
        HttpResponse<String> r = post("multi_io:predict", "{\"instances\": " + inst.append(']') + "}");
        assertEquals(200, r.statusCode(), r.body());
        List<?> preds = (List<?>) ((Map<?, ?>) Json.parse(r.body())).get("predictions");
        List<Object> a = new ArrayList<>(), b = new ArrayList<>();
        for (Object p : preds) {
            a.add(((Map<?, ?>) p).get("out_a"));
            b.add(((Map<?, ?>) p).get("out_b"));
        }
        assertRows(a, outA, 0, n);
        assertRows(b, outB, 0, n);
        HttpResponse<String> c = post("multi_io:predict", "{\"inputs\": {\"input_1\": " + rows(in1, 0, n)
                + ", \"input_2\": " + rows(in2, 0, n) + "}}");
        assertEquals(200, c.statusCode(), c.body());
        Map<?, ?> outs = (Map<?, ?>) ((Map<?, ?>) Json.parse(c.body())).get("outputs");
        assertRows(outs.get("out_a"), outA, 0, n);
        assertRows(outs.get("out_b"), outB, 0, n);
    }

    @Test
    void eightClientsThousandRequestsEachAllCorrect() throws Exception {
        int n = mlpIn.dim(0);
        String[] bodies = new String[n];
        for (int i = 0; i < n; i++) {
            bodies[i] = "{\"instances\": " + rows(mlpIn, i, i + 1) + "}";
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger ok = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    for (int k = 0; k < 1000; k++) {
                        int row = (client * 1000 + k) % n;
                        HttpResponse<String> r = post("mlp:predict", bodies[row]);
                        assertEquals(200, r.statusCode(), r.body());
                        assertRows(((Map<?, ?>) Json.parse(r.body())).get("predictions"), mlpOut, row, row + 1);
                        ok.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(300, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
        assertEquals(8000, ok.get(), "none lost");
    }

    @Test
    void badJsonUnknownModelAndWrongShape() throws Exception {
        HttpResponse<String> bad = post("mlp:predict", "{\"instances\": [[1, 2,");
        assertEquals(400, bad.statusCode(), bad.body());
        String error = ((Map<?, ?>) Json.parse(bad.body())).get("error").toString();
        assertTrue(error.startsWith("malformed JSON at line 1, column ") && !error.contains("Source"), bad.body());
        HttpResponse<String> unknown = post("nope:predict", "{\"instances\": [[1]]}");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals("Servable not found for request: Latest(nope)", ((Map<?, ?>) Json.parse(unknown.body())).get("error"));
        assertEquals(404, get("nope/metadata").statusCode());
        HttpResponse<String> shape = post("mlp:predict", "{\"instances\": [[1, 2, 3]]}");
        assertEquals(400, shape.statusCode(), shape.body());
        assertTrue(shape.body().contains("input 'input_layer' of the model expects shape (None, 20); the request has shape (1, 3)"),
                shape.body());
        HttpResponse<String> ragged = post("mlp:predict", "{\"instances\": [[1, 2], [3]]}");
        assertEquals(400, ragged.statusCode(), ragged.body());
    }

    @Test
    void tenMillionInstancesAreRefusedWhileOthersAreServed() throws Exception {
        byte[] head = "{\"instances\": [[0]".getBytes(StandardCharsets.US_ASCII);
        InputStream many = new InputStream() { // ", [0]" 10^7 - 1 times, then "]}", generated as it is sent
            final byte[] unit = ", [0]".getBytes(StandardCharsets.US_ASCII);
            final long total = (10_000_000L - 1) * unit.length;
            long pos;

            @Override
            public int read() {
                if (pos < total) {
                    return unit[(int) (pos++ % unit.length)];
                }
                long t = pos++ - total;
                return t == 0 ? ']' : t == 1 ? '}' : -1;
            }
        };
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "mlp:predict")).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(new ByteArrayInputStream(head),
                        new java.io.BufferedInputStream(many)))).build();
        var big = client.sendAsync(req, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> normal = post("mlp:predict", "{\"instances\": " + rows(mlpIn, 0, 1) + "}");
        assertEquals(200, normal.statusCode(), "others are served: " + normal.body());
        int status;
        try {
            HttpResponse<String> r = big.get(60, TimeUnit.SECONDS);
            status = r.statusCode();
            assertTrue(r.body().contains("more than 1000 instances") || status == 413, r.body());
        } catch (java.util.concurrent.ExecutionException e) {
            status = -1; // the server closed the connection after refusing: also a clean refusal
        }
        assertTrue(status == 400 || status == 413 || status == -1, "status " + status);
        assertEquals(200, post("mlp:predict", "{\"instances\": " + rows(mlpIn, 0, 1) + "}").statusCode());
    }

    @Test
    void oversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/models/mlp:predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 104857600\r\n\r\n{\"instances\": [").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", status);
        }
        assertEquals(200, post("mlp:predict", "{\"instances\": " + rows(mlpIn, 0, 1) + "}").statusCode());
    }

    @Test
    void aClientSendingOneBytePerSecondIsCutOffWhileOthersAreServed() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/models/mlp:predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 400\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread trickle = new Thread(() -> {
                try {
                    for (int i = 0; i < 10; i++) {
                        out.write('{');
                        out.flush();
                        Thread.sleep(1000);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server cut us off
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            long t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                assertEquals(200, post("mlp:predict", "{\"instances\": " + rows(mlpIn, i, i + 1) + "}").statusCode(),
                        "others keep being served");
            }
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 408", status);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(8), "cut off near the read timeout");
            trickle.interrupt();
            trickle.join(5000);
        }
    }

    @Test
    void gracefulShutdownEndsEveryThreadAndClosesThePort() throws Exception {
        PredictionServer s = PredictionServer.start(Map.of("m", Models.load(fixture("keras3-generated/mlp/mlp.keras"), false)),
                ServeOptions.defaults().port(0));
        int port = s.port();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models/m:predict"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"instances\": " + rows(mlpIn, 0, 2) + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        s.close(1);
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive()
                && t.getName().equals("jkeras-serve-m")), "the model's batching thread ended");
        boolean refused = false;
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            refused = false;
        } catch (ConnectException e) {
            refused = true;
        }
        assertTrue(refused, "no longer accepting");
    }
}
