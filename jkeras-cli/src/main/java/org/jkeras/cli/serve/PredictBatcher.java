package org.jkeras.cli.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.jkeras.models.Model;
import org.jkeras.tensor.Tensor;

/**
 * The queue in front of one model's {@code predict}: requests wait in a bounded queue (a full queue refuses at
 * once: the server answers 503), and one worker thread takes every waiting request up to {@code maxBatch}
 * instances, runs them as one batch ({@code predict_on_batch}) and hands each request its rows. Under load requests
 * are batched together; alone, a request runs at once (no waiting for company). {@link #close} finishes the queued
 * work and ends the thread.
 *
 * <pre>{@code
 * PredictBatcher b = new PredictBatcher("mlp", model, 64, 256);
 * CompletableFuture<List<Tensor>> outputs = b.submit(List.of(x));   // null when the queue is full
 * b.close();
 * }</pre>
 */
final class PredictBatcher implements AutoCloseable {
    private static final Job STOP = new Job(List.of(), 0);
    private final Model model;
    private final int maxBatch;
    private final ArrayBlockingQueue<Job> queue;
    private final Thread worker;
    private volatile boolean closed;

    private static final class Job {
        final List<Tensor> inputs;
        final int rows;
        final CompletableFuture<List<Tensor>> result = new CompletableFuture<>();

        Job(List<Tensor> inputs, int rows) {
            this.inputs = inputs;
            this.rows = rows;
        }
    }

    PredictBatcher(String name, Model model, int maxBatch, int queueSize) {
        this.model = model;
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueSize + 1); // +1: room for STOP
        this.worker = new Thread(this::run, "jkeras-serve-" + name);
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues a request (inputs in model order); null when the queue is full or the batcher is closing. */
    CompletableFuture<List<Tensor>> submit(List<Tensor> inputs) {
        if (closed) {
            return null;
        }
        Job j = new Job(inputs, inputs.get(0).dim(0));
        return queue.remainingCapacity() > 1 && queue.offer(j) ? j.result : null;
    }

    private void run() {
        List<Job> group = new ArrayList<>();
        Job carried = null;
        while (true) {
            Job first;
            try {
                first = carried != null ? carried : queue.take();
            } catch (InterruptedException e) {
                failAll(new IllegalStateException("the server is shutting down"));
                return;
            }
            carried = null;
            if (first == STOP) {
                return;
            }
            group.clear();
            group.add(first);
            int rows = first.rows;
            Job next;
            while (rows < maxBatch && (next = queue.peek()) != null && next != STOP && rows + next.rows <= maxBatch) {
                group.add(queue.poll());
                rows += next.rows;
            }
            runGroup(group, rows);
        }
    }

    private void runGroup(List<Job> group, int rows) {
        try {
            List<Tensor> outputs = predict(group.size() == 1 ? group.get(0).inputs : concat(group, rows));
            int at = 0;
            for (Job j : group) {
                List<Tensor> mine = new ArrayList<>();
                for (Tensor o : outputs) {
                    mine.add(slice(o, at, j.rows)); // a copy: the model may reuse its output buffers
                }
                at += j.rows;
                j.result.complete(mine);
            }
        } catch (RuntimeException | Error e) {
            for (Job j : group) {
                j.result.completeExceptionally(e);
            }
        }
    }

    private List<Tensor> predict(List<Tensor> inputs) {
        Object out = model.predictOnBatch(inputs.size() == 1 ? inputs.get(0) : inputs);
        List<Tensor> list = new ArrayList<>();
        if (out instanceof Tensor) {
            list.add((Tensor) out);
        } else if (out instanceof java.util.Map) {
            for (String n : model.outputNames()) {
                list.add((Tensor) ((java.util.Map<?, ?>) out).get(n));
            }
        } else {
            for (Object o : (List<?>) out) {
                list.add((Tensor) o);
            }
        }
        return list;
    }

    private static List<Tensor> concat(List<Job> group, int rows) {
        List<Tensor> out = new ArrayList<>();
        int inputs = group.get(0).inputs.size();
        for (int i = 0; i < inputs; i++) {
            int[] shape = group.get(0).inputs.get(i).shape();
            int per = group.get(0).inputs.get(i).size() / shape[0];
            float[] data = new float[rows * per];
            int at = 0;
            for (Job j : group) {
                Tensor t = j.inputs.get(i);
                System.arraycopy(t.buffer(), t.offset(), data, at, t.size());
                at += t.size();
            }
            shape[0] = rows;
            out.add(Tensor.of(data, shape));
        }
        return out;
    }

    private static Tensor slice(Tensor t, int from, int count) {
        int[] shape = t.shape();
        int per = t.size() / shape[0];
        float[] data = new float[count * per];
        System.arraycopy(t.buffer(), t.offset() + from * per, data, 0, data.length);
        shape[0] = count;
        return Tensor.of(data, shape);
    }

    private void failAll(RuntimeException e) {
        Job j;
        while ((j = queue.poll()) != null) {
            j.result.completeExceptionally(e);
        }
    }

    /** Refuses new requests, lets the queued ones finish (up to {@code waitMillis}), and ends the worker thread. */
    void close(long waitMillis) {
        closed = true;
        queue.offer(STOP);
        try {
            worker.join(waitMillis);
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failAll(new IllegalStateException("the server is shutting down"));
    }

    @Override
    public void close() {
        close(10_000);
    }

    boolean alive() {
        return worker.isAlive();
    }

}
