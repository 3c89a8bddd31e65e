package org.jkeras.layers.preprocessing.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jkeras.saving.LayerSerialization;
import org.jkeras.tensor.StringTensor;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TextVectorizationTest {
    @Test
    void adaptsAndRoundTripsItsConfig() {
        TextVectorization tv = new TextVectorization().outputSequenceLength(4).ngrams(1, 2);
        tv.adapt(List.of("The cat sat.", "the cat!"));
        assertEquals(List.of("", "[UNK]", "the cat", "the", "cat", "sat", "cat sat"), tv.vocabulary());
        Tensor ids = tv.call(StringTensor.of("the cat ate", ""));
        assertArrayEquals(new int[] {2, 4}, ids.shape());
        assertArrayEquals(new float[] {3, 4, 1, 2, 0, 0, 0, 0}, ids.toArray());
        TextVectorization fixed = new TextVectorization().outputMode("count").vocabulary(List.of("a", "b"));
        TextVectorization back = (TextVectorization) LayerSerialization.fromJson(LayerSerialization.toJson(fixed));
        StringTensor q = StringTensor.column(List.of("a a b c", "B"));
        assertArrayEquals(fixed.call(q).toArray(), back.call(q).toArray());
        assertArrayEquals(new float[] {1, 2, 1, 0, 0, 1}, back.call(q).toArray());
    }

    @Test
    void badInputIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TextVectorization().vocabulary(List.of("a")).call(StringTensor.of(new String[] {"a", "b"}, 1, 2)));
        assertTrue(e.getMessage().contains("last shape dimension must be 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TextVectorization().outputMode("count").outputSequenceLength(3).adapt(List.of("a")));
        assertTrue(e.getMessage().contains("output_sequence_length"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TextVectorization().standardize("upper"));
        assertTrue(e.getMessage().contains("standardize=upper"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TextVectorization().split("comma"));
        assertTrue(e.getMessage().contains("split=comma"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TextVectorization().vocabulary(List.of("a")).call(Tensor.zeros(2, 1)));
        assertTrue(e.getMessage().contains("takes strings"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> {
            TextVectorization tv = new TextVectorization().vocabulary(List.of("a"));
            tv.adapt(List.of("b"));
        });
        assertTrue(e.getMessage().contains("Cannot adapt"), e.getMessage());
    }
}
