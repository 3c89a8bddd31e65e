package org.jkeras.layers.convolutional;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.LayerConfig;
import org.jkeras.ops.ConvOps;
import org.jkeras.tensor.ConvGeometry;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code BaseConvTranspose}: the transposed convolution (the gradient of a convolution with respect to its
 * input), kernel {@code (kernel_size..., filters, in_channels)}. Each output axis is {@code in·stride +
 * max(k − stride, 0)} ({@code valid}) or {@code in·stride} ({@code same}); an {@code output_padding} (each value
 * below its stride) gives {@code (in − 1)·stride + k − 2·pad + output_padding} instead.
 *
 * <pre>{@code
 * Conv2DTranspose up = new Conv2DTranspose(16, 3).strides(2).padding("same");   // 7×7 -> 14×14
 * }</pre>
 *
 * @param <T> the concrete layer
 */
public abstract class ConvTranspose<T extends ConvTranspose<T>> extends KernelConv<T> {
    protected int[] outputPadding;

    protected ConvTranspose(int rank, int filters, int[] kernelSize, String activation) {
        super(rank, filters, kernelSize, activation);
    }

    /** Keras's {@code output_padding} (default None = null): each value strictly below the stride of its axis. */
    public T outputPadding(int... outputPadding) {
        requireUnbuilt("output_padding");
        if (outputPadding == null) {
            this.outputPadding = null;
            return self();
        }
        int[] p = outputPadding.length == 1 ? new int[rank] : outputPadding.clone();
        if (outputPadding.length == 1) {
            Arrays.fill(p, outputPadding[0]);
        }
        if (p.length != rank) {
            throw new IllegalArgumentException(className() + ": `output_padding` must be an integer or " + rank
                    + " integers; Received: output_padding=" + Arrays.toString(outputPadding) + ".");
        }
        this.outputPadding = p;
        checkOutputPadding();
        return self();
    }

    @Override
    public T strides(int... strides) {
        super.strides(strides);
        checkOutputPadding();
        return self();
    }

    private void checkOutputPadding() {
        if (outputPadding == null) {
            return;
        }
        for (int i = 0; i < rank; i++) {
            if (outputPadding[i] < 0 || outputPadding[i] >= strides[i]) {
                throw new IllegalArgumentException(className() + ": each value in `output_padding` must be non-negative and "
                        + "strictly less than the corresponding `strides` value. At index " + i + ", output_padding is "
                        + outputPadding[i] + " and strides is " + strides[i] + ". Received: output_padding="
                        + Arrays.toString(outputPadding) + ", strides=" + Arrays.toString(strides) + ".");
            }
        }
    }

    /** The output padding, or null (Keras's None). */
    public int[] outputPadding() {
        return outputPadding == null ? null : outputPadding.clone();
    }

    @Override
    protected void build(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        int channels = inputChannels(in);
        computeOutputShape(inputShapes);
        kernel = addWeight("kernel", kernelShape(filters, channels), kernelArgs);
        buildBias(in, filters);
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        int[] in = inputShapes.get(0);
        inputChannels(in);
        int[] sp = ConvArgs.spatial(in, channelsFirst());
        int[] out = new int[rank];
        for (int a = 0; a < rank; a++) {
            out[a] = sp[a] < 0 ? -1 : ConvGeometry.transposedLength(sp[a], kernelSize[a], strides[a], dilationRate[a], padding,
                    outputPadding == null ? -1 : outputPadding[a]);
        }
        return List.of(ConvArgs.shape(in[0], out, filters, channelsFirst()));
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        Tensor y = named(() -> ConvOps.convTranspose(inputs.get(0), kernel.value(), biasValue(), spec(1), outputPadding,
                fused(), fusedParam()));
        return finish(y);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = filtersAndWindowConfig();
        c.put("output_padding", outputPadding == null ? null : ConvArgs.list(outputPadding));
        putFormat(c);
        putActivationAndBias(c);
        putWeights(c, kernelArgs);
        return c;
    }

    protected static <L extends ConvTranspose<L>> L read(L layer, LayerConfig c) {
        readCommon(layer, c);
        layer.outputPadding(c.has("output_padding") ? c.ints("output_padding", layer.rank, null) : null);
        layer.kernelArgs.read(c, "glorot_uniform");
        return layer;
    }
}
