package org.jkeras.ops;

import java.util.Arrays;
import org.jkeras.tensor.Gemm;

/**
 * The fused recurrent kernels of {@link RecurrentOps}: forward over all timesteps and a hand-written backward
 * (backpropagation through time) on primitive arrays. The input projection {@code x · W + b} of every timestep is one
 * GEMM; each step adds {@code h · U} by a GEMM written straight into that step's rows of the projection (ldc = T·G·u),
 * then applies the gates in place, so a step allocates nothing. Activations are kept for the backward pass, which
 * gathers the pre-activation gradients of all steps and finishes with three GEMMs ({@code dx}, {@code dW}, {@code dU}).
 *
 * <p>Kinds: {@link #SIMPLE_RNN} {@code h = a(xW + b + hU)}; {@link #LSTM} gates i, f, c, o (Keras order);
 * {@link #GRU} gates z, r, h with {@code resetAfter} choosing {@code r ⊙ (hU_h + b_rec)} or {@code (r ⊙ h) U_h}.
 * Masked steps ({@code mask[b, t] == 0}) carry the states and repeat the previous output (or output zeros).
 *
 * <pre>{@code
 * RecurrentKernel k = new RecurrentKernel(RecurrentKernel.LSTM, b, t, f, units, true, act, recAct);
 * float[] y = k.forward(x, w, u, bias, h0, c0, mask, recMask, goBackwards, zeroOutputForMask);
 * }</pre>
 */
final class RecurrentKernel {
    static final int SIMPLE_RNN = 0, LSTM = 1, GRU = 2;
    /** Activation codes: derivatives are taken from the activation's output. */
    static final int LINEAR = 0, TANH = 1, SIGMOID = 2, HARD_SIGMOID = 3, RELU = 4, HARD_SIGMOID_KERAS2 = 5;

    final int kind, batch, steps, features, units, gates;
    final boolean resetAfter;
    final int act, recAct;
    // saved by forward for backward
    private float[] x, w, u, mask, recMask;
    private boolean goBackwards, zeroOutput;
    private float[] acts;      // [B*T, G*u] gate activations (batch-major rows b*T + t)
    private float[] hRec;      // [B*T, u] the h (dropped) that entered step t's recurrent product (GRU !resetAfter: r*h)
    private float[] hPrevAll;  // [B*T, u] the undropped previous state of step t
    private float[] cPrevAll;  // [B*T, u] LSTM previous cell state
    private float[] tanhC;     // [B*T, u] LSTM a(c)
    private float[] inner;     // [B*T, u] GRU resetAfter: hU_h + b_rec_h
    private float[] hPlain;    // GRU !resetAfter: [B*T, u] the dropped h (for dU_zr)

    RecurrentKernel(int kind, int batch, int steps, int features, int units, boolean resetAfter, int act, int recAct) {
        this.kind = kind;
        this.batch = batch;
        this.steps = steps;
        this.features = features;
        this.units = units;
        this.gates = kind == LSTM ? 4 : kind == GRU ? 3 : 1;
        this.resetAfter = resetAfter;
        this.act = act;
        this.recAct = recAct;
    }

    /** Number of state slots after the T outputs in the packed result. */
    int stateSlots() {
        return kind == LSTM ? 2 : 1;
    }

    static float apply(int code, float z) {
        switch (code) {
            case TANH: return (float) Math.tanh(z);
            case SIGMOID: return (float) (1.0 / (1.0 + Math.exp(-z)));
            case HARD_SIGMOID: return Math.max(0f, Math.min(1f, z / 6f + 0.5f));
            case HARD_SIGMOID_KERAS2: return Math.max(0f, Math.min(1f, 0.2f * z + 0.5f));
            case RELU: return Math.max(0f, z);
            default: return z;
        }
    }

    /** d a / d z from the output y = a(z). */
    static float deriv(int code, float y) {
        switch (code) {
            case TANH: return 1f - y * y;
            case SIGMOID: return y * (1f - y);
            case HARD_SIGMOID: return y > 0f && y < 1f ? 1f / 6f : 0f;
            case HARD_SIGMOID_KERAS2: return y > 0f && y < 1f ? 0.2f : 0f;
            case RELU: return y > 0f ? 1f : 0f;
            default: return 1f;
        }
    }

    private int stepTime(int s) {
        return goBackwards ? steps - 1 - s : s;
    }

