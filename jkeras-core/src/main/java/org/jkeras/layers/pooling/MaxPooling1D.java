package org.jkeras.layers.pooling;

import org.jkeras.layers.LayerConfig;

/**
 * Keras's {@code MaxPooling1D} (see {@link Pooling}): pool_size default 2, strides default the pool size.
 *
 * <pre>{@code
 * MaxPooling1D p = new MaxPooling1D(2).padding("same");
 * }</pre>
 */
public class MaxPooling1D extends Pooling<MaxPooling1D> {
    /** Keras's defaults: a pool of 2 on every axis. */
    public MaxPooling1D() {
        this(2);
    }

    /** A pool of {@code poolSize} on every spatial axis. */
    public MaxPooling1D(int poolSize) {
        this(new int[] {poolSize});
    }

    /** One pool size per spatial axis (or one for all). */
    public MaxPooling1D(int[] poolSize) {
        super(true, 1, poolSize);
    }

    /** Keras's {@code from_config}. */
    public static MaxPooling1D fromConfig(LayerConfig c) {
        return read(new MaxPooling1D(poolSize(c, 1)), c);
    }
}
