package org.jkeras.saving;

import java.util.Map;
import java.util.function.Function;
import org.jkeras.constraints.Constraint;
import org.jkeras.initializers.Initializer;
import org.jkeras.layers.Layer;
import org.jkeras.layers.LayerConfig;
import org.jkeras.layers.activations.Activation;
import org.jkeras.layers.activations.ELU;
import org.jkeras.layers.activations.LeakyReLU;
import org.jkeras.layers.activations.PReLU;
import org.jkeras.layers.activations.ReLU;
import org.jkeras.layers.activations.Softmax;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.InputLayer;
import org.jkeras.layers.merging.Add;
import org.jkeras.layers.merging.Average;
import org.jkeras.layers.merging.Concatenate;
import org.jkeras.layers.merging.Dot;
import org.jkeras.layers.merging.Maximum;
import org.jkeras.layers.merging.Minimum;
import org.jkeras.layers.merging.Multiply;
import org.jkeras.layers.merging.Subtract;
import org.jkeras.layers.regularization.Dropout;
import org.jkeras.layers.reshaping.Cropping1D;
import org.jkeras.layers.reshaping.Cropping2D;
import org.jkeras.layers.reshaping.Cropping3D;
import org.jkeras.layers.reshaping.Flatten;
import org.jkeras.layers.reshaping.Permute;
import org.jkeras.layers.reshaping.RepeatVector;
import org.jkeras.layers.reshaping.Reshape;
import org.jkeras.layers.reshaping.UpSampling1D;
import org.jkeras.layers.reshaping.UpSampling2D;
import org.jkeras.layers.reshaping.UpSampling3D;
import org.jkeras.layers.reshaping.ZeroPadding1D;
import org.jkeras.layers.reshaping.ZeroPadding2D;
import org.jkeras.layers.reshaping.ZeroPadding3D;
import org.jkeras.regularizers.Regularizer;
import org.jkeras.layers.normalization.BatchNormalization;
import org.jkeras.layers.normalization.LayerNormalization;
import org.jkeras.layers.normalization.GroupNormalization;
import org.jkeras.layers.normalization.UnitNormalization;
import org.jkeras.layers.regularization.GaussianNoise;
import org.jkeras.layers.regularization.GaussianDropout;
import org.jkeras.layers.regularization.AlphaDropout;
import org.jkeras.layers.regularization.ActivityRegularization;
import org.jkeras.layers.preprocessing.Rescaling;
import org.jkeras.layers.preprocessing.Resizing;
import org.jkeras.layers.preprocessing.CenterCrop;
import org.jkeras.layers.preprocessing.RandomFlip;
import org.jkeras.layers.preprocessing.RandomRotation;
import org.jkeras.layers.preprocessing.RandomZoom;
import org.jkeras.layers.preprocessing.RandomTranslation;
import org.jkeras.layers.preprocessing.RandomContrast;
import org.jkeras.layers.preprocessing.RandomBrightness;
import org.jkeras.layers.preprocessing.RandomCrop;
import org.jkeras.layers.regularization.SpatialDropout;

/**
 * The Keras layers jkeras has, registered in {@link SavingRegistry} under their Keras class names, each mapped to
 * its class's own {@code fromConfig(LayerConfig)} (the config is read beside {@code getConfig}, in the layer). A new
 * built-in layer joins file loading by adding one {@code builtin} line here (and, when its saved variables are not
 * "trainable then non-trainable", a {@link LayerSerializer#savedVariables} override).
 */
final class BuiltinLayers {
    /** Keras's serialized dict forms of initializers, regularizers and constraints, for {@link LayerConfig}. */
    static final LayerConfig.Objects KERAS_OBJECTS = new LayerConfig.Objects() {
        @Override
        public Initializer initializer(Object spec, String dflt, String what) {
            return spec instanceof Initializer ? (Initializer) spec : InitializerCodec.deserialize(spec, dflt);
        }

        @Override
        public Regularizer regularizer(Object spec, String what) {
            return spec instanceof Regularizer ? (Regularizer) spec : ObjectCodec.regularizer(spec, what);
        }

        @Override
        public Constraint constraint(Object spec, String what) {
            return spec instanceof Constraint ? (Constraint) spec : ObjectCodec.constraint(spec, what);
        }
    };

    private BuiltinLayers() {}

