package org.jkeras.callbacks;

import static org.jkeras.callbacks.FakeModel.logs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RemoteMonitor against a server on the loopback interface only. */
class RemoteMonitorTest {
    @Test
    void postsPythonJsonAsAFormFieldOrABody() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> bodies = new ArrayList<>();
        List<String> types = new ArrayList<>();
        server.createContext("/publish/epoch/end/", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            types.add(ex.getRequestHeaders().getFirst("Content-Type") + "|" + ex.getRequestHeaders().getFirst("X-Run"));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            String root = "http://127.0.0.1:" + server.getAddress().getPort();
            new RemoteMonitor().root(root).header("X-Run", "a").onEpochEnd(0, logs("loss", 0.5, "accuracy", 0.25));
            new RemoteMonitor().root(root).sendAsJson(true).onEpochEnd(1, logs("loss", 1e-5));
        } finally {
            server.stop(0);
        }
        assertEquals("{\"epoch\": 0, \"loss\": 0.5, \"accuracy\": 0.25}",
                URLDecoder.decode(bodies.get(0).substring("data=".length()), StandardCharsets.UTF_8));
        assertEquals("application/x-www-form-urlencoded|a", types.get(0));
        assertEquals("{\"epoch\": 1, \"loss\": 1e-05}", bodies.get(1));
        assertEquals("application/json|null", types.get(1));
    }

    @Test
    void anUnreachableServerWarnsOnce() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        RemoteMonitor m = new RemoteMonitor().root("http://127.0.0.1:" + port);
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            m.onEpochEnd(0, logs("loss", 1.0));
            m.onEpochEnd(1, logs("loss", 1.0));
        } finally {
            System.setErr(old);
        }
        assertEquals("UserWarning: Could not reach RemoteMonitor root server at http://127.0.0.1:" + port + "\n",
                err.toString(StandardCharsets.UTF_8));
    }
}
