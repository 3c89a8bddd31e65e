package org.jkeras.saving;

import org.jkeras.layers.convolutional.Conv1D;
import org.jkeras.layers.convolutional.Conv2D;
import org.jkeras.layers.convolutional.Conv3D;
import org.jkeras.layers.convolutional.Conv1DTranspose;
import org.jkeras.layers.convolutional.Conv2DTranspose;
import org.jkeras.layers.convolutional.Conv3DTranspose;
import org.jkeras.layers.convolutional.DepthwiseConv1D;
import org.jkeras.layers.convolutional.DepthwiseConv2D;
import org.jkeras.layers.convolutional.SeparableConv1D;
import org.jkeras.layers.convolutional.SeparableConv2D;
import org.jkeras.layers.pooling.MaxPooling1D;
import org.jkeras.layers.pooling.MaxPooling2D;
import org.jkeras.layers.pooling.MaxPooling3D;
import org.jkeras.layers.pooling.AveragePooling1D;
import org.jkeras.layers.pooling.AveragePooling2D;
import org.jkeras.layers.pooling.AveragePooling3D;
import org.jkeras.layers.pooling.GlobalMaxPooling1D;
import org.jkeras.layers.pooling.GlobalMaxPooling2D;
import org.jkeras.layers.pooling.GlobalMaxPooling3D;
import org.jkeras.layers.pooling.GlobalAveragePooling1D;
import org.jkeras.layers.pooling.GlobalAveragePooling2D;
import org.jkeras.layers.pooling.GlobalAveragePooling3D;

/**
 * The convolution and pooling layers' entries in the saving registry, under Keras's class names (kept apart from
 * {@link BuiltinLayers} so each layer family registers in its own file).
 *
 * <pre>{@code
 * ConvolutionalLayers.registerAll();   // called once by BuiltinLayers.registerAll()
 * }</pre>
 */
final class ConvolutionalLayers {
    private ConvolutionalLayers() {}

    static void registerAll() {
        BuiltinLayers.builtin("Conv1D", Conv1D.class, Conv1D::fromConfig);
        BuiltinLayers.builtin("Conv2D", Conv2D.class, Conv2D::fromConfig);
        BuiltinLayers.builtin("Conv3D", Conv3D.class, Conv3D::fromConfig);
        BuiltinLayers.builtin("Conv1DTranspose", Conv1DTranspose.class, Conv1DTranspose::fromConfig);
        BuiltinLayers.builtin("Conv2DTranspose", Conv2DTranspose.class, Conv2DTranspose::fromConfig);
        BuiltinLayers.builtin("Conv3DTranspose", Conv3DTranspose.class, Conv3DTranspose::fromConfig);
        BuiltinLayers.builtin("DepthwiseConv1D", DepthwiseConv1D.class, DepthwiseConv1D::fromConfig);
        BuiltinLayers.builtin("DepthwiseConv2D", DepthwiseConv2D.class, DepthwiseConv2D::fromConfig);
        BuiltinLayers.builtin("SeparableConv1D", SeparableConv1D.class, SeparableConv1D::fromConfig);
        BuiltinLayers.builtin("SeparableConv2D", SeparableConv2D.class, SeparableConv2D::fromConfig);
        BuiltinLayers.builtin("MaxPooling1D", MaxPooling1D.class, MaxPooling1D::fromConfig);
        BuiltinLayers.builtin("MaxPooling2D", MaxPooling2D.class, MaxPooling2D::fromConfig);
        BuiltinLayers.builtin("MaxPooling3D", MaxPooling3D.class, MaxPooling3D::fromConfig);
        BuiltinLayers.builtin("AveragePooling1D", AveragePooling1D.class, AveragePooling1D::fromConfig);
        BuiltinLayers.builtin("AveragePooling2D", AveragePooling2D.class, AveragePooling2D::fromConfig);
        BuiltinLayers.builtin("AveragePooling3D", AveragePooling3D.class, AveragePooling3D::fromConfig);
        BuiltinLayers.builtin("GlobalMaxPooling1D", GlobalMaxPooling1D.class, GlobalMaxPooling1D::fromConfig);
        BuiltinLayers.builtin("GlobalMaxPooling2D", GlobalMaxPooling2D.class, GlobalMaxPooling2D::fromConfig);
        BuiltinLayers.builtin("GlobalMaxPooling3D", GlobalMaxPooling3D.class, GlobalMaxPooling3D::fromConfig);
        BuiltinLayers.builtin("GlobalAveragePooling1D", GlobalAveragePooling1D.class, GlobalAveragePooling1D::fromConfig);
        BuiltinLayers.builtin("GlobalAveragePooling2D", GlobalAveragePooling2D.class, GlobalAveragePooling2D::fromConfig);
        BuiltinLayers.builtin("GlobalAveragePooling3D", GlobalAveragePooling3D.class, GlobalAveragePooling3D::fromConfig);
    }
}
