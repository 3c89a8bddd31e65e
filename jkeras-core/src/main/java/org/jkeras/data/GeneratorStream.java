package org.jkeras.data;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A generator ({@code Iterator<Batch>}) read by exactly one thread: with {@code workers = 1} a single producer thread
 * reads ahead into a queue of at most {@code maxQueueSize} batches; with {@code workers = 0} the caller reads the
 * iterator itself. Epochs do not interrupt the stream: read-ahead carries over.
 */
final class GeneratorStream implements BatchStream {
    private final Iterator<Batch> it;
    private final int maxQueueSize;
    private final boolean threaded;
    private final int id = DataThreads.nextStreamId();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Batch> queue = new ArrayDeque<>();
    private Thread producer;
    private long itemsRead;      // guarded by lock (threaded) or caller-only (direct)
    private boolean ended;
    private Throwable failureCause;
    private long failureItem = -1;
    private boolean exhausted;
    private boolean closed;
    private boolean inEpoch;
    private int epoch = -1;
    private int steps = -1;
    private int consumedThisEpoch;

    GeneratorStream(Iterator<Batch> it, int maxQueueSize, boolean threaded) {
        this.it = it;
        this.maxQueueSize = maxQueueSize;
        this.threaded = threaded;
    }

    @Override
    public void startEpoch(int epoch, int steps) {
        StreamLifecycle.checkStart(closed, inEpoch, this.epoch, epoch, steps, "unbounded");
        this.epoch = epoch;
        this.steps = steps;
        this.consumedThisEpoch = 0;
        this.inEpoch = true;
        if (threaded && producer == null) {
            producer = DataThreads.start("generator-" + id, this::produce);
        }
    }

    @Override
    public int stepsThisEpoch() {
        return steps;
    }

    @Override
    public Batch next() {
        StreamLifecycle.checkNext(closed, inEpoch);
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
        lock.lock();
        try {
            while (true) {
                if (failureCause != null) {
                    throw wrap(failureItem, failureCause);
                }
                Batch b = queue.poll();
                if (b != null) {
                    changed.signalAll();
                    return b;
                }
                if (ended) {
                    exhausted = true;
                    return null;
                }
                try {
                    changed.await(250, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DataException("Interrupted while waiting for generator item " + itemsRead
                            + " (epoch " + (epoch + 1) + ").", (int) Math.min(Integer.MAX_VALUE, itemsRead), e);
                }
                if (!producer.isAlive() && !ended && failureCause == null && queue.isEmpty()) {
                    failureCause = new IllegalStateException("the generator thread ended unexpectedly");
                    failureItem = itemsRead;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void produce() {
        while (true) {
            lock.lock();
            try {
                while (!closed && queue.size() >= maxQueueSize) {
                    try {
                        changed.await();
                    } catch (InterruptedException e) {
                        // close() interrupts; the loop condition decides
                    }
                }
                if (closed) {
                    return;
                }
            } finally {
                lock.unlock();
            }
            Batch b = null;
            Throwable error = null;
            boolean end = false;
            try {
                if (!it.hasNext()) {
                    end = true;
                } else {
                    b = it.next();
                    if (b == null) {
                        error = nullItem();
                    }
                }
            } catch (Throwable t) {
                error = t;
            }
            lock.lock();
            try {
                if (error != null) {
                    if (!closed) {
                        failureCause = error;
                        failureItem = itemsRead;
                    }
                } else if (end) {
                    ended = true;
                } else {
                    queue.add(b);
                    itemsRead++;
                }
                changed.signalAll();
                if (error != null || end || closed) {
                    return;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public boolean exhausted() {
        return exhausted;
    }

    @Override
    public void endEpoch() {
        StreamLifecycle.checkEnd(closed, inEpoch);
        inEpoch = false;
    }

    @Override
    public void close() {
        Thread p;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            changed.signalAll();
            p = producer;
        } finally {
            lock.unlock();
        }
        if (p != null) {
            p.interrupt();
            DataThreads.join(p, 10_000);
        }
        if (it instanceof AutoCloseable) {
            try {
                ((AutoCloseable) it).close();
            } catch (Exception e) {
                // closing is best effort; the stream is finished either way
            }
        }
    }

    private DataException wrap(long item, Throwable cause) {
        int index = (int) Math.min(Integer.MAX_VALUE, item);
        return new DataException("The generator failed producing batch " + item + " (items counted from 0 since the "
                + "stream started; epoch " + (epoch + 1) + "): " + cause, index, cause);
    }

    private static Throwable nullItem() {
        return new NullPointerException("The generator returned a null batch; yield Batch objects (Batch.of(x, y)), "
                + "and end a generator with hasNext() = false.");
    }
}
