package org.jkeras.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recycles the temporary arrays of a training step. The training loop {@link #enter enters} its workspace around
 * each step; kernels take their outputs from {@link #floats} / {@link #tensor}; when the step {@link #exit exits},
 * every array handed out becomes free for the next step. After a few steps no memory is allocated (or zeroed,
 * or first-touched) per step at all. Outside an entered workspace the same calls simply allocate, so kernels
 * behave identically in user code.
 *
 * <p>Only code that does not keep its results past the step may run inside: the training loop consumes
 * predictions, losses and gradients before it exits.
 *
 * <pre>{@code
 * Workspace ws = new Workspace();
 * ws.enter();
 * try { trainOneBatch(); } finally { ws.exit(); }
 * }</pre>
 */
public final class Workspace {
    private static final ThreadLocal<Workspace> ACTIVE = new ThreadLocal<>();

    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final List<float[]> lent = new ArrayList<>();
    private Workspace outer;

    /** Makes this workspace the source of temporaries on the current thread. */
    public void enter() {
        outer = ACTIVE.get();
        ACTIVE.set(this);
    }

    /** Returns every array lent since {@link #enter} to the free lists and stops lending. */
    public void exit() {
        for (float[] a : lent) {
            free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
        }
        lent.clear();
        if (outer != null) {
            ACTIVE.set(outer);
        } else {
            ACTIVE.remove();
        }
        outer = null;
    }

    /** An array of {@code n} floats with unspecified contents (callers overwrite every element). */
    public static float[] floats(int n) {
        Workspace w = ACTIVE.get();
        if (w == null) {
            return new float[n];
        }
        ArrayDeque<float[]> q = w.free.get(n);
        float[] a = q == null || q.isEmpty() ? new float[n] : q.pop();
        w.lent.add(a);
        return a;
    }

    /** An array of {@code n} zeros. */
    public static float[] zeros(int n) {
        Workspace w = ACTIVE.get();
        if (w == null) {
            return new float[n];
        }
        float[] a = floats(n);
        java.util.Arrays.fill(a, 0f);
        return a;
    }

    /** A tensor of {@code shape} with unspecified contents, from the active workspace if any. */
    public static Tensor tensor(int... shape) {
        return Tensor.of(floats(Shapes.size(shape)), shape);
    }
}
