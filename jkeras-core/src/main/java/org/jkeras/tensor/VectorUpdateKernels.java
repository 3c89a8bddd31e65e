package org.jkeras.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API bodies of {@link UpdateKernels}; loaded only when {@code jdk.incubator.vector} is present. Each method
 * processes whole vectors from {@code from} and returns where the scalar tail must continue. Plain multiply and
 * add (no FMA) keep the rounding identical to the scalar path.
 */
final class VectorUpdateKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorUpdateKernels() {}

    private static FloatVector flush(FloatVector x, float min) {
        return x.blend(0f, x.abs().compare(VectorOperators.LT, min));
    }

    static int sgd(float[] w, int wo, float[] g, int go, int from, int to, float negLr, float gmin) {
        int i = from, upper = from + S.loopBound(to - from);
        for (; i < upper; i += S.length()) {
            FloatVector gv = flush(FloatVector.fromArray(S, g, go + i), gmin);
            FloatVector.fromArray(S, w, wo + i).add(gv.mul(negLr)).intoArray(w, wo + i);
        }
        return i;
    }

    static int sgdMomentum(float[] w, int wo, float[] m, int mo, float[] g, int go, int from, int to,
                           float negLr, float mu, boolean nesterov, float gmin) {
        int i = from, upper = from + S.loopBound(to - from);
        for (; i < upper; i += S.length()) {
            FloatVector gv = flush(FloatVector.fromArray(S, g, go + i), gmin);
            FloatVector mv = flush(FloatVector.fromArray(S, m, mo + i).mul(mu).add(gv.mul(negLr)), Float.MIN_NORMAL);
            mv.intoArray(m, mo + i);
            FloatVector wv = FloatVector.fromArray(S, w, wo + i);
            wv = nesterov ? wv.add(gv.mul(negLr)).add(mv.mul(mu)) : wv.add(mv);
            wv.intoArray(w, wo + i);
        }
        return i;
    }

    static int adam(float[] w, int wo, float[] m, int mo, float[] v, int vo, float[] g, int go, int from, int to,
                    float b1, float c1, float b2, float c2, float alpha, float eps, float gmin) {
        int i = from, upper = from + S.loopBound(to - from);
        for (; i < upper; i += S.length()) {
            FloatVector gv = flush(FloatVector.fromArray(S, g, go + i), gmin);
            FloatVector mv = flush(FloatVector.fromArray(S, m, mo + i).mul(b1).add(gv.mul(c1)), Float.MIN_NORMAL);
            FloatVector vv = flush(FloatVector.fromArray(S, v, vo + i).mul(b2).add(gv.mul(gv).mul(c2)), Float.MIN_NORMAL);
            mv.intoArray(m, mo + i);
            vv.intoArray(v, vo + i);
            FloatVector.fromArray(S, w, wo + i).sub(mv.mul(alpha).div(vv.sqrt().add(eps))).intoArray(w, wo + i);
        }
        return i;
    }

    static int rmsprop(float[] w, int wo, float[] v, int vo, float[] g, int go, int from, int to,
                       float r, float c, float lr, float eps, float gmin) {
        int i = from, upper = from + S.loopBound(to - from);
        for (; i < upper; i += S.length()) {
            FloatVector gv = flush(FloatVector.fromArray(S, g, go + i), gmin);
            FloatVector vv = flush(FloatVector.fromArray(S, v, vo + i).mul(r).add(gv.mul(gv).mul(c)), Float.MIN_NORMAL);
            vv.intoArray(v, vo + i);
            FloatVector.fromArray(S, w, wo + i).sub(gv.mul(lr).div(vv.add(eps).sqrt())).intoArray(w, wo + i);
        }
        return i;
    }
}
