package org.jkeras.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;

/**
 * Entry point of a data worker process (internal: started by {@link BatchStreams#forSequence} with
 * {@code useMultiprocessing = true}; not meant to be run by hand). It reads the serialized {@link Sequence} and
 * batch indices from stdin and writes batches to stdout in a raw float framing; {@code System.out} is redirected
 * to stderr so that printing in user code cannot corrupt the stream. It exits when stdin closes or when the parent
 * process (pid given as the only argument) is gone. An {@link OutOfMemoryError} in {@code get} (or while reading the
 * Sequence) is sent back like any exception, using a small reserve freed for the purpose; one anywhere else ends the
 * process with exit code {@value #EXIT_OUT_OF_MEMORY}.
 *
 * <pre>{@code
 * java -cp <classpath> org.jkeras.data.SequenceWorkerMain <parent pid>    // what the parent runs
 * }</pre>
 */
public final class SequenceWorkerMain {
    /** Exit code of a worker that ran out of memory where it could not report it. */
    public static final int EXIT_OUT_OF_MEMORY = 4;
    private static final int RESERVE_BYTES = 1 << 20;
    /** Freed on an OutOfMemoryError so that the error can still be serialized and sent. */
    private static byte[] reserve = new byte[RESERVE_BYTES];

    private SequenceWorkerMain() {
    }

    /** Runs the worker loop; {@code args[0]} is the parent's pid. */
    public static void main(String[] args) throws IOException {
        try {
            serve(args);
        } catch (OutOfMemoryError e) {
            reserve = null;
            System.err.println("jkeras data worker: out of memory outside Sequence.get (max heap "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB): " + e);
            Runtime.getRuntime().halt(EXIT_OUT_OF_MEMORY);
        }
    }

    private static void serve(String[] args) throws IOException {
        long parentPid = args.length > 0 ? Long.parseLong(args[0]) : -1;
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new FileOutputStream(FileDescriptor.out), 1 << 16));
        System.setOut(System.err);
        if (parentPid > 0) {
            Thread watch = new Thread(() -> {
                while (true) {
                    boolean alive = ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false);
                    if (!alive) {
                        Runtime.getRuntime().halt(3);
                    }
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, DataThreads.PREFIX + "parent-watch");
            watch.setDaemon(true);
            watch.start();
        }
        out.writeByte(ProcessWorkers.REPLY_HELLO);
        out.writeLong(Runtime.getRuntime().maxMemory());
        out.flush();
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
        Sequence seq = null;
        Throwable loadError = null;
        while (true) {
            int tag = in.read();
            if (tag < 0) {
                out.flush();
                Runtime.getRuntime().halt(0);
            }
            if (tag == ProcessWorkers.MSG_SEQUENCE) {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(b))) {
                    seq = (Sequence) ois.readObject();
                    loadError = null;
                } catch (Throwable t) {
                    freeReserveOn(t);
                    seq = null;
                    loadError = new IllegalStateException("The worker process could not deserialize the Sequence: "
                            + t + ". Check that its class and fields are on the class path and serializable.", t);
                }
            } else if (tag == ProcessWorkers.MSG_GET) {
                int index = in.readInt();
                Batch b = null;
                Throwable error = loadError;
                if (error == null && seq == null) {
                    error = new IllegalStateException("The worker process received no Sequence before an index.");
                }
                if (error == null) {
                    try {
                        b = seq.get(index);
                        if (b == null) {
                            error = new NullPointerException("Sequence.get(" + index + ") returned null; return a "
                                    + "Batch for every index 0 <= index < size().");
                        }
                    } catch (Throwable t) {
                        freeReserveOn(t);
                        error = t;
                    }
                }
                if (error == null) {
                    out.writeByte(ProcessWorkers.REPLY_BATCH);
                    BatchCodec.write(out, b);
                } else {
                    ProcessWorkers.writeError(out, error);
                }
                out.flush();
                refillReserve();
            } else {
                System.err.println("jkeras data worker: unknown message " + tag + "; exiting");
                Runtime.getRuntime().halt(2);
            }
        }
    }

    private static void freeReserveOn(Throwable t) {
        if (ProcessWorkers.outOfMemory(t)) {
            reserve = null;
        }
    }

    private static void refillReserve() {
        if (reserve == null) {
            try {
                reserve = new byte[RESERVE_BYTES];
            } catch (OutOfMemoryError e) {
                // still short of memory; the next error is sent without a reserve
            }
        }
    }
}
