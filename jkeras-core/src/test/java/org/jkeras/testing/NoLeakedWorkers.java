package org.jkeras.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that fails a test which leaves data-loading work running: it counts the live
 * {@code jkeras-data-*} threads and this JVM's live child processes before each test and checks that both are back
 * to those counts after it.
 *
 * <pre>{@code
 * @ExtendWith(NoLeakedWorkers.class)
 * class MyStreamTest { ... }
 * }</pre>
 */
public final class NoLeakedWorkers implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoLeakedWorkers.class);

    /** Live threads of jkeras's data loaders (named {@code jkeras-data-...}). */
    public static long dataThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("jkeras-data-")).count();
    }

    /** Live child processes of this JVM (worker JVMs). */
    public static long childProcesses() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NS).put("threads", dataThreads());
        context.getStore(NS).put("children", childProcesses());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertEquals((long) context.getStore(NS).get("threads", Long.class), dataThreads(),
                "jkeras-data-* threads left after the test");
        assertEquals((long) context.getStore(NS).get("children", Long.class), childProcesses(),
                "child processes left after the test");
    }
}
