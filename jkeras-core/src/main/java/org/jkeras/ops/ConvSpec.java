package org.jkeras.ops;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a convolution or pooling window moves: strides, padding ({@code valid}, {@code same}, {@code causal}),
 * dilation, groups and the data format, with Keras's spellings. One entry per spatial axis.
 *
 * <pre>{@code
 * ConvSpec s = ConvSpec.of(new int[] {2, 2}, "same", new int[] {1, 1}, 1, "channels_last");
 * Tensor y = ConvOps.conv(x, kernel, bias, s, UnaryOp.RELU, 0f);
 * }</pre>
 *
 * @param strides       the step of the window per spatial axis
 * @param padding       {@code valid}, {@code same} or (1-D convolutions) {@code causal}, lower case
 * @param dilation      the spacing of kernel taps per spatial axis
 * @param groups        input and output channels split into this many independent groups
 * @param channelsFirst true for {@code channels_first} ({@code [batch, channels, spatial...]})
 */
public record ConvSpec(int[] strides, String padding, int[] dilation, int groups, boolean channelsFirst) {

    /** Validates Keras's strings: padding as above, data_format {@code channels_last} or {@code channels_first}. */
    public static ConvSpec of(int[] strides, String padding, int[] dilation, int groups, String dataFormat) {
        return new ConvSpec(strides.clone(), padding(padding, true), dilation.clone(), groups, channelsFirst(dataFormat));
    }

    /** Strides 1, valid padding, no dilation, one group, channels_last, for {@code rank} spatial axes. */
    public static ConvSpec defaults(int rank) {
        int[] ones = new int[rank];
        Arrays.fill(ones, 1);
        return new ConvSpec(ones, "valid", ones.clone(), 1, false);
    }

    /** Lower-cased padding; throws naming the value when it is not a Keras padding. */
    public static String padding(String padding, boolean allowCausal) {
        String p = padding == null ? "null" : padding.toLowerCase(Locale.ROOT);
        if (p.equals("valid") || p.equals("same") || (allowCausal && p.equals("causal"))) {
            return p;
        }
        throw new IllegalArgumentException("padding must be " + (allowCausal ? "'valid', 'same' or 'causal'" : "'valid' or 'same'")
                + "; Received: padding=" + padding + ".");
    }

    /** True for {@code channels_first}; throws naming the value when it is neither Keras data format. */
    public static boolean channelsFirst(String dataFormat) {
        String f = dataFormat == null ? "null" : dataFormat.toLowerCase(Locale.ROOT);
        if (f.equals("channels_last")) {
            return false;
        }
        if (f.equals("channels_first")) {
            return true;
        }
        throw new IllegalArgumentException("data_format must be 'channels_last' or 'channels_first'; Received: data_format="
                + dataFormat + ".");
    }

    /** The same window with other strides (used by separable convolution's pointwise step). */
    ConvSpec pointwise() {
        int[] ones = new int[strides.length];
        Arrays.fill(ones, 1);
        return new ConvSpec(ones, "valid", ones.clone(), 1, channelsFirst);
    }

    @Override
    public String toString() {
        return "ConvSpec[strides=" + Arrays.toString(strides) + ", padding=" + padding + ", dilation="
                + Arrays.toString(dilation) + ", groups=" + groups + ", " + (channelsFirst ? "channels_first" : "channels_last") + "]";
    }
}
