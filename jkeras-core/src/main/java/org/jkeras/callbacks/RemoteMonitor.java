package org.jkeras.callbacks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code RemoteMonitor}: at each epoch end POSTs {@code {"epoch": e, <logs>}} to {@code root + path}, as a
 * form field {@code field=<json>} (default) or, with {@code sendAsJson}, as a JSON body. The JSON is Python's
 * {@code json.dumps} text ({@code {"epoch": 0, "loss": 0.5}}). A server that cannot be reached gives Keras's
 * warning once, never an exception. Defaults: root {@code http://localhost:9000}, path
 * {@code /publish/epoch/end/}, field {@code data}, no headers, sendAsJson false.
 *
 * <pre>{@code
 * model.fit(x, y, FitOptions.defaults().callbacks(new RemoteMonitor().root("http://127.0.0.1:9000")));
 * }</pre>
 */
public final class RemoteMonitor extends Callback {
    private String root = "http://localhost:9000";
    private String path = "/publish/epoch/end/";
    private String field = "data";
    private final Map<String, String> headers = new LinkedHashMap<>();
    private boolean sendAsJson;
    private HttpClient client;
    private final Warnings warnings = new Warnings();

    public RemoteMonitor root(String root) {
        this.root = root;
        return this;
    }

    public RemoteMonitor path(String path) {
        this.path = path;
        return this;
    }

    public RemoteMonitor field(String field) {
        this.field = field;
        return this;
    }

    public RemoteMonitor header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public RemoteMonitor sendAsJson(boolean sendAsJson) {
        this.sendAsJson = sendAsJson;
        return this;
    }

    /** Python's {@code json.dumps({"epoch": epoch, **logs})}. */
    static String json(int epoch, Map<String, Double> logs) {
        StringBuilder b = new StringBuilder("{\"epoch\": ").append(epoch);
        for (Map.Entry<String, Double> e : logs.entrySet()) {
            b.append(", \"").append(e.getKey().replace("\\", "\\\\").replace("\"", "\\\"")).append("\": ");
            double v = e.getValue();
            b.append(Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "Infinity" : "-Infinity")
                    : PythonFormat.repr(v));
        }
        return b.append('}').toString();
    }

    @Override
    public void onEpochEnd(int epoch, Map<String, Double> logs) {
        String body = json(epoch, logs == null ? Map.of() : logs);
        HttpRequest.Builder req;
        try {
            req = HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(10));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("RemoteMonitor: root + path is not a URL: " + root + path + " (" + e
                    .getMessage() + ").", e);
        }
        headers.forEach(req::header);
        if (sendAsJson) {
            req.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        } else {
            req.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                    URLEncoder.encode(field, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(body, StandardCharsets.UTF_8)));
        }
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        }
        try {
            client.send(req.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            warnings.warn("unreachable", "Could not reach RemoteMonitor root server at " + root);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