    static void registerAll() {
        builtin("InputLayer", InputLayer.class, InputLayer::fromConfig);
        builtin("Dense", Dense.class, Dense::fromConfig);
        builtin("Activation", Activation.class, Activation::fromConfig);
        builtin("ReLU", ReLU.class, ReLU::fromConfig);
        builtin("LeakyReLU", LeakyReLU.class, LeakyReLU::fromConfig);
        builtin("PReLU", PReLU.class, PReLU::fromConfig);
        builtin("ELU", ELU.class, ELU::fromConfig);
        builtin("Softmax", Softmax.class, Softmax::fromConfig);
        builtin("Dropout", Dropout.class, Dropout::fromConfig);
        builtin("Flatten", Flatten.class, Flatten::fromConfig);
        builtin("Reshape", Reshape.class, Reshape::fromConfig);
        builtin("Permute", Permute.class, Permute::fromConfig);
        builtin("RepeatVector", RepeatVector.class, RepeatVector::fromConfig);
        builtin("ZeroPadding1D", ZeroPadding1D.class, ZeroPadding1D::fromConfig);
        builtin("ZeroPadding2D", ZeroPadding2D.class, ZeroPadding2D::fromConfig);
        builtin("ZeroPadding3D", ZeroPadding3D.class, ZeroPadding3D::fromConfig);
        builtin("Cropping1D", Cropping1D.class, Cropping1D::fromConfig);
        builtin("Cropping2D", Cropping2D.class, Cropping2D::fromConfig);
        builtin("Cropping3D", Cropping3D.class, Cropping3D::fromConfig);
        builtin("UpSampling1D", UpSampling1D.class, UpSampling1D::fromConfig);
        builtin("UpSampling2D", UpSampling2D.class, UpSampling2D::fromConfig);
        builtin("UpSampling3D", UpSampling3D.class, UpSampling3D::fromConfig);
        builtin("Concatenate", Concatenate.class, Concatenate::fromConfig);
        builtin("Add", Add.class, Add::fromConfig);
        builtin("Subtract", Subtract.class, Subtract::fromConfig);
        builtin("Multiply", Multiply.class, Multiply::fromConfig);
        builtin("Average", Average.class, Average::fromConfig);
        builtin("Maximum", Maximum.class, Maximum::fromConfig);
        builtin("Minimum", Minimum.class, Minimum::fromConfig);
        builtin("Dot", Dot.class, Dot::fromConfig);
        // normalization, regularization and image preprocessing layers
        builtin("BatchNormalization", BatchNormalization.class, BatchNormalization::fromConfig);
        builtin("LayerNormalization", LayerNormalization.class, LayerNormalization::fromConfig);
        builtin("GroupNormalization", GroupNormalization.class, GroupNormalization::fromConfig);
        builtin("UnitNormalization", UnitNormalization.class, UnitNormalization::fromConfig);
        builtin("GaussianNoise", GaussianNoise.class, GaussianNoise::fromConfig);
        builtin("GaussianDropout", GaussianDropout.class, GaussianDropout::fromConfig);
        builtin("AlphaDropout", AlphaDropout.class, AlphaDropout::fromConfig);
        builtin("ActivityRegularization", ActivityRegularization.class, ActivityRegularization::fromConfig);
        builtin("Rescaling", Rescaling.class, Rescaling::fromConfig);
        builtin("Resizing", Resizing.class, Resizing::fromConfig);
        builtin("CenterCrop", CenterCrop.class, CenterCrop::fromConfig);
        builtin("RandomFlip", RandomFlip.class, RandomFlip::fromConfig);
        builtin("RandomRotation", RandomRotation.class, RandomRotation::fromConfig);
        builtin("RandomZoom", RandomZoom.class, RandomZoom::fromConfig);
        builtin("RandomTranslation", RandomTranslation.class, RandomTranslation::fromConfig);
        builtin("RandomContrast", RandomContrast.class, RandomContrast::fromConfig);
        builtin("RandomBrightness", RandomBrightness.class, RandomBrightness::fromConfig);
        builtin("RandomCrop", RandomCrop.class, RandomCrop::fromConfig);
        builtin("SpatialDropout1D", SpatialDropout.SpatialDropout1D.class, SpatialDropout.SpatialDropout1D::fromConfig);
        builtin("SpatialDropout2D", SpatialDropout.SpatialDropout2D.class, SpatialDropout.SpatialDropout2D::fromConfig);
        builtin("SpatialDropout3D", SpatialDropout.SpatialDropout3D.class, SpatialDropout.SpatialDropout3D::fromConfig);
        ConvolutionalLayers.registerAll();
        // sequences: embeddings, masks, recurrent layers
        builtin("Embedding", org.jkeras.layers.core.Embedding.class, org.jkeras.layers.core.Embedding::fromConfig);
        builtin("Masking", org.jkeras.layers.core.Masking.class, org.jkeras.layers.core.Masking::fromConfig);
        builtin("SimpleRNN", org.jkeras.layers.rnn.SimpleRNN.class, org.jkeras.layers.rnn.SimpleRNN::fromConfig);
        builtin("LSTM", org.jkeras.layers.rnn.LSTM.class, org.jkeras.layers.rnn.LSTM::fromConfig);
        builtin("GRU", org.jkeras.layers.rnn.GRU.class, org.jkeras.layers.rnn.GRU::fromConfig);
        builtin("SimpleRNNCell", org.jkeras.layers.rnn.SimpleRNNCell.class,
                org.jkeras.layers.rnn.SimpleRNNCell::fromConfig);
        builtin("LSTMCell", org.jkeras.layers.rnn.LSTMCell.class, org.jkeras.layers.rnn.LSTMCell::fromConfig);
        builtin("GRUCell", org.jkeras.layers.rnn.GRUCell.class, org.jkeras.layers.rnn.GRUCell::fromConfig);
        builtin("Bidirectional", org.jkeras.layers.rnn.Bidirectional.class, c -> {
            Layer f = ModelConfig.layer(ConfigValues.map(c.get("layer"), "The layer of a Bidirectional"));
            Object bc = c.get("backward_layer");
            Layer b = bc == null ? null : ModelConfig.layer(ConfigValues.map(bc, "The backward_layer of a Bidirectional"));
            if (!(f instanceof org.jkeras.layers.rnn.RNN) || (b != null && !(b instanceof org.jkeras.layers.rnn.RNN))) {
                throw new IllegalArgumentException("Bidirectional " + c.where() + " wraps " + f.className()
                        + "; jkeras wraps recurrent layers (SimpleRNN, LSTM, GRU, RNN).");
            }
            return new org.jkeras.layers.rnn.Bidirectional((org.jkeras.layers.rnn.RNN) f, c.asMap().containsKey("merge_mode") ? c.string("merge_mode", null) : "concat",
                    (org.jkeras.layers.rnn.RNN) b);
        });
        builtin("TimeDistributed", org.jkeras.layers.rnn.TimeDistributed.class, c -> new org.jkeras.layers.rnn.TimeDistributed(
                ModelConfig.layer(ConfigValues.map(c.get("layer"), "The layer of a TimeDistributed"))));
        builtin("RNN", org.jkeras.layers.rnn.RNN.class, c -> {
            Object cell = c.get("cell");
            if (!(cell instanceof Map)) {
                throw new IllegalArgumentException("The RNN config " + c.where() + " needs a serialized `cell`.");
            }
            Layer l = ModelConfig.layer(ConfigValues.map(cell, "The cell of an RNN"));
            if (!(l instanceof org.jkeras.layers.rnn.RecurrentCell)) {
                throw new IllegalArgumentException("The RNN config " + c.where() + " has cell " + l.className()
                        + "; jkeras runs SimpleRNNCell, LSTMCell and GRUCell.");
            }
            return org.jkeras.layers.rnn.RNN.fromConfig(c, (org.jkeras.layers.rnn.RecurrentCell) l);
        });
        AttentionLayers.registerAll();
        builtin("CategoryEncoding", org.jkeras.layers.preprocessing.CategoryEncoding.class,
                org.jkeras.layers.preprocessing.CategoryEncoding::fromConfig);
        TextLayers.registerAll();
    }

    /** Registers {@code type} under {@code className}, rebuilt by {@code fromConfig} from a Keras config. */
    static <T extends Layer> void builtin(String className, Class<T> type, Function<LayerConfig, T> fromConfig) {
        SavingRegistry.registerBuiltin(className, type, c -> {
            LayerConfig config = config(c);
            T layer = fromConfig.apply(config);
            layer.readBaseConfig(config);
            return layer;
        });
    }

    /** A config map read with Keras's serialized forms of nested objects. */
    static LayerConfig config(Map<String, Object> c) {
        return LayerConfig.of(c, KERAS_OBJECTS);
    }
}
