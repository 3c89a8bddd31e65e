package org.jkeras.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Worker processes for {@code useMultiprocessing = true}: each worker is a child JVM started with this JVM's java
 * binary and class path, running {@link SequenceWorkerMain}, with the options and heap of a {@link WorkerCommand}.
 * Protocol over the child's stdin/stdout: the child first says hello (with its max heap); the parent sends
 * the serialized Sequence (again only when its serialized state changed at an epoch start), then one index per
 * request; the child answers with the batch in {@link BatchCodec}'s raw float framing, or with the exception (an
 * out-of-memory error included, which the parent words with the worker's heap and how to raise it).
 * Children end when their stdin closes, when the parent process is gone, and are destroyed by {@link #close()} and
 * by a JVM shutdown hook.
 */
final class ProcessWorkers implements SequenceStream.FetcherFactory {
    static final int MSG_SEQUENCE = 'S';
    static final int MSG_GET = 'G';
    static final int REPLY_BATCH = 'B';
    static final int REPLY_ERROR = 'E';
    static final int REPLY_HELLO = 'R';

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;

    private volatile byte[] sequenceBytes;
    private final WorkerCommand command;
    private final List<Child> children = new ArrayList<>();
    private volatile boolean closed;

    /** Serializes {@code seq} now (refusing one that cannot be), for workers started with {@code options}. */
    ProcessWorkers(Sequence seq, WorkerOptions options) {
        this.sequenceBytes = serialize(seq, "before starting worker processes");
        this.command = WorkerCommand.build(options.workerJvmOptions(), sequenceBytes.length);
    }

    /** Serializes {@code seq}, refusing a non-Serializable one with a message that says how to fix it. */
    static byte[] serialize(Sequence seq, String when) {
        if (!(seq instanceof Serializable)) {
            throw new IllegalArgumentException("useMultiprocessing=true needs a Sequence that implements "
                    + "java.io.Serializable, to send it to the worker processes; received "
                    + seq.getClass().getName() + ", which does not. Add 'implements java.io.Serializable' (and "
                    + "make its fields serializable or transient), or use threads: useMultiprocessing=false.");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(seq);
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("useMultiprocessing=true: the Sequence " + seq.getClass().getName()
                    + " could not be serialized " + when + ": a field holds a " + e.getMessage()
                    + ", which is not Serializable. Mark that field transient (and rebuild it lazily in get), make "
                    + "its class Serializable, or use threads: useMultiprocessing=false.", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("useMultiprocessing=true: the Sequence " + seq.getClass().getName()
                    + " could not be serialized " + when + ": " + e + ". Make it serializable or use threads.", e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void epochStarting(Sequence seq) {
        byte[] now;
        try {
            now = serialize(seq, "at the start of an epoch");
        } catch (IllegalArgumentException e) {
            throw new DataException(e.getMessage(), -1, e.getCause() != null ? e.getCause() : e);
        }
        if (!Arrays.equals(now, sequenceBytes)) {
            sequenceBytes = now;
        }
    }

    @Override
    public synchronized SequenceStream.Fetcher create(int k) {
        if (closed) {
            throw new IllegalStateException("worker processes already closed");
        }
        List<String> cmd = command.command(ProcessHandle.current().pid());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p;
        try {
            installHook();
            p = pb.start();
        } catch (IOException e) {
            throw new DataException("Could not start data worker process " + k + " with " + cmd.get(0) + ": " + e
                    + ". Check that this JVM's java binary can be run, or use useMultiprocessing=false.", -1, e);
        }
        LIVE.add(p);
        Child c = new Child(k, p);
        children.add(c);
        return c;
    }

    /**
     * Waits for every worker's hello (it sends its max heap once its JVM is up), so that a JVM that cannot start
     * (e.g. a bad option) is reported now, and a batch timeout never counts a JVM's start-up.
     */
    @Override
    public void awaitStarted() {
        List<Child> cs;
        synchronized (this) {
            cs = new ArrayList<>(children);
        }
        for (Child c : cs) {
            c.awaitHello();
        }
    }

    @Override
    public void close() {
        List<Child> cs;
        synchronized (this) {
            closed = true;
            cs = new ArrayList<>(children);
        }
        for (Child c : cs) {
            c.close();
        }
    }

    private static synchronized void installHook() {
        if (!hookInstalled) {
            hookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (Process p : LIVE) {
                    p.destroyForcibly();
                }
            }, DataThreads.PREFIX + "process-reaper-hook"));
        }
    }

    /** Thrown inside a fetcher when its child process is gone. */
    static final class WorkerDiedException extends IOException {
        private static final long serialVersionUID = 1L;

        WorkerDiedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A user exception from the child that could not be sent as an object: its class, message and stack as text. */
    static final class RemoteException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RemoteException(String text) {
            super(text);
        }
    }

    private final class Child implements SequenceStream.Fetcher {
        private final int k;
        private final Process process;
        private final DataOutputStream out;
        private final DataInputStream in;
        private byte[] sent;
        private volatile boolean closing;
        private long maxHeap = -1;

        Child(int k, Process process) {
            this.k = k;
            this.process = process;
            this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream(), 1 << 16));
            this.in = new DataInputStream(new BufferedInputStream(process.getInputStream(), 1 << 16));
        }

        @Override
        public Batch fetch(int index) throws Throwable {
            int tag;
            try {
                byte[] s = sequenceBytes;
                if (s != sent) {
                    out.writeByte(MSG_SEQUENCE);
                    out.writeInt(s.length);
                    out.write(s);
                    sent = s;
                }
                out.writeByte(MSG_GET);
                out.writeInt(index);
                out.flush();
                tag = in.read();
                if (tag == REPLY_BATCH) {
                    return BatchCodec.read(in);
                }
                if (tag == REPLY_ERROR) {
                    throw readError(in);
                }
            } catch (IOException e) {
                throw died(e);
            }
            throw died(null);
        }

        void awaitHello() {
            int tag;
            try {
                tag = in.read();
                if (tag == REPLY_HELLO) {
                    maxHeap = in.readLong();
                    return;
                }
            } catch (IOException e) {
                tag = -1;
            }
            close();
            String why = tag < 0 ? "the JVM's own error is printed above"
                    : "its first output was not the worker's hello: something (an option such as -Xlog without an "
                    + "output, or -version) wrote to its standard output, which carries the batches; send logs to "
                    + "stderr or a file (-Xlog:gc:stderr)";
            throw new DataException("Data worker process " + k + " (pid " + process.pid() + ") did not start: "
                    + exitText() + ". Its JVM options were " + command.options() + "; " + why + ". Fix "
                    + "workerJvmOptions(...) (or -D" + WorkerCommand.JVM_ARGS_PROPERTY + "), or use threads: "
                    + "useMultiprocessing=false.", -1, null);
        }

        private WorkerDiedException died(Throwable cause) {
            return new WorkerDiedException("data worker process pid " + process.pid() + " ended (" + exitText()
                    + ") before answering", cause);
        }

        private String exitText() {
            try {
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    return "still running";
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "exit code unknown";
            }
            int code = process.exitValue();
            if (code == SequenceWorkerMain.EXIT_OUT_OF_MEMORY) {
                return "exit code " + code + ": out of memory outside Sequence.get, max heap " + heapText() + ". "
                        + WorkerCommand.raiseHint(maxHeap);
            }
            return "exit code " + code;
        }

        private String heapText() {
            return (maxHeap > 0 ? (maxHeap / WorkerCommand.MIB) + " MiB" : "unknown") + " (" + command.heapText() + ")";
        }

        @Override
        public String describeFailure(Throwable t, int index) {
            if (t instanceof WorkerDiedException) {
                return "The data worker process (pid " + process.pid() + ") died while computing Sequence.get("
                        + index + ")";
            }
            if (outOfMemory(t)) {
                return "Sequence.get(" + index + ") ran out of memory " + where() + ", whose max heap is "
                        + heapText() + ". " + WorkerCommand.raiseHint(maxHeap);
            }
            return "Sequence.get(" + index + ") failed in data worker process pid " + process.pid();
        }

        @Override
        public String where() {
            return "in data worker process " + k + " (pid " + process.pid() + ")";
        }

        @Override
        public void close() {
            if (closing) {
                return;
            }
            closing = true;
            try {
                out.close(); // EOF on the child's stdin: it exits on its own
            } catch (IOException e) {
                // already gone
            }
            try {
                if (!process.waitFor(500, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            LIVE.remove(process);
            try {
                in.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }

    /** Whether {@code t} or one of its causes is an OutOfMemoryError. */
    static boolean outOfMemory(Throwable t) {
        for (int depth = 0; t != null && depth < 20; depth++, t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    static Throwable readError(DataInputStream in) throws IOException {
        int mode = in.readByte();
        if (mode == 1) {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(b))) {
                return (Throwable) ois.readObject();
            } catch (ClassNotFoundException | ClassCastException e) {
                return new RemoteException("(an exception the parent could not read back: " + e + ")");
            }
        }
        return new RemoteException(in.readUTF());
    }

    static void writeError(DataOutputStream out, Throwable t) throws IOException {
        byte[] bytes = null;
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (ObjectOutputStream oos = new ObjectOutputStream(b)) {
                oos.writeObject(t);
            }
            bytes = b.toByteArray();
        } catch (IOException | RuntimeException e) {
            bytes = null;
        }
        out.writeByte(REPLY_ERROR);
        if (bytes != null) {
            out.writeByte(1);
            out.writeInt(bytes.length);
            out.write(bytes);
        } else {
            out.writeByte(0);
            java.io.StringWriter w = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(w));
            String text = w.toString();
            out.writeUTF(text.length() > 20_000 ? text.substring(0, 20_000) : text);
        }
    }
}
