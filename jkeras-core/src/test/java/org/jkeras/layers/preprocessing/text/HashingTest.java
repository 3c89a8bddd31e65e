package org.jkeras.layers.preprocessing.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.jkeras.layers.LayerTestCase;
import org.jkeras.tensor.StringTensor;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;

class HashingTest {
    @Test
    void integerInputsGoThroughTheHarness() {
        Tensor ids = Tensor.of(new float[] {0, 1, 2, -5, 7, 0}, 2, 3);
        Tensor out = LayerTestCase.of(() -> new Hashing(11).maskValue(0)).inputs(ids).notDifferentiable().run();
        assertArrayEquals(new int[] {2, 3}, out.shape());
        assertEquals(0f, out.toArray()[0]);
        assertEquals(0f, out.toArray()[5]);
        Tensor counts = LayerTestCase.of(() -> new Hashing(6).outputMode("count").salt(3, 4)).inputs(ids)
                .notDifferentiable().run();
        assertArrayEquals(new int[] {2, 6}, counts.shape());
    }

    @Test
    void sipHashMatchesTheReferenceVector() {
        // SipHash-2-4 paper, appendix A: key 00..0f, message 00..0e -> a129ca6149be45e5
        byte[] msg = new byte[15];
        for (int i = 0; i < msg.length; i++) {
            msg[i] = (byte) i;
        }
        assertEquals(0xa129ca6149be45e5L, StringHashes.sipHash24(0x0706050403020100L, 0x0f0e0d0c0b0a0908L, msg));
        assertEquals(StringHashes.fingerprint64("abc".getBytes(StandardCharsets.UTF_8)),
                StringHashes.fingerprint64("abc".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void badInputIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Hashing(0));
        assertTrue(e.getMessage().contains("num_bins=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Hashing(3).outputMode("tf_idf"));
        assertTrue(e.getMessage().contains("output_mode=tf_idf"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Hashing(3).maskValue(1.5f).maskValue(new Object()));
        assertTrue(e.getMessage().contains("mask_value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StringTensor.of(new String[] {"a", "b", "c"}, 2, 2));
        assertTrue(e.getMessage().contains("do not fill shape [2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TextVectorizationStub().call(Tensor.zeros(2, 1)));
        assertTrue(e.getMessage().contains("takes strings"), e.getMessage());
    }

    /** A text layer that takes only strings. */
    private static final class TextVectorizationStub extends TextLayer {
        @Override
        public Tensor call(StringTensor input) {
            return Tensor.zeros(1);
        }

        @Override
        public java.util.List<int[]> computeOutputShape(java.util.List<int[]> s) {
            return s;
        }
    }
}
