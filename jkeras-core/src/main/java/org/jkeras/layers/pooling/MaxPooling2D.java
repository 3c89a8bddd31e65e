package org.jkeras.layers.pooling;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code MaxPooling2D} (see {@link Pooling}): pool_size default (2, 2), strides default the pool size.
 *
 * <pre>{@code
 * MaxPooling2D p = new MaxPooling2D(2).padding("same");
 * }</pre>
 */
public class MaxPooling2D extends Pooling<MaxPooling2D> {
    /** Keras's defaults: a pool of 2 on every axis. */
    public MaxPooling2D() {
        this(2);
    }

    /** A pool of {@code poolSize} on every spatial axis. */
    public MaxPooling2D(int poolSize) {
        this(new int[] {poolSize});
    }

    /** One pool size per spatial axis (or one for all). */
    public MaxPooling2D(int[] poolSize) {
        super(true, 2, poolSize);
    }

    /** Keras's {@code from_config}. */
    public static MaxPooling2D fromConfig(LayerConfig c) {
        return read(new MaxPooling2D(poolSize(c, 2)), c);
    }
}
