package org.jkeras.spark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A sum all-reduce of float arrays between the N tasks of one barrier stage, over TCP on each executor's address: a tree of depth
 * one rooted at rank 0 (every other rank sends its array to the root, the root adds them in rank order and sends the
 * sum back), so every rank gets bit-identical sums. Each connection starts with a handshake carrying the job's
 * secret, made on the driver; a connection without it is closed and the root keeps waiting for the real tasks.
 * Every accept, connect and read has a timeout: a dead or silent peer fails the task (and so the stage) with an
 * {@link IOException} naming the rank, never a hang.
 *
 * <pre>{@code
 * ServerSocket server = AllReduce.listen();                       // every rank
 * String[] addresses = ctx.allGather(AllReduce.address(server));  // BarrierTaskContext
 * try (AllReduce ar = AllReduce.join(rank, addresses, server, secret, 60_000)) {
 *     ar.sum(gradients);                                          // in place, the same result on every rank
 * }
 * }</pre>
 */
public final class AllReduce implements Closeable {
    private static final int MAGIC = 0x6A6B4152; // "jkAR"
    private static final int ABORT = -1;         // in place of a length: a failure reason follows

    private final int rank;
    private final int size;
    private final ServerSocket server;
    private final Socket[] peers; // at the root: peers[r] for r >= 1; elsewhere peers[0] is the root
    private final DataInputStream[] in;
    private final DataOutputStream[] out;
    private final int timeoutMs;
    private int refused;
    private byte[] bytes = new byte[0];
    private float[] scratch = new float[0];

    private AllReduce(int rank, int size, ServerSocket server, int timeoutMs) {
        this.rank = rank;
        this.size = size;
        this.server = server;
        this.peers = new Socket[size];
        this.in = new DataInputStream[size];
        this.out = new DataOutputStream[size];
        this.timeoutMs = timeoutMs;
    }

    /** A server socket on 127.0.0.1, any free port (single-host tests). */
    public static ServerSocket listen() throws IOException {
        return listen(InetAddress.getLoopbackAddress().getHostAddress());
    }

