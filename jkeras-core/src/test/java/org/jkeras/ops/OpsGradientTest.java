package org.jkeras.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.autodiff.GradientInputs;
import org.jkeras.tensor.Tensor;
import org.jkeras.tensor.UnaryOp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every op's backward rule against central finite differences. */
class OpsGradientTest {

    private static Tensor r(long seed, int... shape) {
        return GradientCheck.randomInput(seed, shape);
    }

    private static Tensor positive(long seed, int... shape) {
        Tensor t = Tensor.randomUniform(seed, 0.5f, 2f, shape);
        return t;
    }

    private static Tensor probs(long seed, int rows, int c) {
        return GradientInputs.probabilities(seed, 0.05f, rows, c);
    }

    private static Tensor oneHot(int rows, int c) {
        return GradientInputs.oneHot(rows, c);
    }

    private static Arguments c(String name, Function<Tensor[], Tensor> f, Tensor... in) {
        return Arguments.of(name, f, in);
    }

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        a.add(c("add", x -> Ops.add(x[0], x[1]), r(1, 3, 4), r(2, 3, 4)));
        a.add(c("add broadcast row", x -> Ops.add(x[0], x[1]), r(1, 3, 4), r(2, 4)));
        a.add(c("add broadcast column", x -> Ops.add(x[0], x[1]), r(1, 3, 4), r(2, 3, 1)));
        a.add(c("subtract broadcast", x -> Ops.subtract(x[0], x[1]), r(1, 2, 3, 4), r(2, 1, 4)));
        a.add(c("multiply broadcast", x -> Ops.multiply(x[0], x[1]), r(1, 3, 4), r(2, 1, 4)));
        a.add(c("divide", x -> Ops.divide(x[0], x[1]), r(1, 3, 4), positive(2, 3, 4)));
        a.add(c("maximum", x -> Ops.maximum(x[0], x[1]), r(1, 3, 4), r(2, 3, 4)));
        a.add(c("minimum", x -> Ops.minimum(x[0], x[1]), r(1, 3, 4), r(2, 4)));
        a.add(c("scale", x -> Ops.scale(x[0], -2.5f), r(1, 5)));
        a.add(c("power 2.5", x -> Ops.power(x[0], 2.5f), positive(1, 3, 4)));
        a.add(c("power 2 (negative base)", x -> Ops.power(x[0], 2f), r(1, 3, 4)));
        a.add(c("softplus", x -> Ops.softplus(x[0]), r(1, 3, 4)));
        a.add(c("addScalar", x -> Ops.addScalar(x[0], 3f), r(1, 5)));
        for (UnaryOp op : UnaryOp.values()) {
            boolean needsPositive = op == UnaryOp.LOG || op == UnaryOp.SQRT;
            float param = op == UnaryOp.ELU ? 1f : op == UnaryOp.LEAKY_RELU ? 0.2f : 0f;
            a.add(c("unary " + op, x -> Ops.unary(op, x[0], param), needsPositive ? positive(3, 4, 5) : r(3, 4, 5)));
        }
        a.add(c("clip", x -> Ops.clip(x[0], -0.5f, 0.7f), r(4, 4, 5)));
        a.add(c("softmax last", x -> Ops.softmax(x[0], -1), r(5, 4, 6)));
        a.add(c("softmax axis 1 of 3", x -> Ops.softmax(x[0], 1), r(5, 2, 3, 4)));
        a.add(c("logSoftmax", x -> Ops.logSoftmax(x[0], -1), r(6, 4, 6)));
        a.add(c("sum all", x -> Ops.sum(x[0], new int[0], false), r(7, 3, 4)));
        a.add(c("sum axis 0 keep", x -> Ops.sum(x[0], new int[] {0}, true), r(7, 3, 4)));
        a.add(c("sum axes 0,2", x -> Ops.sum(x[0], new int[] {0, 2}, false), r(7, 2, 3, 4)));
        a.add(c("mean axis -1", x -> Ops.mean(x[0], new int[] {-1}, false), r(8, 3, 4)));
        a.add(c("max axis 1", x -> Ops.max(x[0], new int[] {1}, false), r(9, 3, 4)));
        a.add(c("reshape", x -> Ops.multiply(Ops.reshape(x[0], 6, 2), Ops.reshape(x[0], 6, 2)), r(10, 3, 4)));
        a.add(c("transpose", x -> Ops.transpose(x[0]), r(11, 3, 4)));
        a.add(c("matmul", x -> Ops.matmul(x[0], x[1]), r(12, 3, 4), r(13, 4, 5)));
        a.add(c("matmul transA", x -> Ops.matmul(x[0], x[1], true, false), r(12, 4, 3), r(13, 4, 5)));
        a.add(c("matmul transB", x -> Ops.matmul(x[0], x[1], false, true), r(12, 3, 4), r(13, 5, 4)));
        a.add(c("matmul both", x -> Ops.matmul(x[0], x[1], true, true), r(12, 4, 3), r(13, 5, 4)));
        a.add(c("matmul batched", x -> Ops.matmul(x[0], x[1]), r(14, 2, 3, 4), r(15, 2, 4, 5)));
        a.add(c("matmul batched shared", x -> Ops.matmul(x[0], x[1]), r(14, 2, 3, 4), r(15, 4, 5)));
        a.add(c("concatenate axis 1", x -> Ops.concatenate(new Tensor[] {x[0], x[1]}, 1), r(16, 3, 2), r(17, 3, 4)));
        a.add(c("concatenate axis 0", x -> Ops.concatenate(new Tensor[] {x[0], x[1]}, 0), r(16, 1, 2), r(17, 3, 2)));
        for (UnaryOp act : new UnaryOp[] {UnaryOp.LINEAR, UnaryOp.RELU, UnaryOp.SIGMOID, UnaryOp.TANH, UnaryOp.GELU,
                UnaryOp.ELU, UnaryOp.SOFTPLUS}) {
            a.add(c("dense " + act, x -> Ops.dense(x[0], x[1], x[2], act, 1f), r(18, 5, 4), r(19, 4, 3), r(20, 3)));
        }
        a.add(c("dense no bias, rank 3", x -> Ops.dense(x[0], x[1], null, UnaryOp.TANH, 0f), r(18, 2, 5, 4), r(19, 4, 3)));
        a.add(c("categorical CE on probabilities", x -> Ops.categoricalCrossentropy(x[1], x[0]), probs(21, 4, 5),
                oneHot(4, 5)));
        a.add(c("fused softmax + categorical CE", x -> Ops.categoricalCrossentropy(x[1], Ops.softmax(x[0], -1)),
                r(22, 4, 5), oneHot(4, 5)));
        a.add(c("fused softmax + CE, soft labels", x -> Ops.categoricalCrossentropy(x[1], Ops.softmax(x[0], -1)),
                r(22, 4, 5), probs(23, 4, 5)));
        a.add(c("categorical CE from logits", x -> Ops.categoricalCrossentropyFromLogits(x[1], x[0]), r(24, 4, 5),
                probs(25, 4, 5)));
        a.add(c("binary CE probabilities", x -> Ops.binaryCrossentropy(x[1], x[0], false),
                Tensor.randomUniform(26, 0.05f, 0.95f, 4, 3), Tensor.randomUniform(27, 0f, 1f, 4, 3)));
        a.add(c("binary CE logits", x -> Ops.binaryCrossentropy(x[1], x[0], true), r(28, 4, 3),
                Tensor.randomUniform(27, 0f, 1f, 4, 3)));
        return a.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backwardMatchesFiniteDifferences(String name, Function<Tensor[], Tensor> f, Tensor[] inputs) {
        GradientCheck.Result result = GradientCheck.check(f, inputs, 1e-2);
        assertTrue(result.passed(2e-2, 2e-3), name + ": " + result);
    }
}
