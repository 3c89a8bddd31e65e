package org.jkeras.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jkeras.cli.serve.PredictionServer;
import org.jkeras.cli.serve.ServeOptions;
import org.jkeras.models.Model;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jkeras serve MODEL...}: serves models over TensorFlow Serving's REST API until interrupted (Ctrl-C or
 * SIGTERM: graceful shutdown). A model's name is its file name without the extension unless {@code --name}
 * says otherwise.
 *
 * <pre>{@code
 * jkeras serve test-data/fixtures/keras3-generated/mlp/mlp.keras --port 8501
 * curl -d '{"instances": [[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]]}' localhost:8501/v1/models/mlp:predict
 * }</pre>
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve models with TensorFlow Serving's REST API: GET /v1/models/NAME, GET /v1/models/NAME/metadata, "
                + "POST /v1/models/NAME:predict ({\"instances\": ...} or {\"inputs\": ...}).")
final class ServeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", arity = "0..*", description = "Model files (.keras or .h5); each is served under its file name without the extension.")
    List<Path> files = List.of();

    @Option(names = "--name", paramLabel = "NAME=FILE", description = "Serve FILE under NAME (repeatable).")
    Map<String, Path> named = new LinkedHashMap<>();

    @Option(names = "--port", defaultValue = "8501", description = "TCP port (TensorFlow Serving's REST default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--max-body-bytes", defaultValue = "8388608", description = "Largest request body; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--max-instances", defaultValue = "10000", description = "Most instances in one request; more get 400 (default: ${DEFAULT-VALUE}).")
    int maxInstances;

    @Option(names = "--max-batch", defaultValue = "64", description = "Most instances the batching queue runs together (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--queue-size", defaultValue = "256", description = "Requests waiting per model; beyond it 503 (default: ${DEFAULT-VALUE}).")
    int queueSize;

    @Option(names = "--threads", defaultValue = "16", description = "HTTP handler threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--read-timeout", defaultValue = "10000", paramLabel = "MS",
            description = "Milliseconds a client has to send its whole body; slower ones get 408 (default: ${DEFAULT-VALUE}).")
    long readTimeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (files.isEmpty() && named.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give at least one MODEL file (or --name NAME=FILE)");
        }
        for (long v : new long[] {maxBodyBytes, maxInstances, maxBatch, queueSize, threads, readTimeout}) {
            if (v < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--max-body-bytes, --max-instances, --max-batch, --queue-size, --threads and --read-timeout must be positive; received: " + v);
            }
        }
        Map<String, Model> models = new LinkedHashMap<>();
        for (Path f : files) {
            String n = f.getFileName().toString();
            models.put(n.contains(".") ? n.substring(0, n.indexOf('.')) : n, ModelArgs.load(f, null, null, false));
        }
        for (Map.Entry<String, Path> e : named.entrySet()) {
            models.put(e.getKey(), ModelArgs.load(e.getValue(), null, null, false));
        }
        ServeOptions o = ServeOptions.defaults().host(host).port(port).maxBodyBytes(maxBodyBytes).maxInstances(maxInstances)
                .maxBatch(maxBatch).queueSize(queueSize).threads(threads).readTimeoutMillis(readTimeout);
        PredictionServer server = PredictionServer.start(models, o);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            System.err.println("jkeras: shutting down (finishing requests in flight)");
            server.close(2);
            stopped.countDown();
        }, "jkeras-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("jkeras: serving " + models.keySet() + " on http://" + host + ":" + server.port()
                + "/v1/models/NAME (Ctrl-C stops)");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
