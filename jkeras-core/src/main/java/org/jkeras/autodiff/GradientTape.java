package org.jkeras.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.tensor.Elementwise;
import org.jkeras.tensor.Tensor;

/**
 * Reverse-mode automatic differentiation, as Keras's {@code tf.GradientTape}: while a tape is open on a
 * thread, every op whose inputs depend on a watched tensor records itself; {@link #gradient} then replays
 * the backward rules in reverse order. The record order is a topological order, so no graph sort is needed.
 *
 * <pre>{@code
 * try (GradientTape tape = new GradientTape()) {
 *     tape.watch(w.value());
 *     Tensor loss = Ops.mean(Ops.square(Ops.matmul(x, w.value())));
 *     Tensor[] g = tape.gradient(loss, w.value());
 * }
 * }</pre>
 */
public final class GradientTape implements AutoCloseable {
    private static final ThreadLocal<GradientTape> ACTIVE = new ThreadLocal<>();

    private final GradientTape outer;
    private final IdentityHashMap<Tensor, Node> producers = new IdentityHashMap<>();
    private final IdentityHashMap<Tensor, Boolean> watched = new IdentityHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private boolean closed;

    /** One recorded op. */
    public static final class Node implements Backward.Grads {
        final String op;
        final Tensor output;
        final Tensor[] inputs;
        final boolean[] wants;
        final Backward backward;
        private IdentityHashMap<Tensor, Tensor> sink;

        Node(String op, Tensor output, Tensor[] inputs, boolean[] wants, Backward backward) {
            this.op = op;
            this.output = output;
            this.inputs = inputs;
            this.wants = wants;
            this.backward = backward;
        }

        /** The op's name, e.g. {@code "softmax"}. */
        public String op() {
            return op;
        }

        /** The op's inputs (shared, not copied). */
        public Tensor input(int i) {
            return inputs[i];
        }

        @Override
        public boolean wants(int i) {
            return wants[i];
        }

        @Override
        public void add(int i, Tensor g) {
            if (!wants[i]) {
                return;
            }
            Tensor in = inputs[i];
            if (!Arrays.equals(g.shape(), in.shape())) {
                g = g.size() == in.size() ? g.reshape(in.shape()) : Elementwise.reduceToShape(g, in.shape());
            }
            accumulate(sink, in, g);
        }
    }

    /** Opens a tape on the current thread; tapes nest (the inner one records, then hands back). */
    public GradientTape() {
        this.outer = ACTIVE.get();
        ACTIVE.set(this);
    }

    /** The tape recording on this thread, or null. */
    public static GradientTape active() {
        return ACTIVE.get();
    }

    /** Marks {@code t} as a source of gradients. */
    public void watch(Tensor t) {
        watched.put(t, Boolean.TRUE);
    }

    /** Watches every variable's value. */
    public void watch(List<Variable> variables) {
        for (Variable v : variables) {
            watched.put(v.value(), Boolean.TRUE);
        }
    }

    /** True when {@code t} is watched or produced by a recorded op. */
    public boolean isTracked(Tensor t) {
        return watched.containsKey(t) || producers.containsKey(t);
    }

    /** The recorded node that produced {@code t}, or null. */
    public Node producer(Tensor t) {
        return producers.get(t);
    }

    /**
     * Records an op if any input is tracked by the active tape. Ops call this after computing their output;
     * it is a no-op when no tape is open.
     */
    public static void record(String op, Tensor output, Tensor[] inputs, Backward backward) {
        GradientTape tape = ACTIVE.get();
        if (tape == null || tape.closed) {
            return;
        }
        boolean any = false;
        boolean[] wants = new boolean[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            wants[i] = inputs[i] != null && tape.isTracked(inputs[i]);
            any |= wants[i];
        }
        if (!any) {
            return;
        }
        Node node = new Node(op, output, inputs, wants, backward);
        tape.nodes.add(node);
        tape.producers.put(output, node);
    }

    /** Gradients of a scalar {@code target} with respect to each source (zeros when unconnected). */
    public Tensor[] gradient(Tensor target, Tensor... sources) {
        if (target.size() != 1) {
            throw new IllegalArgumentException("gradient() needs a scalar target; got shape "
                    + Arrays.toString(target.shape()) + ". Reduce the loss to one value first (e.g. Ops.mean).");
        }
        return gradient(target, Tensor.ones(target.shape()), sources);
    }

    /** Vector-Jacobian product: gradients of {@code target} weighted by {@code seed}. */
    public Tensor[] gradient(Tensor target, Tensor seed, Tensor... sources) {
        IdentityHashMap<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(target, seed);
        // Backward rules run with recording paused, so ops they use are not taped.
        GradientTape current = ACTIVE.get();
        ACTIVE.remove();
        try {
            for (int n = nodes.size() - 1; n >= 0; n--) {
                Node node = nodes.get(n);
                Tensor g = grads.get(node.output);
                if (g == null) {
                    continue;
                }
                node.sink = grads;
                node.backward.run(g, node);
                node.sink = null;
            }
        } finally {
            if (current != null) {
                ACTIVE.set(current);
            }
        }
        Tensor[] out = new Tensor[sources.length];
        for (int i = 0; i < sources.length; i++) {
            Tensor g = grads.get(sources[i]);
            out[i] = g != null ? g : Tensor.zeros(sources[i].shape());
        }
        return out;
    }

    /** Gradients for each variable, in order. */
    public Tensor[] gradient(Tensor target, List<Variable> variables) {
        Tensor[] src = new Tensor[variables.size()];
        for (int i = 0; i < src.length; i++) {
            src[i] = variables.get(i).value();
        }
        return gradient(target, src);
    }

    private static void accumulate(Map<Tensor, Tensor> grads, Tensor key, Tensor g) {
        Tensor prev = grads.get(key);
        grads.put(key, prev == null ? g : prev.add(g));
    }

    /** Stops recording and releases the recorded intermediates. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        nodes.clear();
        producers.clear();
        if (ACTIVE.get() == this) {
            if (outer != null) {
                ACTIVE.set(outer);
            } else {
                ACTIVE.remove();
            }
        }
    }
}
