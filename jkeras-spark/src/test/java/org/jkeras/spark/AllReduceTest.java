package org.jkeras.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AllReduceTest {
    private static final byte[] SECRET = "the job's secret, 32 bytes long!".getBytes();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    private static String[] addresses(ServerSocket... servers) {
        String[] a = new String[servers.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = AllReduce.address(servers[i]);
        }
        return a;
    }

    @Test
    void everyRankGetsTheSameSumEveryStep() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            int n = 3;
            ServerSocket[] servers = new ServerSocket[n];
            for (int i = 0; i < n; i++) {
                servers[i] = AllReduce.listen();
            }
            String[] addr = addresses(servers);
            List<Future<float[][]>> results = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                int rank = r;
                results.add(pool.submit(() -> {
                    try (AllReduce ar = AllReduce.join(rank, addr, servers[rank], SECRET, 10_000)) {
                        float[][] steps = new float[2][];
                        for (int s = 0; s < 2; s++) {
                            float[] v = {rank + 1, 10 * rank + s, 0.5f};
                            ar.sum(v);
                            steps[s] = v;
                        }
                        return steps;
                    }
                }));
            }
            for (Future<float[][]> f : results) {
                float[][] steps = f.get();
                assertArrayEquals(new float[] {6, 30, 1.5f}, steps[0]); // 1+2+3, 0+10+20, 3 x 0.5
                assertArrayEquals(new float[] {6, 33, 1.5f}, steps[1]);
            }
        });
    }

    @Test
    void aConnectionWithoutTheSecretIsRefusedAndTheRealPeerStillJoins() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ServerSocket s0 = AllReduce.listen();
            ServerSocket s1 = AllReduce.listen();
            String[] addr = addresses(s0, s1);
            Future<AllReduce> root = pool.submit(() -> AllReduce.join(0, addr, s0, SECRET, 10_000));
            try (Socket stranger = new Socket("127.0.0.1", s0.getLocalPort())) {
                DataOutputStream out = new DataOutputStream(stranger.getOutputStream());
                out.writeInt(0x6A6B4152);
                out.writeInt(SECRET.length);
                out.write("not the job's secret, 32 bytes!!".getBytes());
                out.writeInt(1);
                out.flush();
                assertEquals(-1, stranger.getInputStream().read(), "the root closes a connection with a wrong secret");
            }
            Future<float[]> peer = pool.submit(() -> {
                try (AllReduce ar = AllReduce.join(1, addr, s1, SECRET, 10_000)) {
                    float[] v = {2};
                    ar.sum(v);
                    return v;
                }
            });
            try (AllReduce ar = root.get()) {
                assertEquals(1, ar.refusedConnections());
                float[] v = {1};
                ar.sum(v);
                assertArrayEquals(new float[] {3}, v);
            }
            assertArrayEquals(new float[] {3}, peer.get());
        });
    }

    @Test
    void aPeerThatDiesFailsTheRootNamingItNeverAHang() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ServerSocket s0 = AllReduce.listen();
            ServerSocket s1 = AllReduce.listen();
            String[] addr = addresses(s0, s1);
            Future<AllReduce> root = pool.submit(() -> AllReduce.join(0, addr, s0, SECRET, 10_000));
            AllReduce dying = AllReduce.join(1, addr, s1, SECRET, 10_000);
            dying.close(); // the peer's task dies after the handshake
            try (AllReduce ar = root.get()) {
                IOException e = assertThrows(IOException.class, () -> ar.sum(new float[] {1}));
                assertTrue(e.getMessage().contains("rank 1 closed the connection"), e.getMessage());
            }
        });
    }

    @Test
    void aFailingRankTellsItsPeersTheCause() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ServerSocket[] servers = {AllReduce.listen(), AllReduce.listen(), AllReduce.listen()};
            String[] addr = addresses(servers);
            Future<AllReduce> root = pool.submit(() -> AllReduce.join(0, addr, servers[0], SECRET, 10_000));
            Future<AllReduce> two = pool.submit(() -> AllReduce.join(2, addr, servers[2], SECRET, 10_000));
            try (AllReduce one = AllReduce.join(1, addr, servers[1], SECRET, 10_000); AllReduce r0 = root.get();
                    AllReduce r2 = two.get()) {
                one.abort("rank 1 failed: bad row");
                Future<IOException> atTwo = pool.submit(() -> assertThrows(IOException.class,
                        () -> r2.sum(new float[] {1})));
                IOException atRoot = assertThrows(IOException.class, () -> r0.sum(new float[] {1}));
                assertTrue(atRoot.getMessage().contains("stopped because rank 1 failed: bad row"),
                        atRoot.getMessage());
                assertTrue(atTwo.get().getMessage().contains("rank 1 failed: bad row"), atTwo.get().getMessage());
            }
        });
    }

    @Test
    void aSilentPeerOrAMissingOneTimesOut() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            ServerSocket s0 = AllReduce.listen();
            ServerSocket s1 = AllReduce.listen();
            String[] addr = addresses(s0, s1);
            Future<AllReduce> root = pool.submit(() -> AllReduce.join(0, addr, s0, SECRET, 300));
            try (AllReduce silent = AllReduce.join(1, addr, s1, SECRET, 300); AllReduce ar = root.get()) {
                IOException e = assertThrows(IOException.class, () -> ar.sum(new float[] {1}));
                assertTrue(e.getMessage().contains("rank 1 sent nothing for 300 ms"), e.getMessage());
            }
            ServerSocket alone = AllReduce.listen();
            IOException missing = assertThrows(IOException.class,
                    () -> AllReduce.join(0, addresses(alone, s1), alone, SECRET, 200));
            assertTrue(missing.getMessage().contains("only 0 of 1 peers connected within 200 ms"),
                    missing.getMessage());
        });
    }
}