    /**
     * Runs all steps. Returns {@code [B, T + stateSlots, u]}: the outputs of steps 0..T-1 (in processing order), then
     * the final h (and c for LSTM). {@code bias} is {@code [G·u]}, or {@code [2, 3u]} for GRU with resetAfter; may be null.
     */
    float[] forward(float[] x, float[] w, float[] u, float[] bias, float[] h0, float[] c0, float[] mask, float[] recMask,
                    boolean goBackwards, boolean zeroOutputForMask) {
        this.x = x;
        this.w = w;
        this.u = u;
        this.mask = mask;
        this.recMask = recMask;
        this.goBackwards = goBackwards;
        this.zeroOutput = zeroOutputForMask;
        int gu = gates * units, bt = batch * steps, slots = steps + stateSlots();
        acts = new float[bt * gu];
        Gemm.sgemm(false, false, bt, gu, features, x, 0, features, w, 0, gu, acts, 0, gu, false);
        if (bias != null) {
            for (int r = 0; r < bt; r++) {
                int o = r * gu;
                for (int j = 0; j < gu; j++) {
                    acts[o + j] += bias[j];
                }
            }
        }
        hRec = new float[bt * units];
        hPrevAll = new float[bt * units];
        if (kind == LSTM) {
            cPrevAll = new float[bt * units];
            tanhC = new float[bt * units];
        }
        if (kind == GRU) {
            if (resetAfter) {
                inner = new float[bt * gu];
            } else {
                hPlain = new float[bt * units];
            }
        }
        float[] out = new float[batch * slots * units];
        float[] h = h0.clone();
        float[] c = kind == LSTM ? c0.clone() : null;
        float[] rec = new float[batch * units];
        float[] prevOut = new float[batch * units];
        int ldAct = steps * gu, ldU = steps * units;
        for (int s = 0; s < steps; s++) {
            int t = stepTime(s);
            for (int b = 0; b < batch; b++) {
                int row = (b * steps + t) * units;
                for (int j = 0; j < units; j++) {
                    float hv = h[b * units + j];
                    hPrevAll[row + j] = hv;
                    float rv = recMask == null ? hv : hv * recMask[b * units + j];
                    rec[b * units + j] = rv;
                    hRec[row + j] = rv;
                    if (kind == LSTM) {
                        cPrevAll[row + j] = c[b * units + j];
                    }
                }
            }
            int aOff = t * gu;
            if (kind == GRU && resetAfter) {
                int iOff = t * gu;
                Gemm.sgemm(false, false, batch, gu, units, rec, 0, units, u, 0, gu, inner, iOff, ldAct, false);
                if (bias != null) {
                    for (int b = 0; b < batch; b++) {
                        int o = iOff + b * ldAct;
                        for (int j = 0; j < gu; j++) {
                            inner[o + j] += bias[gu + j];
                        }
                    }
                }
            } else if (kind == GRU) {
                Gemm.sgemm(false, false, batch, 2 * units, units, rec, 0, units, u, 0, gu, acts, aOff, ldAct, true);
            } else {
                Gemm.sgemm(false, false, batch, gu, units, rec, 0, units, u, 0, gu, acts, aOff, ldAct, true);
            }
            if (kind == GRU && !resetAfter) {
                // r first, then (r ⊙ h) U_h
                for (int b = 0; b < batch; b++) {
                    int o = aOff + b * ldAct, row = (b * steps + t) * units;
                    for (int j = 0; j < units; j++) {
                        float r = apply(recAct, acts[o + units + j]);
                        acts[o + units + j] = r;
                        hPlain[row + j] = rec[b * units + j];
                        float rh = r * rec[b * units + j];
                        hRec[row + j] = rh;
                        rec[b * units + j] = rh;
                    }
                }
                Gemm.sgemm(false, false, batch, units, units, rec, 0, units, u, 2 * units, gu, acts, aOff + 2 * units,
                        ldAct, true);
            }
            for (int b = 0; b < batch; b++) {
                int o = aOff + b * ldAct, row = (b * steps + t) * units, hb = b * units;
                boolean keep = mask == null || mask[b * steps + t] != 0f;
                for (int j = 0; j < units; j++) {
                    float hn;
                    if (kind == LSTM) {
                        float i = apply(recAct, acts[o + j]);
                        float f = apply(recAct, acts[o + units + j]);
                        float g = apply(act, acts[o + 2 * units + j]);
                        float og = apply(recAct, acts[o + 3 * units + j]);
                        acts[o + j] = i;
                        acts[o + units + j] = f;
                        acts[o + 2 * units + j] = g;
                        acts[o + 3 * units + j] = og;
                        float cn = f * c[hb + j] + i * g;
                        float tc = apply(act, cn);
                        tanhC[row + j] = tc;
                        hn = og * tc;
                        if (keep) {
                            c[hb + j] = cn;
                        }
                    } else if (kind == GRU) {
                        float z = apply(recAct, acts[o + j] + (resetAfter ? inner[o + j] : 0f));
                        float r;
                        float hh;
                        if (resetAfter) {
                            r = apply(recAct, acts[o + units + j] + inner[o + units + j]);
                            hh = apply(act, acts[o + 2 * units + j] + r * inner[o + 2 * units + j]);
                        } else {
                            r = acts[o + units + j];
                            hh = apply(act, acts[o + 2 * units + j]);
                        }
                        acts[o + j] = z;
                        acts[o + units + j] = r;
                        acts[o + 2 * units + j] = hh;
                        hn = z * h[hb + j] + (1f - z) * hh;
                    } else {
                        hn = apply(act, acts[o + j]);
                        acts[o + j] = hn;
                    }
                    float ov;
                    if (keep) {
                        h[hb + j] = hn;
                        ov = hn;
                    } else {
                        ov = zeroOutput ? 0f : prevOut[hb + j];
                    }
                    prevOut[hb + j] = ov;
                    out[(b * slots + s) * units + j] = ov;
                }
            }
        }
        for (int b = 0; b < batch; b++) {
            System.arraycopy(h, b * units, out, (b * slots + steps) * units, units);
            if (kind == LSTM) {
                System.arraycopy(c, b * units, out, (b * slots + steps + 1) * units, units);
            }
        }
        return out;
    }

