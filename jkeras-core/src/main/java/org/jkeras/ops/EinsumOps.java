package org.jkeras.ops;

import java.util.Arrays;
import org.jkeras.tensor.Tensor;

/**
 * The two-operand einsum of Keras's {@code EinsumDense}: {@code einsum("abc,cde->abde", x, kernel)}, written as
 * one permutation of each side, one batched-free GEMM and one permutation of the result, so the backward rule is
 * that of {@link ShapeOps#permute}, {@link Ops#reshape} and {@link Ops#matmul}. Every index of {@code x} is either
 * kept (it appears in the output) or contracted (it appears in the kernel); every kernel index is contracted or
 * appears in the output; an index in all three operands is refused. A leading {@code ...} on the input and output
 * stands for the input's leading axes.
 *
 * <pre>{@code
 * Tensor q = EinsumOps.einsum("abc,cde->abde", x, kernel);   // [B, T, D] x [D, H, K] -> [B, T, H, K]
 * }</pre>
 */
public final class EinsumOps {
    private EinsumOps() {}

    /** The parsed equation: input, kernel and output index strings ({@code ...} expanded for a given rank). */
    public record Equation(String input, String kernel, String output, int elided) {
        /** Parses {@code "abc,cde->abde"} (or {@code "...b,bc->...c"}) for an input of {@code rank} axes. */
        public static Equation parse(String equation, int rank) {
            String eq = equation.replace(" ", "");
            int comma = eq.indexOf(','), arrow = eq.indexOf("->");
            if (comma < 0 || arrow < comma) {
                throw new IllegalArgumentException("Invalid einsum equation '" + equation + "'. Equations must be in "
                        + "the form [X],[Y]->[Z], e.g. 'abc,cde->abde' (an input, a kernel and an output spec).");
            }
            String in = eq.substring(0, comma), k = eq.substring(comma + 1, arrow), out = eq.substring(arrow + 2);
            int elided = 0;
            if (in.startsWith("...") || out.startsWith("...")) {
                if (!in.startsWith("...") || !out.startsWith("...")) {
                    throw new IllegalArgumentException("Invalid einsum equation '" + equation + "': '...' must start "
                            + "both the input and the output spec.");
                }
                in = in.substring(3);
                out = out.substring(3);
                elided = rank - in.length();
                if (elided < 0) {
                    throw new IllegalArgumentException("Einsum equation '" + equation + "' needs an input of at least "
                            + in.length() + " axes; received rank " + rank + ".");
                }
                StringBuilder pre = new StringBuilder();
                for (int i = 0; i < elided; i++) {
                    pre.append((char) ('A' + i));
                }
                in = pre + in;
                out = pre + out;
            }
            for (String s : new String[] {in, k, out}) {
                for (int i = 0; i < s.length(); i++) {
                    if (!Character.isLetter(s.charAt(i)) || s.indexOf(s.charAt(i), i + 1) >= 0) {
                        throw new IllegalArgumentException("Invalid einsum equation '" + equation + "': each spec must "
                                + "name each axis once with a letter; '" + s + "' does not.");
                    }
                }
            }
            if (in.length() != rank) {
                throw new IllegalArgumentException("Einsum equation '" + equation + "' has input spec '" + in + "' of "
                        + in.length() + " axes; received an input of rank " + rank + ".");
            }
            for (char c : in.toCharArray()) {
                boolean inK = k.indexOf(c) >= 0, inOut = out.indexOf(c) >= 0;
                if (inK && inOut) {
                    throw new IllegalArgumentException("Einsum equation '" + equation + "': axis '" + c + "' is in the "
                            + "input, the kernel and the output; jkeras supports kernels that share no axis with both.");
                }
                if (!inK && !inOut) {
                    throw new IllegalArgumentException("Einsum equation '" + equation + "': input axis '" + c + "' is "
                            + "neither in the kernel nor in the output.");
                }
            }
            for (char c : out.toCharArray()) {
                if (in.indexOf(c) < 0 && k.indexOf(c) < 0) {
                    throw new IllegalArgumentException("Dimension '" + c + "' was specified in the output '" + out
                            + "' but has no corresponding dim in the input spec '" + in + "' or weight spec '" + k + "'");
                }
            }
            for (char c : k.toCharArray()) {
                if (in.indexOf(c) < 0 && out.indexOf(c) < 0) {
                    throw new IllegalArgumentException("Weight dimension '" + c + "' did not have a match in either the "
                            + "input spec '" + in + "' or the output spec '" + out + "'. For this layer, the weight must be "
                            + "fully specified.");
                }
            }
            return new Equation(in, k, out, elided);
        }
    }

    /** {@code einsum(equation, x, kernel)} for the equation forms of {@link EinsumOps}. */
    public static Tensor einsum(String equation, Tensor x, Tensor kernel) {
        Equation e = Equation.parse(equation, x.rank());
        int[] xs = x.shape(), ks = kernel.shape();
        if (ks.length != e.kernel().length()) {
            throw new IllegalArgumentException("Einsum equation '" + equation + "' has kernel spec '" + e.kernel()
                    + "'; received a kernel of shape " + Arrays.toString(ks) + ".");
        }
        String kept = "", contracted = "", kernelFree = "";
        for (char c : e.input().toCharArray()) {
            if (e.output().indexOf(c) >= 0) {
                kept += c;
            } else {
                contracted += c;
            }
        }
        for (char c : e.kernel().toCharArray()) {
            if (e.input().indexOf(c) < 0) {
                kernelFree += c;
            }
        }
        int keptSize = 1, cSize = 1, kfSize = 1;
        for (char c : contracted.toCharArray()) {
            int d = xs[e.input().indexOf(c)];
            if (ks[e.kernel().indexOf(c)] != d) {
                throw new IllegalArgumentException("Einsum '" + equation + "': axis '" + c + "' is " + d + " in the input "
                        + Arrays.toString(xs) + " but " + ks[e.kernel().indexOf(c)] + " in the kernel " + Arrays.toString(ks) + ".");
            }
            cSize *= d;
        }
        int[] mid = new int[kept.length() + kernelFree.length()];
        for (int i = 0; i < kept.length(); i++) {
            mid[i] = xs[e.input().indexOf(kept.charAt(i))];
            keptSize *= mid[i];
        }
        for (int i = 0; i < kernelFree.length(); i++) {
            mid[kept.length() + i] = ks[e.kernel().indexOf(kernelFree.charAt(i))];
            kfSize *= mid[kept.length() + i];
        }
        Tensor a = Ops.reshape(permuted(x, e.input(), kept + contracted), keptSize, cSize);
        Tensor b = Ops.reshape(permuted(kernel, e.kernel(), contracted + kernelFree), cSize, kfSize);
        Tensor y = Ops.reshape(Ops.matmul(a, b), mid);
        return permuted(y, kept + kernelFree, e.output());
    }

    private static Tensor permuted(Tensor t, String from, String to) {
        int[] perm = new int[to.length()];
        boolean identity = true;
        for (int i = 0; i < perm.length; i++) {
            perm[i] = from.indexOf(to.charAt(i));
            identity &= perm[i] == i;
        }
        return identity ? t : ShapeOps.permute(t, perm);
    }
}
