package org.jkeras.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jkeras.cli.serve.PredictionServer;
import org.jkeras.cli.serve.ServeOptions;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Sequential;
import org.jkeras.tensor.Seeds;

/**
 * The prediction server of {@code jkeras serve} under load, on loopback only: the workload A model (MLP
 * 784-512-256-10), {@code --clients} concurrent HttpClient clients each sending {@code --requests} predict requests
 * of 1 and then 32 instances (row format, random pixels), after a warm-up of 10 %. Prints requests/s, instances/s and
 * the p50/p99 latency per batch size ({@code RESULT serve batch=32 metric=p99_ms value=...}). Bounded in count: at
 * most clients x requests x 1.1 requests per batch size.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -jar jkeras-bench/target/jkeras-bench.jar serve --clients 8 --requests 500
 * }</pre>
 */
public final class ServeBenchmark {
    private ServeBenchmark() {}

    public static void main(String[] args) throws Exception {
        int clients = 8, requests = 500;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients": clients = Integer.parseInt(args[++i]); break;
                case "--requests": requests = Integer.parseInt(args[++i]); break;
                default:
                    System.err.println("usage: serve [--clients N (8)] [--requests N per client (500)]");
                    System.exit(2);
            }
        }
        Seeds.setGlobalSeed(1);
        Sequential a = new Sequential(new Dense(512, "relu").inputDim(784), new Dense(256, "relu"), new Dense(10, "softmax"));
        System.out.printf(Locale.ROOT, "# jkeras ServeBenchmark: workload A model, %d clients x %d requests, 127.0.0.1, java %s, %d cpus%n",
                clients, requests, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        try (PredictionServer server = PredictionServer.start(Map.of("a", a), ServeOptions.defaults().port(0))) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/models/a:predict");
            for (int batch : new int[] {1, 32}) {
                String body = body(batch);
                run(http, uri, body, clients, Math.max(1, requests / 10)); // warm-up
                long t0 = System.nanoTime();
                long[] lat = run(http, uri, body, clients, requests);
                double secs = (System.nanoTime() - t0) / 1e9;
                Arrays.sort(lat);
                double rps = lat.length / secs;
                System.out.printf(Locale.ROOT, "batch %2d: %,.0f requests/s, %,.0f instances/s, p50 %.2f ms, p99 %.2f ms%n",
                        batch, rps, rps * batch, lat[lat.length / 2] / 1e6, lat[(int) (lat.length * 0.99)] / 1e6);
                System.out.printf(Locale.ROOT, "RESULT serve batch=%d metric=requests_per_s value=%.1f%n", batch, rps);
                System.out.printf(Locale.ROOT, "RESULT serve batch=%d metric=p50_ms value=%.3f%n", batch, lat[lat.length / 2] / 1e6);
                System.out.printf(Locale.ROOT, "RESULT serve batch=%d metric=p99_ms value=%.3f%n", batch, lat[(int) (lat.length * 0.99)] / 1e6);
            }
        }
    }

    private static String body(int batch) {
        Random r = new Random(batch);
        StringBuilder sb = new StringBuilder("{\"instances\": [");
        for (int i = 0; i < batch; i++) {
            sb.append(i == 0 ? "[" : ", [");
            for (int j = 0; j < 784; j++) {
                sb.append(j == 0 ? "" : ",").append(r.nextInt(256) / 255f);
            }
            sb.append(']');
        }
        return sb.append("]}").toString();
    }

    /** Every client sends {@code perClient} requests back to back; returns each request's latency in ns. */
    private static long[] run(HttpClient http, URI uri, String body, int clients, int perClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<long[]>> fs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                fs.add(pool.submit(() -> {
                    long[] lat = new long[perClient];
                    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    for (int k = 0; k < perClient; k++) {
                        long t = System.nanoTime();
                        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
                        lat[k] = System.nanoTime() - t;
                        if (resp.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + resp.statusCode() + ": " + resp.body());
                        }
                    }
                    return lat;
                }));
            }
            long[] all = new long[clients * perClient];
            int at = 0;
            for (Future<long[]> f : fs) {
                long[] l = f.get(600, TimeUnit.SECONDS);
                System.arraycopy(l, 0, all, at, l.length);
                at += l.length;
            }
            return all;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
