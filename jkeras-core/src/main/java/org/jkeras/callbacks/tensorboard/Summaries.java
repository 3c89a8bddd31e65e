package org.jkeras.callbacks.tensorboard;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jkeras.callbacks.tensorboard.proto.DataClass;
import org.jkeras.callbacks.tensorboard.proto.DataType;
import org.jkeras.callbacks.tensorboard.proto.Summary;
import org.jkeras.callbacks.tensorboard.proto.SummaryMetadata;
import org.jkeras.callbacks.tensorboard.proto.TensorProto;
import org.jkeras.callbacks.tensorboard.proto.TensorShapeProto;

/**
 * Summary values as TensorFlow 2's {@code tf.summary} writes them, so TensorBoard's dashboards read them: a scalar is
 * a float32 0-d tensor with the {@code scalars} plugin; a histogram is a float64 {@code [buckets, 3]} tensor of
 * (left edge, right edge, count) rows with the {@code histograms} plugin, bucketed as TensorBoard's
 * {@code histogram.summary_v2} does (30 equal-width buckets from min to max; one value: all in the first bucket,
 * edges value ± 0.5); Keras's model summary is a string tensor of the model's JSON with the
 * {@code graph_keras_model} plugin. Tensor bytes are little-endian, as {@code Tensor::AsProtoTensorContent}.
 *
 * <pre>{@code
 * Summary.Value v = Summaries.scalar("epoch_loss", 0.42f);
 * }</pre>
 */
public final class Summaries {
    /** TensorBoard's default number of histogram buckets. */
    public static final int DEFAULT_BUCKETS = 30;

    private Summaries() {}

    private static SummaryMetadata plugin(String name, ByteString content, DataClass dataClass) {
        return SummaryMetadata.newBuilder()
                .setPluginData(SummaryMetadata.PluginData.newBuilder().setPluginName(name).setContent(content))
                .setDataClass(dataClass).build();
    }

    private static TensorShapeProto shape(long... dims) {
        TensorShapeProto.Builder b = TensorShapeProto.newBuilder();
        for (long d : dims) {
            b.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return b.build();
    }

    /** A scalar (tf.summary.scalar). */
    public static Summary.Value scalar(String tag, float value) {
        ByteBuffer bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
        TensorProto t = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(shape())
                .setTensorContent(ByteString.copyFrom(bytes.array())).build();
        return Summary.Value.newBuilder().setTag(tag)
                .setMetadata(plugin("scalars", ByteString.EMPTY, DataClass.DATA_CLASS_SCALAR)).setTensor(t).build();
    }

    /** A histogram of {@code values} (tf.summary.histogram with the default 30 buckets). */
    public static Summary.Value histogram(String tag, float[] values) {
        double[][] buckets = buckets(values, DEFAULT_BUCKETS);
        ByteBuffer bytes = ByteBuffer.allocate(buckets.length * 3 * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] row : buckets) {
            bytes.putDouble(row[0]).putDouble(row[1]).putDouble(row[2]);
        }
        TensorProto t = TensorProto.newBuilder().setDtype(DataType.DT_DOUBLE).setTensorShape(shape(buckets.length, 3))
                .setTensorContent(ByteString.copyFrom(bytes.array())).build();
        return Summary.Value.newBuilder().setTag(tag)
                .setMetadata(plugin("histograms", ByteString.EMPTY, DataClass.DATA_CLASS_TENSOR)).setTensor(t).build();
    }

    /** Keras's {@code keras_model_summary}: the model's JSON under the graph_keras_model plugin. */
    public static Summary.Value kerasModel(String tag, String modelJson) {
        TensorProto t = TensorProto.newBuilder().setDtype(DataType.DT_STRING).setTensorShape(shape())
                .addStringVal(ByteString.copyFrom(modelJson, StandardCharsets.UTF_8)).build();
        return Summary.Value.newBuilder().setTag(tag)
                .setMetadata(plugin("graph_keras_model", ByteString.copyFromUtf8("1"), DataClass.DATA_CLASS_UNKNOWN))
                .setTensor(t).build();
    }

    /** TensorBoard's histogram buckets: rows of (left, right, count), computed in double. */
    public static double[][] buckets(float[] values, int bucketCount) {
        double[][] out = new double[bucketCount][3];
        if (values.length == 0) {
            return out;
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double range = max - min;
        if (range == 0) {
            for (double[] row : out) {
                row[0] = min - 0.5;
                row[1] = min + 0.5;
            }
            out[0][2] = values.length;
            return out;
        }
        double width = range / bucketCount;
        for (float v : values) {
            int i = (int) Math.floor((v - min) / width);
            out[Math.min(i, bucketCount - 1)][2]++;
        }
        for (int i = 0; i < bucketCount; i++) {
            // tf.linspace(min, max, n + 1) with the last edge set to max exactly
            out[i][0] = min + i * (range / bucketCount);
            out[i][1] = i == bucketCount - 1 ? max : min + (i + 1) * (range / bucketCount);
        }
        return out;
    }
}
