package org.jkeras.layers.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.layers.CallContext;
import org.jkeras.layers.InputSpec;
import org.jkeras.layers.KerasTensor;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.tensor.Tensor;

/**
 * Keras's {@code InputLayer} ({@code keras.Input(shape=...)} in a Sequential model): declares the shape of
 * one sample and passes its input through.
 *
 * <pre>{@code
 * Sequential m = new Sequential(new InputLayer(4), new Dense(8, "relu"), new Dense(3, "softmax"));
 * }</pre>
 */
public class InputLayer extends Layer {
    private KerasTensor output;
    private String dtype = "float32";

    public InputLayer(int... shape) {
        inputShape(shape);
        setInputSpec(InputSpec.shape(declaredInputShape()));
    }

    /**
     * Keras's {@code dtype} of the input: {@code "float32"} (default), {@code "int32"} / {@code "int64"} for token
     * ids (an {@code Embedding} input), or {@code "string"} before a text layer; saved in the config. Integer inputs are held as exact integral float32 values.
     */
    public InputLayer dtype(String dtype) {
        if (!isSupportedDtype(dtype)) {
            throw new IllegalArgumentException("InputLayer '" + name() + "': dtype '" + dtype + "' is not supported; use "
                    + "float32, an integer type (int8, int16, int32, int64, uint8, uint16) or string.");
        }
        this.dtype = dtype;
        return this;
    }

    public String dtype() {
        return dtype;
    }

    /**
     * True for the dtypes an input may have: float32, an integer type up to int64 (ids held as exact floats), or
     * {@code "string"} for a model whose first layer is a text layer (it predicts from a {@code StringTensor}).
     */
    public static boolean isSupportedDtype(String dtype) {
        return "float32".equals(dtype) || "string".equals(dtype) || "int32".equals(dtype) || "int64".equals(dtype) || "int16".equals(dtype)
                || "int8".equals(dtype) || "uint8".equals(dtype) || "uint16".equals(dtype);
    }

    /** The symbolic tensor this input layer produces (Keras's {@code layer.output}); created on first use. */
    public KerasTensor output() {
        if (output == null) {
            output = addInputNode(declaredInputShape(), name());
        }
        return output;
    }

    @Override
    public List<int[]> computeOutputShape(List<int[]> inputShapes) {
        return List.of(inputShapes.get(0).clone());
    }

    @Override
    protected List<Tensor> call(List<Tensor> inputs, CallContext ctx) {
        return inputs;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("batch_shape", declaredInputShape());
        c.put("dtype", dtype);
        c.put("sparse", false);
        c.put("ragged", false);
        c.put("name", name());
        c.put("optional", false);
        return c;
    }

    /** Reads Keras 3's {@code batch_shape}, Keras 2's {@code batch_input_shape}, or a bare {@code shape}. */
    public static InputLayer fromConfig(LayerConfig c) {
        if (!c.has("batch_shape") && !c.has("batch_input_shape") && c.has("shape")) {
            return new InputLayer(c.intList("shape")).dtype(c.get("dtype") instanceof String ? (String) c.get("dtype")
                    : "float32");
        }
        String key = c.has("batch_shape") ? "batch_shape" : "batch_input_shape";
        int[] s = c.intList(key);
        if (c.bool("sparse", false) || c.bool("ragged", false)) {
            throw new IllegalArgumentException("Sparse or ragged inputs in " + c.where() + " are not supported by jkeras.");
        }
        int[] sample = Arrays.copyOfRange(s, 1, s.length);
        String dt = c.get("dtype") instanceof String ? (String) c.get("dtype") : "float32";
        for (int d : sample) {
            if (d < 0) {
                throw new IllegalArgumentException("InputLayer '" + c.get("name") + "' has an unknown (null) dimension in "
                        + key + " " + c.get(key) + "; jkeras needs every dimension but the batch axis fixed.");
            }
        }
        return new InputLayer(sample).dtype(dt);
    }
}
