package org.jkeras.saving;

import org.jkeras.layers.rnn.LSTM;
import org.jkeras.tensor.Tensor;

/** A direct, unfused LSTM loop for tests (Keras's equations written out, one sample and unit at a time). */
final class ReferenceLstm {
    private ReferenceLstm() {}

    static Tensor embed(Tensor ids, Tensor table) {
        int b = ids.dim(0), t = ids.dim(1), d = table.dim(1);
        float[] out = new float[b * t * d];
        for (int i = 0; i < b * t; i++) {
            int id = (int) ids.toArray()[i];
            for (int j = 0; j < d; j++) {
                out[i * d + j] = table.get(id, j);
            }
        }
        return Tensor.of(out, b, t, d);
    }

    static double act(String name, double z) {
        switch (name) {
            case "tanh": return Math.tanh(z);
            case "sigmoid": return 1 / (1 + Math.exp(-z));
            case "hard_sigmoid": return Math.max(0, Math.min(1, z / 6 + 0.5));
            case "hard_sigmoid_keras2": return Math.max(0, Math.min(1, 0.2 * z + 0.5));
            default: return z;
        }
    }

    /** The output of the LSTM over x [B, T, F]: every step's {@code [B, T, u]} with return_sequences, else the last. */
    static Tensor run(Tensor x, LSTM l) {
        boolean seq = l.returnSequences();
        Tensor w = l.cell().kernel().value(), u = l.cell().recurrentKernel().value(), bias = l.cell().bias().value();
        String a = l.cell().activation(), ra = l.cell().recurrentActivation();
        int b = x.dim(0), t = x.dim(1), f = x.dim(2), n = u.dim(0);
        float[] out = new float[b * n * (seq ? t : 1)];
        for (int s = 0; s < b; s++) {
            double[] h = new double[n], c = new double[n];
            for (int step = 0; step < t; step++) {
                double[] z = new double[4 * n];
                for (int g = 0; g < 4 * n; g++) {
                    double v = bias.get(g);
                    for (int k = 0; k < f; k++) {
                        v += x.get(s, step, k) * w.get(k, g);
                    }
                    for (int k = 0; k < n; k++) {
                        v += h[k] * u.get(k, g);
                    }
                    z[g] = v;
                }
                for (int j = 0; j < n; j++) {
                    double i = act(ra, z[j]), fg = act(ra, z[n + j]), g = act(a, z[2 * n + j]), o = act(ra, z[3 * n + j]);
                    c[j] = fg * c[j] + i * g;
                    h[j] = o * act(a, c[j]);
                    if (seq) {
                        out[(s * t + step) * n + j] = (float) h[j];
                    }
                }
            }
            for (int j = 0; j < n && !seq; j++) {
                out[s * n + j] = (float) h[j];
            }
        }
        return seq ? Tensor.of(out, b, t, n) : Tensor.of(out, b, n);
    }
}
