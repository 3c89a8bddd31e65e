package org.jkeras.layers;

import java.util.Locale;

/**
 * Keras's {@code data_format} argument of image-like layers: {@code "channels_last"} ({@code (batch, ..., channels)},
 * Keras's default {@code image_data_format()}) or {@code "channels_first"} ({@code (batch, channels, ...)}).
 *
 * <pre>{@code
 * DataFormat f = DataFormat.parse("channels_first", "conv2d");   // CHANNELS_FIRST
 * int channelAxis = f.channelAxis(4);                            // 1
 * }</pre>
 */
public enum DataFormat {
    CHANNELS_LAST("channels_last"),
    CHANNELS_FIRST("channels_first");

    private final String kerasName;

    DataFormat(String kerasName) {
        this.kerasName = kerasName;
    }

    /** The Keras string. */
    public String kerasName() {
        return kerasName;
    }

    /** The channel axis of a shape of rank {@code rank} (batch axis included). */
    public int channelAxis(int rank) {
        return this == CHANNELS_LAST ? rank - 1 : 1;
    }

    /** The first spatial axis (1 for channels_last, 2 for channels_first). */
    public int firstSpatialAxis() {
        return this == CHANNELS_LAST ? 1 : 2;
    }

    /**
     * Parses Keras's string (case-insensitive, as Keras lowercases it); null means Keras's default, channels_last.
     *
     * @throws IllegalArgumentException naming the layer and the value, for anything else
     */
    public static DataFormat parse(String value, String layerName) {
        if (value == null) {
            return CHANNELS_LAST;
        }
        String v = value.toLowerCase(Locale.ROOT);
        for (DataFormat f : values()) {
            if (f.kerasName.equals(v)) {
                return f;
            }
        }
        throw new IllegalArgumentException("The `data_format` argument of layer '" + layerName + "' must be one of "
                + "{\"channels_first\", \"channels_last\"}. Received: data_format=" + value + ".");
    }

    @Override
    public String toString() {
        return kerasName;
    }
}
