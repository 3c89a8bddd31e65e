package org.jkeras.layers.attention;

import java.util.Arrays;
import org.jkeras.tensor.Tensor;

/**
 * The boolean (0/1) masks of the attention layers, {@code [B or 1, Tq, Tv]}: Keras's causal mask
 * ({@code row >= column}), query/value masks turned into a score mask and combined with an explicit attention mask
 * (logical and), each shape checked with a message naming the layer, the mask and the shapes.
 *
 * <pre>{@code
 * Tensor m = AttentionMasks.combine("mha", 2, 5, 7, queryMask, valueMask, null, attentionMask, true);
 * }</pre>
 */
public final class AttentionMasks {
    private AttentionMasks() {}

    /** Keras's {@code _compute_causal_mask}: {@code [1, tq, tv]} with 1 where {@code i >= j}. */
    public static Tensor causal(int tq, int tv) {
        float[] m = new float[tq * tv];
        for (int i = 0; i < tq; i++) {
            for (int j = 0; j <= Math.min(i, tv - 1); j++) {
                m[i * tv + j] = 1f;
            }
        }
        return Tensor.of(m, 1, tq, tv);
    }

    /**
     * The combined score mask {@code [b, tq, tv]} (or {@code [1, tq, tv]} for the causal mask alone), or null when no
     * mask applies. {@code queryMask} {@code [b, tq]}, {@code valueMask}/{@code keyMask} {@code [b, tv]},
     * {@code attentionMask} {@code [b or 1, tq, tv]} or {@code [tq, tv]}; any may be null.
     */
    public static Tensor combine(String layer, int b, int tq, int tv, Tensor queryMask, Tensor valueMask, Tensor keyMask,
            Tensor attentionMask, boolean causal) {
        float[] out = null;
        int outBatch = 1;
        if (queryMask != null) {
            check(layer, "query_mask", queryMask, b, tq);
            out = new float[b * tq * tv];
            outBatch = b;
            float[] q = queryMask.toArray();
            for (int n = 0; n < b; n++) {
                for (int i = 0; i < tq; i++) {
                    Arrays.fill(out, (n * tq + i) * tv, (n * tq + i + 1) * tv, q[n * tq + i] > 0.5f ? 1f : 0f);
                }
            }
        }
        for (Tensor vm : new Tensor[] {valueMask, keyMask}) {
            if (vm == null) {
                continue;
            }
            check(layer, vm == valueMask ? "value_mask" : "key_mask", vm, b, tv);
            out = expand(out, outBatch, b, tq, tv);
            outBatch = b;
            float[] v = vm.toArray();
            for (int n = 0; n < b; n++) {
                for (int i = 0; i < tq; i++) {
                    for (int j = 0; j < tv; j++) {
                        if (v[n * tv + j] <= 0.5f) {
                            out[(n * tq + i) * tv + j] = 0f;
                        }
                    }
                }
            }
        }
        if (causal) {
            out = expand(out, outBatch, outBatch, tq, tv);
            for (int n = 0; n < outBatch; n++) {
                for (int i = 0; i < tq; i++) {
                    for (int j = i + 1; j < tv; j++) {
                        out[(n * tq + i) * tv + j] = 0f;
                    }
                }
            }
        }
        if (attentionMask != null) {
            int[] s = attentionMask.shape();
            int mb = s.length == 3 ? s[0] : 1;
            if ((s.length != 3 && s.length != 2) || s[s.length - 2] != tq || s[s.length - 1] != tv || (mb != 1 && mb != b)) {
                throw new IllegalArgumentException("Layer '" + layer + "': the attention_mask must have shape [batch, "
                        + "query length, value length] = [" + b + ", " + tq + ", " + tv + "] (or a batch of 1, or no batch "
                        + "axis); received attention_mask.shape=" + Arrays.toString(s) + ".");
            }
            int nb = Math.max(mb, outBatch);
            out = expand(out, outBatch, nb, tq, tv);
            outBatch = nb;
            float[] a = attentionMask.toArray();
            int plane = tq * tv;
            for (int n = 0; n < nb; n++) {
                int src = mb == 1 ? 0 : n * plane;
                for (int p = 0; p < plane; p++) {
                    if (a[src + p] <= 0.5f) {
                        out[n * plane + p] = 0f;
                    }
                }
            }
        }
        return out == null ? null : Tensor.of(out, outBatch, tq, tv);
    }

    /** A copy of {@code m} ({@code [from, tq, tv]}, null = all ones) broadcast to {@code [to, tq, tv]}. */
    private static float[] expand(float[] m, int from, int to, int tq, int tv) {
        int plane = tq * tv;
        float[] out = new float[to * plane];
        if (m == null) {
            Arrays.fill(out, 1f);
        } else if (from == to) {
            return m;
        } else {
            for (int n = 0; n < to; n++) {
                System.arraycopy(m, 0, out, n * plane, plane);
            }
        }
        return out;
    }

    private static void check(String layer, String what, Tensor m, int b, int t) {
        int[] s = m.shape();
        if (s.length != 2 || s[0] != b || s[1] != t) {
            throw new IllegalArgumentException("Layer '" + layer + "': the " + what + " must have shape [batch, "
                    + "timesteps] = [" + b + ", " + t + "] to match its input; received " + what + ".shape="
                    + Arrays.toString(s) + ".");
        }
    }
}
