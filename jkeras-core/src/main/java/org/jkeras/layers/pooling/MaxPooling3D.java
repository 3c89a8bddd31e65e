package org.jkeras.layers.pooling;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code MaxPooling3D} (see {@link Pooling}): pool_size default (2, 2, 2), strides default the pool size.
 *
 * <pre>{@code
 * MaxPooling3D p = new MaxPooling3D(2).padding("same");
 * }</pre>
 */
public class MaxPooling3D extends Pooling<MaxPooling3D> {
    /** Keras's defaults: a pool of 2 on every axis. */
    public MaxPooling3D() {
        this(2);
    }

    /** A pool of {@code poolSize} on every spatial axis. */
    public MaxPooling3D(int poolSize) {
        this(new int[] {poolSize});
    }

    /** One pool size per spatial axis (or one for all). */
    public MaxPooling3D(int[] poolSize) {
        super(true, 3, poolSize);
    }

    /** Keras's {@code from_config}. */
    public static MaxPooling3D fromConfig(LayerConfig c) {
        return read(new MaxPooling3D(poolSize(c, 3)), c);
    }
}
