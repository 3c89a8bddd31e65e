package org.jkeras.tensor;

import java.util.Arrays;

/**
 * Shape checking and batching around {@link Gemm}: 2-D products, and batched products over leading axes
 * (equal on both sides, or a 2-D side shared by every batch).
 *
 * <pre>{@code
 * Tensor c = MatMul.matmul(a, b, false, true);   // a · bᵀ
 * }</pre>
 */
public final class MatMul {
    private MatMul() {}

    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        int[] as = a.shape(), bs = b.shape();
        if (as.length < 2 || bs.length < 2) {
            throw new IllegalArgumentException("matmul needs tensors of rank >= 2; got shapes " + Arrays.toString(as)
                    + " and " + Arrays.toString(bs) + ". Reshape vectors to [1, n] or [n, 1] first.");
        }
        int m = transA ? as[as.length - 1] : as[as.length - 2];
        int ka = transA ? as[as.length - 2] : as[as.length - 1];
        int kb = transB ? bs[bs.length - 1] : bs[bs.length - 2];
        int n = transB ? bs[bs.length - 2] : bs[bs.length - 1];
        if (ka != kb) {
            throw new IllegalArgumentException("matmul inner dimensions differ: " + Arrays.toString(as)
                    + (transA ? "ᵀ" : "") + " · " + Arrays.toString(bs) + (transB ? "ᵀ" : "") + " has k=" + ka
                    + " on the left and k=" + kb + " on the right.");
        }
        int batchA = a.size() / Math.max(1, as[as.length - 1] * as[as.length - 2]);
        int batchB = b.size() / Math.max(1, bs[bs.length - 1] * bs[bs.length - 2]);
        int[] lead;
        if (as.length == 2 && bs.length == 2) {
            lead = new int[0];
        } else if (bs.length == 2) {
            lead = Arrays.copyOf(as, as.length - 2);
        } else if (as.length == 2) {
            lead = Arrays.copyOf(bs, bs.length - 2);
        } else {
            if (!Arrays.equals(Arrays.copyOf(as, as.length - 2), Arrays.copyOf(bs, bs.length - 2))) {
                throw new IllegalArgumentException("matmul batch dimensions differ: " + Arrays.toString(as) + " and "
                        + Arrays.toString(bs) + "; the leading axes must be equal, or one side must be 2-D.");
            }
            lead = Arrays.copyOf(as, as.length - 2);
        }
        int[] outShape = Arrays.copyOf(lead, lead.length + 2);
        outShape[lead.length] = m;
        outShape[lead.length + 1] = n;
        Tensor out = Tensor.zeros(outShape);
        int batch = Math.max(batchA, batchB);
        int lda = as[as.length - 1], ldb = bs[bs.length - 1];
        for (int i = 0; i < batch; i++) {
            int ao = a.offset() + (batchA == 1 ? 0 : i * m * ka);
            int bo = b.offset() + (batchB == 1 ? 0 : i * ka * n);
            Gemm.sgemm(transA, transB, m, n, ka, a.buffer(), ao, lda, b.buffer(), bo, ldb,
                    out.buffer(), i * m * n, n, false);
        }
        return out;
    }
}
