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
    private final int epoch;
    private final int attempt;
    private final boolean validation;

    ReplicaEpoch(ModelBroadcast model, TrainSpec spec, int epoch, int attempt, boolean validation) {
        this.model = model;
        this.spec = spec;
        this.epoch = epoch;
        this.attempt = attempt;
        this.validation = validation;
    }

    @Override
    public Iterator<EpochResult> apply(Iterator<Tuple2<Long, Row>> partition) {
        long start = System.nanoTime();
        BarrierTaskContext ctx = BarrierTaskContext.get();
        int rank = ctx.partitionId();
        List<Tuple2<Long, Row>> rows = new ArrayList<>();
        List<Tuple2<Long, Row>> held = new ArrayList<>();
        for (Tuple2<Long, Row> t : CollectionConverters.asJava(partition.toSeq())) {
            (t._1() >= 0 ? rows : held).add(t);
        }
        rows.sort(Comparator.comparingLong(Tuple2::_1));
        held.sort(Comparator.comparingLong(t -> -t._1()));
        List<Row> plain = new ArrayList<>(rows.size());
        rows.forEach(t -> plain.add(t._2()));
        List<Row> val = new ArrayList<>(held.size());
        held.forEach(t -> val.add(t._2()));
        try {
            ServerSocket server = AllReduce.listen(AllReduce.bindHost(ctx));
            String[] addresses = ctx.allGather(AllReduce.address(server));
            try (AllReduce ar = AllReduce.join(rank, addresses, server, spec.secret(), spec.timeoutMillis())) {
                Model m = model.load(true);
                long[] times = new long[2];
                double[] trainState;
                double[] valState = null;
                try {
                    resolveMetrics(m);
                    trainState = train(m, rank, rows, plain, ar, times);
                    if (validation) {
                        valState = evaluate(m, val);
                    }
                } catch (RuntimeException e) {
                    ar.abort("rank " + rank + " failed: " + e);
                    throw e;
                }
                byte[] bytes = rank == 0 ? saveWeights(m) : null;
                long ms = (System.nanoTime() - start) / 1_000_000;
                return CollectionConverters.asScala(List.of(new EpochResult(rank, trainState, valState, plain.size(),
                        ms, times[0] / 1_000_000, times[1] / 1_000_000, bytes)).iterator());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("jkeras-spark replica " + rank + ": " + e.getMessage(), e);
        }
    }

    /** Resolves and names the compiled metrics with the sample row (then forgets it), as on the driver. */
    private void resolveMetrics(Model m) {
        List<Row> one = List.of(spec.sample());
        GradientSteps.testStep(m, spec.inputs(one, 0, 1), spec.targets(one, 0, 1));
        GradientSteps.resetMetrics(m);
    }

    /** The loss-tracker and metric state over this replica's validation rows, in chunks of the per-worker batch. */
    private double[] evaluate(Model m, List<Row> val) {
        GradientSteps.resetMetrics(m);
        for (int p = 0; p < val.size(); p += spec.batchSize()) {
            int q = Math.min(val.size(), p + spec.batchSize());
            GradientSteps.testStep(m, spec.inputs(val, p, q), spec.targets(val, p, q));
        }
        return GradientSteps.metricState(m);
    }

    private double[] train(Model m, int rank, List<Tuple2<Long, Row>> rows, List<Row> plain, AllReduce ar,
            long[] times) throws IOException {
        int sizes = 0;
        int weights = m.trainableWeights().size();
        int[] offsets = new int[weights + 1];
        for (int i = 0; i < weights; i++) {
            offsets[i] = sizes;
            sizes += m.trainableWeights().get(i).value().size();
        }
        offsets[weights] = sizes;
        float[] buf = new float[sizes + 1];
        float[][] grads = new float[weights][];
        for (int i = 0; i < weights; i++) {
            grads[i] = new float[offsets[i + 1] - offsets[i]];
        }
        long global = (long) spec.workers() * spec.batchSize();
        long steps = (spec.totalRows() + global - 1) / global;
        int[] fail = spec.failForTest();
        boolean failHere = fail != null && attempt == 0 && fail[0] == epoch && fail[1] == rank;
        GradientSteps.resetMetrics(m);
        int p = 0;
        for (long s = 0; s < steps; s++) {
            if (failHere && s == steps / 2) {
                if (fail[2] == 1) {
                    System.err.println("jkeras-spark test hook: rank " + rank + " exits its JVM in epoch " + epoch);
                    Runtime.getRuntime().halt(1); // a killed executor, mid-epoch
                }
                throw new IllegalStateException("jkeras-spark test hook: rank " + rank + " fails in epoch " + epoch
                        + ", step " + s + " (attempt " + attempt + ")");
            }
            int q = p;
            while (q < rows.size() && rows.get(q)._1() / global == s) {
                q++;
            }
            java.util.Arrays.fill(buf, 0f);
            long t0 = System.nanoTime();
            if (q > p) {
                GradientSteps.Result r = GradientSteps.computeGradients(m, spec.inputs(plain, p, q),
                        spec.targets(plain, p, q), true);
                float n = r.rows();
                for (int i = 0; i < weights; i++) {
                    float[] g = r.gradients()[i];
                    for (int k = 0; k < g.length; k++) {
                        buf[offsets[i] + k] = n * g[k];
                    }
                }
                buf[sizes] = n;
            }
            long t1 = System.nanoTime();
            ar.sum(buf);
            times[0] += t1 - t0;
            times[1] += System.nanoTime() - t1;
            float total = buf[sizes];
            float inv = 1f / total;
            for (int i = 0; i < weights; i++) {
                float[] g = grads[i];
                for (int k = 0; k < g.length; k++) {
                    g[k] = buf[offsets[i] + k] * inv;
                }
            }
            GradientSteps.applyGradients(m, grads);
            p = q;
        }
        if (p != rows.size()) {
            throw new IllegalStateException("jkeras-spark replica " + rank + ": " + (rows.size() - p) + " rows were "
                    + "not in any step (row indices beyond " + spec.totalRows() + ").");
        }
        return GradientSteps.metricState(m);
    }

    private static byte[] saveWeights(Model m) throws IOException {
        Path dir = Files.createTempDirectory("jkeras-spark-");
        Path file = dir.resolve("model.weights.h5");
        try {
            m.saveWeights(file);
            return Files.readAllBytes(file);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
