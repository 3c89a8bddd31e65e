package org.jkeras.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

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

    /** Free arrays by length: a step uses a few dozen distinct lengths, so a linear scan of ints beats boxing keys. */
    private int[] freeSizes = new int[16];
    @SuppressWarnings("unchecked")
    private ArrayDeque<float[]>[] freeLists = new ArrayDeque[16];
    private int sizes;
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
            freeList(a.length, true).push(a);
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
        ArrayDeque<float[]> q = w.freeList(n, false);
        float[] a = q == null || q.isEmpty() ? new float[n] : q.pop();
        w.lent.add(a);
        return a;
    }

    /** The free list for arrays of length {@code n}; null when there is none and {@code create} is false. */
    private ArrayDeque<float[]> freeList(int n, boolean create) {
        for (int i = 0; i < sizes; i++) {
            if (freeSizes[i] == n) {
                return freeLists[i];
            }
        }
        if (!create) {
            return null;
        }
        if (sizes == freeSizes.length) {
            freeSizes = java.util.Arrays.copyOf(freeSizes, sizes * 2);
            freeLists = java.util.Arrays.copyOf(freeLists, sizes * 2);
        }
        freeSizes[sizes] = n;
        freeLists[sizes] = new ArrayDeque<>();
        return freeLists[sizes++];
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
