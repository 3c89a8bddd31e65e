package org.jkeras.data;

import java.util.Iterator;

/**
 * A generator ({@code Iterator<Batch>}) read by exactly one thread: with {@code workers = 1} a single producer thread
 * reads ahead into a queue of at most {@code maxQueueSize} batches (a {@link FetchQueue} with one slot); with
 * {@code workers = 0} the caller reads the iterator itself. Epochs do not interrupt the stream: read-ahead carries
 * over. With a batch timeout, a {@code next()} of the producer that runs longer ends the stream with an error.
 */
final class GeneratorStream implements BatchStream {
    private final Iterator<Batch> it;
    private final boolean threaded;
    private final int id = DataThreads.nextStreamId();
    private final FetchQueue queue;
    private final FetchQueue.Reporter reporter = new FetchQueue.Reporter() {
        @Override
        public DataException failed(FetchQueue.Failure f) {
            return f.timedOut ? timedOut(f.position, f.cause) : wrap(f.position, f.cause);
        }

        @Override
        public DataException interrupted(long item, InterruptedException e) {
            return new DataException("Interrupted while waiting for generator item " + item + " (epoch " + (epoch + 1)
                    + ").", itemIndex(item), e);
        }
    };
    private long itemsRead;      // direct mode only
    private boolean exhausted;
    private boolean inEpoch;
    private int epoch = -1;
    private int steps = -1;
    private int consumedThisEpoch;

    /** @param timeoutNanos longest one {@code next()} of the producer thread may run; 0 for no limit */
    GeneratorStream(Iterator<Batch> it, int maxQueueSize, boolean threaded, long timeoutNanos) {
        this.it = it;
        this.threaded = threaded;
        this.queue = new FetchQueue(threaded ? 1 : 0, maxQueueSize, timeoutNanos);
        queue.beginPass(Long.MAX_VALUE);
    }

    @Override
    public void startEpoch(int epoch, int steps) {
        StreamLifecycle.checkStart(queue.isClosed(), inEpoch, this.epoch, epoch, steps, "unbounded");
        this.epoch = epoch;
        this.steps = steps;
        this.consumedThisEpoch = 0;
        this.inEpoch = true;
        if (threaded && !queue.started()) {
            queue.start(0, "generator-" + id, this::produce);
        }
    }

    @Override
    public int stepsThisEpoch() {
        return steps;
    }

    @Override
    public Batch next() {
        StreamLifecycle.checkNext(queue.isClosed(), inEpoch);
        if (steps != -1 && consumedThisEpoch >= steps) {
            return null;
        }
        Batch b = threaded ? nextQueued() : nextDirect();
        if (b != null) {
            consumedThisEpoch++;
        }
        return b;
    }

    private Batch nextDirect() {
        if (exhausted) {
            return null;
        }
        long item = itemsRead;
        Batch b;
        try {
            if (!it.hasNext()) {
                exhausted = true;
                return null;
            }
            b = it.next();
        } catch (Throwable t) {
            throw wrap(item, t);
        }
        if (b == null) {
            throw wrap(item, nullItem());
        }
        itemsRead++;
        return b;
    }

    private Batch nextQueued() {
        Batch b = queue.take(reporter);
        if (b == null) {
            exhausted = true;
        }
        return b;
    }

    /** The producer: one item per claimed position, until the generator ends, fails, or the stream closes. */
    private void produce() {
        for (long pos; (pos = queue.claim(0)) >= 0; ) {
            Batch b;
            try {
                if (!it.hasNext()) {
                    queue.end(0, pos);
                    return;
                }
                b = it.next();
                if (b == null) {
                    queue.fail(0, pos, nullItem(), true);
                    return;
                }
            } catch (Throwable t) {
                queue.fail(0, pos, t, true);
                return;
            }
            if (!queue.deliver(0, pos, b)) {
                return;
            }
        }
    }

    @Override
    public boolean exhausted() {
        return exhausted;
    }

    @Override
    public void endEpoch() {
        StreamLifecycle.checkEnd(queue.isClosed(), inEpoch);
        inEpoch = false;
    }

    @Override
    public void close() {
        if (!queue.markClosed()) {
            return;
        }
        queue.stopThreads();
        if (it instanceof AutoCloseable) {
            try {
                ((AutoCloseable) it).close();
            } catch (Exception e) {
                // closing is best effort; the stream is finished either way
            }
        }
    }

    private DataException wrap(long item, Throwable cause) {
        return new DataException("The generator failed producing batch " + item + " (items counted from 0 since the "
                + "stream started; epoch " + (epoch + 1) + "): " + cause, itemIndex(item), cause);
    }

    private DataException timedOut(long item, Throwable cause) {
        return new DataException("The generator did not produce batch " + item + " (items counted from 0 since the "
                + "stream started; epoch " + (epoch + 1) + ") within the batch timeout: " + cause,
                itemIndex(item), cause);
    }

    /** The item number as a DataException's batch index (saturated at Integer.MAX_VALUE). */
    private static int itemIndex(long item) {
        return (int) Math.min(Integer.MAX_VALUE, item);
    }

    private static Throwable nullItem() {
        return new NullPointerException("The generator returned a null batch; yield Batch objects (Batch.of(x, y)), "
                + "and end a generator with hasNext() = false.");
    }
}
