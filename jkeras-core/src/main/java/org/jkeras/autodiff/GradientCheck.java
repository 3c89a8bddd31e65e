package org.jkeras.autodiff;

import java.util.Random;
import java.util.function.Function;
import org.jkeras.tensor.Tensor;

/**
 * Checks backward rules against central finite differences. The function's output is projected onto a fixed
 * random tensor {@code R} so any output shape gives a scalar {@code L = Σ f(x)·R}; the analytic gradient comes
 * from a {@link GradientTape} seeded with {@code R}, the numeric one from {@code (L(x+h) − L(x−h)) / 2h}
 * evaluated in double.
 *
 * <pre>{@code
 * GradientCheck.Result r = GradientCheck.check(in -> Ops.tanh(in[0]), new Tensor[] {x}, 1e-2);
 * assertTrue(r.passed(2e-2, 2e-3), r.toString());
 * }</pre>
 */
public final class GradientCheck {
    private GradientCheck() {}

    /** The largest discrepancy found, per input and overall. */
    public static final class Result {
        private final double[][] analytic;
        private final double[][] numeric;

        Result(double[][] analytic, double[][] numeric) {
            this.analytic = analytic;
            this.numeric = numeric;
        }

        /** True when every element satisfies {@code |analytic − numeric| <= atol + rtol·|numeric|}. */
        public boolean passed(double rtol, double atol) {
            for (int i = 0; i < analytic.length; i++) {
                for (int e = 0; e < analytic[i].length; e++) {
                    if (!(Math.abs(analytic[i][e] - numeric[i][e]) <= atol + rtol * Math.abs(numeric[i][e]))) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** The element with the largest absolute discrepancy, for failure messages. */
        @Override
        public String toString() {
            String worst = "none";
            double max = -1;
            for (int i = 0; i < analytic.length; i++) {
                for (int e = 0; e < analytic[i].length; e++) {
                    double err = Math.abs(analytic[i][e] - numeric[i][e]);
                    if (!(err <= max)) {
                        max = err;
                        worst = "input " + i + " element " + e + ": analytic " + analytic[i][e] + " vs numeric "
                                + numeric[i][e];
                    }
                }
            }
            return "GradientCheck(max abs error " + max + " at " + worst + ")";
        }
    }

    /** Checks {@code f} at {@code inputs} with step {@code h}; inputs are perturbed in place and restored. */
    public static Result check(Function<Tensor[], Tensor> f, Tensor[] inputs, double h) {
        Tensor probe = f.apply(inputs);
        Tensor r = Tensor.randomUniform(12345L, -1f, 1f, probe.shape());
        Tensor[] analytic;
        try (GradientTape tape = new GradientTape()) {
            for (Tensor t : inputs) {
                tape.watch(t);
            }
            Tensor out = f.apply(inputs);
            analytic = tape.gradient(out, r, inputs);
        }
        double[][] ana = new double[inputs.length][], num = new double[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            ana[i] = new double[inputs[i].size()];
            num[i] = new double[inputs[i].size()];
            float[] d = inputs[i].buffer();
            int o = inputs[i].offset();
            for (int e = 0; e < inputs[i].size(); e++) {
                float saved = d[o + e];
                d[o + e] = (float) (saved + h);
                double plus = project(f.apply(inputs), r);
                d[o + e] = (float) (saved - h);
                double minus = project(f.apply(inputs), r);
                d[o + e] = saved;
                num[i][e] = (plus - minus) / (2 * h);
                ana[i][e] = analytic[i].buffer()[analytic[i].offset() + e];
            }
        }
        return new Result(ana, num);
    }

    private static double project(Tensor out, Tensor r) {
        double s = 0;
        float[] a = out.buffer(), b = r.buffer();
        int ao = out.offset(), bo = r.offset();
        for (int i = 0; i < out.size(); i++) {
            s += (double) a[ao + i] * b[bo + i];
        }
        return s;
    }

    /** A random tensor for gradient checks, away from the kinks of ReLU-like functions. */
    public static Tensor randomInput(long seed, int... shape) {
        Random rnd = new Random(seed);
        float[] d = new float[org.jkeras.tensor.Shapes.size(shape)];
        for (int i = 0; i < d.length; i++) {
            float v;
            do {
                v = (float) (rnd.nextGaussian());
            } while (Math.abs(v) < 0.05f || Math.abs(Math.abs(v) - 3f) < 0.05f || Math.abs(v - 6f) < 0.05f);
            d[i] = v;
        }
        return Tensor.of(d, shape);
    }
}