    /** Gradients of the last {@link #forward}, given the packed output's gradient. */
    static final class Grads {
        float[] dx, dw, du, dbias, dh0, dc0;
    }

    Grads backward(float[] dy, boolean wantBias) {
        int gu = gates * units, bt = batch * steps, slots = steps + stateSlots();
        int ldAct = steps * gu;
        float[] dp = new float[bt * gu];                       // d pre-activation of the input projection
        float[] dr = kind == GRU && resetAfter ? new float[bt * gu] : dp;   // d of the recurrent product
        float[] dh = new float[batch * units], dc = new float[batch * units], dOut = new float[batch * units];
        float[] dRec = new float[batch * units], tmp = new float[batch * units];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(dy, (b * slots + steps) * units, dh, b * units, units);
            if (kind == LSTM) {
                System.arraycopy(dy, (b * slots + steps + 1) * units, dc, b * units, units);
            }
        }
        for (int s = steps - 1; s >= 0; s--) {
            int t = stepTime(s);
            int aOff = t * gu;
            // 1. pre-activation gradients of step t (zero rows where masked)
            for (int b = 0; b < batch; b++) {
                int o = aOff + b * ldAct, row = (b * steps + t) * units, hb = b * units;
                boolean keep = mask == null || mask[b * steps + t] != 0f;
                for (int j = 0; j < units; j++) {
                    float gout = dy[(b * slots + s) * units + j] + dOut[hb + j];
                    if (!keep) {
                        dOut[hb + j] = zeroOutput ? 0f : gout;
                        tmp[hb + j] = 0f;
                        continue;
                    }
                    dOut[hb + j] = 0f;
                    float dhn = gout + dh[hb + j];
                    if (kind == LSTM) {
                        float i = acts[o + j], f = acts[o + units + j], g = acts[o + 2 * units + j];
                        float og = acts[o + 3 * units + j], tc = tanhC[row + j];
                        float dC = dc[hb + j] + dhn * og * deriv(act, tc);
                        dp[o + j] = dC * g * deriv(recAct, i);
                        dp[o + units + j] = dC * cPrevAll[row + j] * deriv(recAct, f);
                        dp[o + 2 * units + j] = dC * i * deriv(act, g);
                        dp[o + 3 * units + j] = dhn * tc * deriv(recAct, og);
                        dc[hb + j] = dC * f;
                        tmp[hb + j] = 0f;
                    } else if (kind == GRU) {
                        float z = acts[o + j], r = acts[o + units + j], hh = acts[o + 2 * units + j];
                        float dz = dhn * (hPrevAll[row + j] - hh) * deriv(recAct, z);
                        float dhh = dhn * (1f - z) * deriv(act, hh);
                        dp[o + j] = dz;
                        dp[o + 2 * units + j] = dhh;
                        if (resetAfter) {
                            float in = inner[o + 2 * units + j];
                            float drr = dhh * in * deriv(recAct, r);
                            dp[o + units + j] = drr;
                            dr[o + j] = dz;
                            dr[o + units + j] = drr;
                            dr[o + 2 * units + j] = dhh * r;
                        }
                        tmp[hb + j] = dhn * z;   // the direct path h_prev -> h
                    } else {
                        dp[o + j] = dhn * deriv(act, acts[o + j]);
                        tmp[hb + j] = 0f;
                    }
                }
            }
            // 2. through the recurrent product to the previous state
            if (kind == GRU && !resetAfter) {
                // d(r⊙h) = dz_h · U_hᵀ, then r's gradient, then dh = dz_zr · U_zrᵀ + d(r⊙h) ⊙ r
                Gemm.sgemm(false, true, batch, units, units, dp, aOff + 2 * units, ldAct, u, 2 * units, gu, dRec, 0,
                        units, false);
                for (int b = 0; b < batch; b++) {
                    int o = aOff + b * ldAct, row = (b * steps + t) * units, hb = b * units;
                    boolean keep = mask == null || mask[b * steps + t] != 0f;
                    for (int j = 0; j < units; j++) {
                        if (!keep) {
                            dp[o + units + j] = 0f;
                            dRec[hb + j] = 0f;
                            continue;
                        }
                        float r = acts[o + units + j];
                        dp[o + units + j] = dRec[hb + j] * hPlain[row + j] * deriv(recAct, r);
                        dRec[hb + j] *= r;
                    }
                }
                Gemm.sgemm(false, true, batch, units, 2 * units, dp, aOff, ldAct, u, 0, gu, dRec, 0, units, true);
            } else {
                Gemm.sgemm(false, true, batch, units, gu, dr, aOff, ldAct, u, 0, gu, dRec, 0, units, false);
            }
            for (int b = 0; b < batch; b++) {
                int hb = b * units;
                boolean keep = mask == null || mask[b * steps + t] != 0f;
                if (!keep) {
                    continue;   // the state passed through unchanged: dh, dc stay
                }
                for (int j = 0; j < units; j++) {
                    float g = dRec[hb + j];
                    if (recMask != null) {
                        g *= recMask[hb + j];
                    }
                    dh[hb + j] = g + tmp[hb + j];
                }
            }
        }
        Grads out = new Grads();
        out.dx = new float[bt * features];
        Gemm.sgemm(false, true, bt, features, gu, dp, 0, gu, w, 0, gu, out.dx, 0, features, false);
        out.dw = new float[features * gu];
        Gemm.sgemm(true, false, features, gu, bt, x, 0, features, dp, 0, gu, out.dw, 0, gu, false);
        out.du = new float[units * gu];
        if (kind == GRU && !resetAfter) {
            // U_zr from the plain (dropped) h, U_h from r ⊙ h
            Gemm.sgemm(true, false, units, 2 * units, bt, hPlain, 0, units, dp, 0, gu, out.du, 0, gu, false);
            Gemm.sgemm(true, false, units, units, bt, hRec, 0, units, dp, 2 * units, gu, out.du, 2 * units, gu, false);
        } else {
            Gemm.sgemm(true, false, units, gu, bt, hRec, 0, units, dr, 0, gu, out.du, 0, gu, false);
        }
        if (wantBias) {
            boolean two = kind == GRU && resetAfter;
            out.dbias = new float[two ? 2 * gu : gu];
            for (int r = 0; r < bt; r++) {
                for (int j = 0; j < gu; j++) {
                    out.dbias[j] += dp[r * gu + j];
                    if (two) {
                        out.dbias[gu + j] += dr[r * gu + j];
                    }
                }
            }
        }
        out.dh0 = dh;
        out.dc0 = kind == LSTM ? dc : null;
        return out;
    }

    static float[] zerosIfNull(float[] a, int n) {
        if (a != null) {
            return a;
        }
        float[] z = new float[n];
        Arrays.fill(z, 0f);
        return z;
    }
}
