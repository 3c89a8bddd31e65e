package org.jkeras.data;

/**
 * Test helper run as a separate JVM by {@code ProcessWorkersLifecycleTest}: starts a process-backed stream, prints
 * the pids of its worker processes, then dies abruptly (no close, no shutdown hooks), leaving them orphaned.
 */
public final class OrphanParentMain {
    private OrphanParentMain() {
    }

    public static void main(String[] args) {
        BatchStream s = BatchStreams.forSequence(new BatchStreamsTest.SlowSequence(50, 1), 2, 4, false, 0, true);
        s.startEpoch(0);
        s.next();
        ProcessHandle.current().children().forEach(p -> System.out.println(p.pid()));
        System.out.println("ready");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
