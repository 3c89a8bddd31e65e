package org.jkeras.callbacks;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.Adam;

/**
 * The child JVM of {@link BackupAndRestoreTest}: fits with BackupAndRestore and a ModelCheckpoint saving after
 * every batch, prints {@code KILL-ME} in the middle of epoch index 2 and then keeps training slowly, saving, until
 * the parent kills it with SIGKILL.
 */
public final class BackupChild {
    private BackupChild() {}

    public static void main(String[] args) throws Exception {
        Path backup = Paths.get(args[0]);
        Path checkpoint = Paths.get(args[1]);
        Sequential m = CallbackFixtures.model(new Adam(0.05));
        Callback signal = new Callback() {
            @Override
            public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
                if (params() != null && model() != null) {
                    int epoch = BackupAndRestoreTest.EPOCH_OF.get();
                    if (epoch == 2 && batch == 1) {
                        System.out.println("KILL-ME");
                        System.out.flush();
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            }
        };
        m.fit(CallbackFixtures.DATA.get("x"), CallbackFixtures.DATA.get("y"), BackupAndRestoreTest.options(6,
                new BackupAndRestore(backup), new ModelCheckpoint(checkpoint.toString()).saveFreq(1),
                BackupAndRestoreTest.epochTracker(), signal));
        System.out.println("FINISHED");
    }
}
