package org.jkeras.layers.regularization;

/**
 * Keras's {@code data_format} argument: {@code "channels_last"} (the default) or {@code "channels_first"}.
 *
 * <pre>{@code
 * String f = DataFormats.check(null);   // "channels_last"
 * }</pre>
 */
public final class DataFormats {
    private DataFormats() {}

    /** The format, defaulted and checked with Keras's message. */
    public static String check(String dataFormat) {
        if (dataFormat == null) {
            return "channels_last";
        }
        String f = dataFormat.toLowerCase(java.util.Locale.ROOT);
        if (!f.equals("channels_last") && !f.equals("channels_first")) {
            throw new IllegalArgumentException("The `data_format` argument must be one of {'channels_first', "
                    + "'channels_last'}. Received: data_format=" + dataFormat);
        }
        return f;
    }
}
