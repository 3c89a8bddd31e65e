package org.jkeras.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Adapters that turn the usual Java sources of batches into a generator, which in jkeras is an
 * {@code Iterator<Batch>} (Keras's Python generator). A generator is read by exactly one thread, so it need not
 * be thread-safe; for parallel loading use a {@link Sequence}.
 *
 * <pre>{@code
 * Iterator<Batch> a = Generators.of(List.of(b1, b2, b3));              // an Iterable
 * Iterator<Batch> b = Generators.of(Files.lines(p).map(MyParser::batch)); // a Stream, closed at the end
 * Iterator<Batch> c = Generators.of(() -> randomBatch());             // endless Supplier (null ends it)
 * try (BatchStream s = BatchStreams.forGenerator(c, 10, 1)) { ... }
 * }</pre>
 */
public final class Generators {
    private Generators() {
    }

    /** The iterator itself (checked for null): a generator is already an {@code Iterator<Batch>}. */
    public static Iterator<Batch> of(Iterator<Batch> iterator) {
        return Objects.requireNonNull(iterator, "generator iterator is null; pass an Iterator<Batch>");
    }

    /** One pass over {@code iterable} ({@code iterable.iterator()} is called once, now). */
    public static Iterator<Batch> of(Iterable<Batch> iterable) {
        Objects.requireNonNull(iterable, "iterable is null; pass an Iterable<Batch> such as a List<Batch>");
        return iterable.iterator();
    }

    /**
     * The elements of {@code stream}, read lazily; the stream is closed when it is exhausted or when the
     * {@link BatchStream} reading it is closed (the returned iterator is {@link AutoCloseable}).
     */
    public static Iterator<Batch> of(Stream<Batch> stream) {
        Objects.requireNonNull(stream, "stream is null; pass a Stream<Batch>");
        return new StreamIterator(stream);
    }

    /**
     * An endless generator calling {@code supplier.get()} once per batch; a {@code null} result ends it (the
     * Java spelling of a Python generator that returns).
     */
    public static Iterator<Batch> of(Supplier<Batch> supplier) {
        Objects.requireNonNull(supplier, "supplier is null; pass a Supplier<Batch>");
        return new Iterator<>() {
            private Batch next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    next = supplier.get();
                    done = next == null;
                }
                return !done;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("The supplier returned null, which ends the generator.");
                }
                Batch b = next;
                next = null;
                return b;
            }
        };
    }

    private static final class StreamIterator implements Iterator<Batch>, AutoCloseable {
        private final Stream<Batch> stream;
        private final Iterator<Batch> it;
        private boolean closed;

        StreamIterator(Stream<Batch> stream) {
            this.stream = stream;
            this.it = stream.iterator();
        }

        @Override
        public boolean hasNext() {
            if (closed) {
                return false;
            }
            boolean more = it.hasNext();
            if (!more) {
                close();
            }
            return more;
        }

        @Override
        public Batch next() {
            if (closed) {
                throw new NoSuchElementException("The stream was closed.");
            }
            return it.next();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                stream.close();
            }
        }
    }
}
