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
 * process (pid given as the only argument) is gone.
 *
 * <pre>{@code
 * java -cp <classpath> org.jkeras.data.SequenceWorkerMain <parent pid>    // what the parent runs
 * }</pre>
 */
public final class SequenceWorkerMain {
    private SequenceWorkerMain() {
    }

    /** Runs the worker loop; {@code args[0]} is the parent's pid. */
    public static void main(String[] args) throws IOException {
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
            } else {
                System.err.println("jkeras data worker: unknown message " + tag + "; exiting");
                Runtime.getRuntime().halt(2);
            }
        }
    }
}
