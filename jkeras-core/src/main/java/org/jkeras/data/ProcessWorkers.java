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
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Worker processes for {@code useMultiprocessing = true}: each worker is a child JVM started with this JVM's java
 * binary and class path, running {@link SequenceWorkerMain}. Protocol over the child's stdin/stdout: the parent sends
 * the serialized Sequence (again only when its serialized state changed at an epoch start), then one index per
 * request; the child answers with the batch in {@link BatchCodec}'s raw float framing, or with the exception.
 * Children end when their stdin closes, when the parent process is gone, and are destroyed by {@link #close()} and
 * by a JVM shutdown hook.
 */
final class ProcessWorkers implements SequenceStream.FetcherFactory {
    static final int MSG_SEQUENCE = 'S';
    static final int MSG_GET = 'G';
    static final int REPLY_BATCH = 'B';
    static final int REPLY_ERROR = 'E';

    /** Extra JVM options for worker processes, whitespace-separated (e.g. {@code -Xmx512m}). */
    static final String JVM_ARGS_PROPERTY = "jkeras.data.workerJvmArgs";

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;

    private volatile byte[] sequenceBytes;
    private final List<Child> children = new ArrayList<>();
    private volatile boolean closed;

    ProcessWorkers(Sequence seq) {
        this.sequenceBytes = serialize(seq, "before starting worker processes");
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
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        String extra = System.getProperty(JVM_ARGS_PROPERTY, "").trim();
        if (!extra.isEmpty()) {
            cmd.addAll(Arrays.asList(extra.split("\\s+")));
        }
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SequenceWorkerMain.class.getName());
        cmd.add(Long.toString(ProcessHandle.current().pid()));
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
        Child c = new Child(p);
        children.add(c);
        return c;
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
        private final Process process;
        private final DataOutputStream out;
        private final DataInputStream in;
        private byte[] sent;
        private volatile boolean closing;

        Child(Process process) {
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

        private WorkerDiedException died(Throwable cause) {
            String exit;
            try {
                exit = process.waitFor(2, TimeUnit.SECONDS) ? "exit code " + process.exitValue() : "still running";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exit = "exit code unknown";
            }
            return new WorkerDiedException("data worker process pid " + process.pid() + " ended (" + exit
                    + ") before answering", cause);
        }

        @Override
        public String describeFailure(Throwable t, int index) {
            if (t instanceof WorkerDiedException) {
                return "The data worker process (pid " + process.pid() + ") died while computing Sequence.get("
                        + index + ")";
            }
            return "Sequence.get(" + index + ") failed in data worker process pid " + process.pid();
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
