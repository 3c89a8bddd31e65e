package org.jkeras.layers.preprocessing.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jkeras.layers.LayerTestCase;
import org.jkeras.saving.LayerSerialization;
import org.jkeras.tensor.StringTensor;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookupTest {
    @Test
    void integerLookupGoesThroughTheHarness() {
        Tensor in = Tensor.of(new float[] {12, 1138, 42, 7}, 2, 2);
        Tensor ids = LayerTestCase.of(() -> new IntegerLookup().vocabulary(List.of(12L, 36L, 1138L, 42L)))
                .inputs(in).notDifferentiable().run();
        assertArrayEquals(new float[] {1, 3, 4, 0}, ids.toArray());
        Tensor hot = LayerTestCase.of(() -> new IntegerLookup().outputMode("multi_hot").vocabulary(List.of(12L, 36L)))
                .inputs(in).notDifferentiable().run();
        assertArrayEquals(new int[] {2, 3}, hot.shape());
    }

    @Test
    void stringLookupRoundTripsItsConfigAndReadsAVocabularyFile(@TempDir Path tmp) throws Exception {
        StringLookup l = new StringLookup().maskToken("").numOovIndices(2);
        l.vocabulary(List.of("the", "cat"));
        StringLookup back = (StringLookup) LayerSerialization.fromJson(LayerSerialization.toJson(l));
        StringTensor q = StringTensor.of("the", "", "cat", "dog");
        assertArrayEquals(l.call(q).toArray(), back.call(q).toArray());
        assertEquals(List.of("", "[UNK]", "[UNK]", "the", "cat"), back.vocabulary());
        Path f = tmp.resolve("vocab.txt");
        Files.writeString(f, "a\nb\nc\n");
        StringLookup fromFile = new StringLookup().vocabularyFile(f);
        assertArrayEquals(new float[] {3, 1, 0}, fromFile.call(StringTensor.of("c", "a", "zz")).toArray());
        StringLookup inv = new StringLookup().invert(true).vocabulary(List.of("a", "b"));
        assertArrayEquals(new String[] {"[UNK]", "a", "b", "[UNK]"},
                inv.invertLookup(Tensor.of(new float[] {0, 1, 2, 9}, 4)).toArray());
    }

    @Test
    void badInputIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StringLookup().vocabulary(List.of("a", "b", "a")));
        assertTrue(e.getMessage().contains("repeated term") && e.getMessage().contains("[a]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new StringLookup().numOovIndices(0).vocabulary(List.of("a")).call(StringTensor.of("zz")));
        assertTrue(e.getMessage().contains("num_oov_indices=0") && e.getMessage().contains("zz"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new StringLookup().invert(true).outputMode("count").vocabulary(List.of("a")));
        assertTrue(e.getMessage().contains("invert"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StringLookup().maxTokens(3)
                .vocabulary(List.of("a", "b", "c")));
        assertTrue(e.getMessage().contains("`max_tokens` is 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new IntegerLookup().vocabulary(List.of(1L)).call(Tensor.of(new float[] {1.5f}, 1)));
        assertTrue(e.getMessage().contains("1.5") && e.getMessage().contains("not an integer"), e.getMessage());
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> new StringLookup().outputMode("count").call(StringTensor.of("a")));
        assertTrue(s.getMessage().contains("vocabulary before calling"), s.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StringLookup().numOovIndices(-1));
        assertTrue(e.getMessage().contains("num_oov_indices=-1"), e.getMessage());
    }
}
