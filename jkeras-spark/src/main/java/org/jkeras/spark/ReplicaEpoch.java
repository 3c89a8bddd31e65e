package org.jkeras.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.sql.Row;
import org.jkeras.models.Model;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.GradientSteps;
import scala.Tuple2;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * One epoch of one replica in {@link SparkTrainer}'s barrier stage. The task loads the epoch's model bytes, joins
 * the {@link AllReduce} (addresses from {@code BarrierTaskContext.allGather}), and for every global batch {@code s}
 * computes the gradients of its shard (the rows with index in {@code [s·G + rank·B, s·G + (rank+1)·B)}, G = N·B),
 * scales them by its rows, sums them with the other replicas, divides by the global batch's rows (so the sum is the
 * full batch's mean gradient) and applies them: the same update on every replica.
 *
 * <pre>{@code
 * rdd.rdd().barrier().mapPartitions(new ReplicaEpoch(shipped, spec), false, tag);
 * }</pre>
 */
final class ReplicaEpoch extends AbstractFunction1<Iterator<Tuple2<Long, Row>>, Iterator<EpochResult>>
        implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ModelBroadcast model;
    private final TrainSpec spec;

    ReplicaEpoch(ModelBroadcast model, TrainSpec spec) {
        this.model = model;
        this.spec = spec;
    }

    @Override
    public Iterator<EpochResult> apply(Iterator<Tuple2<Long, Row>> partition) {
        long start = System.nanoTime();
        BarrierTaskContext ctx = BarrierTaskContext.get();
        int rank = ctx.partitionId();
        List<Tuple2<Long, Row>> rows = new ArrayList<>(CollectionConverters.asJava(partition.toSeq()));
        rows.sort(Comparator.comparingLong(Tuple2::_1));
        List<Row> plain = new ArrayList<>(rows.size());
        rows.forEach(t -> plain.add(t._2()));
        try {
            ServerSocket server = AllReduce.listen();
            String[] addresses = ctx.allGather(AllReduce.address(server));
            try (AllReduce ar = AllReduce.join(rank, addresses, server, spec.secret(), spec.timeoutMillis())) {
                Model m = model.load(true);
                double[] sums;
                try {
                    sums = train(m, rank, rows, plain, ar);
                } catch (RuntimeException e) {
                    ar.abort("rank " + rank + " failed: " + e);
                    throw e;
                }
                byte[] bytes = rank == 0 ? save(m) : null;
                long ms = (System.nanoTime() - start) / 1_000_000;
                return CollectionConverters.asScala(
                        List.of(new EpochResult(rank, sums[0], sums[1], plain.size(), ms, bytes)).iterator());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("jkeras-spark replica " + rank + ": " + e.getMessage(), e);
        }
    }

    private double[] train(Model m, int rank, List<Tuple2<Long, Row>> rows, List<Row> plain, AllReduce ar)
            throws IOException {
        int sizes = 0;
        int weights = m.trainableWeights().size();
        int[] offsets = new int[weights + 1];
        for (int i = 0; i < weights; i++) {
            offsets[i] = sizes;
            sizes += m.trainableWeights().get(i).value().size();
        }
        offsets[weights] = sizes;
        float[] buf = new float[sizes + 2];
        float[][] grads = new float[weights][];
        for (int i = 0; i < weights; i++) {
            grads[i] = new float[offsets[i + 1] - offsets[i]];
        }
        long global = (long) spec.workers() * spec.batchSize();
        long steps = (spec.totalRows() + global - 1) / global;
        double lossSum = 0;
        double rowSum = 0;
        int p = 0;
        for (long s = 0; s < steps; s++) {
            int q = p;
            while (q < rows.size() && rows.get(q)._1() / global == s) {
                q++;
            }
            java.util.Arrays.fill(buf, 0f);
            if (q > p) {
                GradientSteps.Result r = GradientSteps.computeGradients(m, spec.inputs(plain, p, q),
                        spec.targets(plain, p, q));
                float n = r.rows();
                for (int i = 0; i < weights; i++) {
                    float[] g = r.gradients()[i];
                    for (int k = 0; k < g.length; k++) {
                        buf[offsets[i] + k] = n * g[k];
                    }
                }
                buf[sizes] = (float) (n * r.loss());
                buf[sizes + 1] = n;
            }
            ar.sum(buf);
            float total = buf[sizes + 1];
            float inv = 1f / total;
            for (int i = 0; i < weights; i++) {
                float[] g = grads[i];
                for (int k = 0; k < g.length; k++) {
                    g[k] = buf[offsets[i] + k] * inv;
                }
            }
            GradientSteps.applyGradients(m, grads);
            lossSum += buf[sizes];
            rowSum += total;
            p = q;
        }
        if (p != rows.size()) {
            throw new IllegalStateException("jkeras-spark replica " + rank + ": " + (rows.size() - p) + " rows were "
                    + "not in any step (row indices beyond " + spec.totalRows() + ").");
        }
        return new double[] {lossSum, rowSum};
    }

    private static byte[] save(Model m) throws IOException {
        Path dir = Files.createTempDirectory("jkeras-spark-");
        Path file = dir.resolve("model.keras");
        try {
            m.save(file);
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