    /**
     * A server socket on {@code host}'s address, any free port: the executor's own address, so tasks on other
     * hosts can connect, and nothing listens on the other interfaces.
     */
    public static ServerSocket listen(String host) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
        return s;
    }

    /**
     * The address this executor's all-reduce socket binds to: {@code SPARK_LOCAL_IP} when set (Spark's own choice of
     * interface), else the host the executor's block manager advertises to the cluster (reachable by the other
     * executors), else loopback.
     */
    static String bindHost(org.apache.spark.BarrierTaskContext ctx) {
        String ip = System.getenv("SPARK_LOCAL_IP");
        if (ip != null && !ip.isEmpty()) {
            return ip;
        }
        org.apache.spark.SparkEnv env = org.apache.spark.SparkEnv.get();
        if (env != null && env.blockManager() != null && env.blockManager().blockManagerId() != null) {
            return env.blockManager().blockManagerId().host();
        }
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    /** "host:port" of a listening socket, for {@code allGather}. */
    public static String address(ServerSocket server) {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /**
     * Connects this rank to the others: the root accepts {@code N - 1} authenticated peers on {@code server}; every
     * other rank connects to the root's address. Takes ownership of {@code server} (closed by {@link #close}).
     *
     * @throws IOException when a peer does not arrive or answer within {@code timeoutMs}
     */
    public static AllReduce join(int rank, String[] addresses, ServerSocket server, byte[] secret, int timeoutMs)
            throws IOException {
        AllReduce ar = new AllReduce(rank, addresses.length, server, timeoutMs);
        try {
            if (rank == 0) {
                ar.acceptPeers(secret);
            } else {
                ar.connectToRoot(addresses[0], secret);
            }
            return ar;
        } catch (IOException | RuntimeException e) {
            ar.close();
            throw e;
        }
    }

    private void acceptPeers(byte[] secret) throws IOException {
        server.setSoTimeout(timeoutMs);
        int joined = 0;
        while (joined < size - 1) {
            Socket s;
            try {
                s = server.accept();
            } catch (SocketTimeoutException e) {
                throw new IOException("All-reduce root: only " + joined + " of " + (size - 1) + " peers connected "
                        + "within " + timeoutMs + " ms (" + refused + " connection(s) refused for a wrong secret); "
                        + "a task died or cannot reach " + address(server) + ".", e);
            }
            s.setSoTimeout(timeoutMs);
            s.setTcpNoDelay(true);
            DataInputStream i = new DataInputStream(new BufferedInputStream(s.getInputStream()));
            int peer = -1;
            try {
                if (i.readInt() == MAGIC) {
                    byte[] given = new byte[i.readInt() == secret.length ? secret.length : 0];
                    i.readFully(given);
                    int r = i.readInt();
                    if (given.length > 0 && MessageDigest.isEqual(given, secret) && r > 0 && r < size
                            && peers[r] == null) {
                        peer = r;
                    }
                }
            } catch (IOException e) {
                peer = -1; // a stranger that sent garbage or nothing: refuse it like a wrong secret
            }
            if (peer < 0) {
                refused++;
                s.close();
                continue;
            }
            peers[peer] = s;
            in[peer] = i;
            out[peer] = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
            out[peer].writeInt(MAGIC);
            out[peer].flush();
            joined++;
        }
    }

    private void connectToRoot(String address, byte[] secret) throws IOException {
        int colon = address.lastIndexOf(':');
        Socket s = new Socket();
        peers[0] = s;
        s.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
                timeoutMs);
        s.setSoTimeout(timeoutMs);
        s.setTcpNoDelay(true);
        in[0] = new DataInputStream(new BufferedInputStream(s.getInputStream()));
        out[0] = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
        out[0].writeInt(MAGIC);
        out[0].writeInt(secret.length);
        out[0].write(secret);
        out[0].writeInt(rank);
        out[0].flush();
        if (readInt(0) != MAGIC) {
            throw new IOException("All-reduce rank " + rank + ": the root at " + address + " did not accept the "
                    + "handshake.");
        }
    }

    /** Connections the root closed for a wrong or missing secret (0 on other ranks). */
    public int refusedConnections() {
        return refused;
    }

    /**
     * Replaces {@code values} by the element-wise sum over all ranks (added in rank order at the root, so every
     * rank gets the same bits).
     *
     * @throws IOException when a peer dies or stays silent longer than the timeout, naming it
     */
    public void sum(float[] values) throws IOException {
        if (size == 1) {
            return;
        }
        if (rank == 0) {
            if (scratch.length != values.length) {
                scratch = new float[values.length];
            }
            for (int r = 1; r < size; r++) {
                try {
                    readFloats(r, scratch);
                } catch (IOException e) {
                    abort(e.getMessage()); // the other ranks learn the cause instead of timing out
                    throw e;
                }
                for (int k = 0; k < values.length; k++) {
                    values[k] += scratch[k];
                }
            }
            for (int r = 1; r < size; r++) {
                writeFloats(r, values);
            }
        } else {
            writeFloats(0, values);
            readFloats(0, values);
        }
    }

    private void writeFloats(int peer, float[] v) throws IOException {
        byte[] b = buffer(v.length);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(v);
        try {
            out[peer].writeInt(v.length);
            out[peer].write(b, 0, 4 * v.length);
            out[peer].flush();
        } catch (IOException e) {
            throw new IOException("All-reduce rank " + rank + ": sending to rank " + peer + " failed (" + e
                    + "); the peer task died.", e);
        }
    }

    /**
     * Tells the peers this rank failed, with the reason, before the task gives up: their next (or current) read
     * then fails with "rank R failed: reason", so whichever task Spark reports first names the real cause. Best
     * effort: a peer already gone is skipped.
     */
    public void abort(String reason) {
        String text = reason == null ? "unknown error" : reason;
        for (int r = 0; r < size; r++) {
            if (out[r] != null) {
                try {
                    out[r].writeInt(ABORT);
                    out[r].writeUTF(text.length() > 8000 ? text.substring(0, 8000) : text);
                    out[r].flush();
                } catch (IOException ignored) {
                    // the peer is gone already; its own failure reaches the driver
                }
            }
        }
    }

    private void readFloats(int peer, float[] v) throws IOException {
        int n = readInt(peer);
        if (n == ABORT) {
            String reason;
            try {
                reason = in[peer].readUTF();
            } catch (IOException e) {
                reason = "(no reason received: " + e + ")";
            }
            throw new IOException("All-reduce rank " + rank + ": stopped because " + reason);
        }
        if (n != v.length) {
            throw new IOException("All-reduce rank " + rank + ": rank " + peer + " sent " + n + " values, expected "
                    + v.length + " (the replicas' models differ).");
        }
        byte[] b = buffer(n);
        try {
            in[peer].readFully(b, 0, 4 * n);
        } catch (IOException e) {
            throw failure(peer, e);
        }
        ByteBuffer.wrap(b, 0, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    }

    private int readInt(int peer) throws IOException {
        try {
            return in[peer].readInt();
        } catch (IOException e) {
            throw failure(peer, e);
        }
    }

    private IOException failure(int peer, IOException e) {
        String what = e instanceof SocketTimeoutException ? "sent nothing for " + timeoutMs + " ms"
                : "closed the connection (" + e + ")";
        return new IOException("All-reduce rank " + rank + ": rank " + peer + " " + what
                + "; the peer task died or stalled, so this task fails the barrier stage.", e);
    }

    private byte[] buffer(int floats) {
        if (bytes.length < 4 * floats) {
            bytes = new byte[4 * floats];
        }
        return bytes;
    }

    @Override
    public void close() throws IOException {
        List<IOException> errors = new ArrayList<>();
        for (Socket s : peers) {
            if (s != null) {
                try {
                    s.close();
                } catch (IOException e) {
                    errors.add(e);
                }
            }
        }
        server.close();
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }
}
