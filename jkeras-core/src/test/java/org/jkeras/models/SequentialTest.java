package org.jkeras.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.jkeras.data.TestData;
import org.jkeras.layers.Layer;
import org.jkeras.layers.Names;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.core.InputLayer;
import org.jkeras.layers.regularization.Dropout;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import org.jkeras.training.FitOptions;
import org.junit.jupiter.api.Test;

class SequentialTest {

    /**
     * The fixture was printed by Keras with line_length=100 into an 80-column console, which clips every table
     * line at 80 characters; our table at 100 columns, clipped the same way, must equal it line for line.
     */
    @Test
    void summaryMatchesKeras() throws Exception {
        Names.reset();
        Sequential m = new Sequential(new InputLayer(20), new Dense(32, "relu"), new Dropout(0.2), new Dense(16, "tanh"),
                new Dense(3, "softmax"));
        m.compile("adam", "categorical_crossentropy");
        m.fit(Tensor.zeros(4, 20), Tensor.ones(4, 3).scale(1f / 3), FitOptions.defaults().verbose(0).epochs(1));
        List<String> expected = Files.readAllLines(TestData.fixture("keras3-generated/mlp/summary.txt"),
                StandardCharsets.UTF_8);
        String[] got = m.summaryText(100).split("\n");
        assertEquals(expected.size(), got.length, m.summaryText(100));
        for (int i = 0; i < got.length; i++) {
            String clipped = got[i].length() > 80 ? got[i].substring(0, 80) : got[i];
            assertEquals(expected.get(i), clipped, "summary line " + i);
        }
        assertEquals(1251, m.countParams());
    }

    @Test
    void buildsFromFirstLayerInputShapeOrFromData() {
        Sequential declared = new Sequential(new Dense(4, "relu").inputDim(3), new Dense(2));
        assertTrue(declared.built());
        assertArrayEquals(new int[] {-1, 2}, declared.outputShape());
        assertEquals(3 * 4 + 4 + 4 * 2 + 2, declared.countParams());

        Sequential lazy = new Sequential(new Dense(4), new Dense(2));
        IllegalStateException e = assertThrows(IllegalStateException.class, lazy::countParams);
        assertTrue(e.getMessage().contains("not been built"), e.getMessage());
        Tensor out = lazy.predict(Tensor.ones(5, 7), EvaluateOptions.defaults().verbose(0));
        assertArrayEquals(new int[] {5, 2}, out.shape());
        assertEquals(7 * 4 + 4 + 4 * 2 + 2, lazy.countParams());
    }

    @Test
    void addPopAndWeightsInKerasOrder() {
        Sequential m = new Sequential(new Dense(4).inputDim(3));
        m.add(new Dense(2));
        assertEquals(4, m.getWeights().size());
        assertArrayEquals(new int[] {3, 4}, m.getWeights().get(0).shape());
        assertArrayEquals(new int[] {4}, m.getWeights().get(1).shape());
        Layer last = m.pop();
        assertEquals(2, ((Dense) last).units());
        assertEquals(1, m.layers().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.setWeights(List.of(Tensor.zeros(3, 5), Tensor.zeros(4))));
        assertTrue(e.getMessage().contains("[3, 4]") && e.getMessage().contains("[3, 5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.add(new Dense(1).name(m.layers().get(0).name())));
    }

    @Test
    void predictOnEmptyModelSaysWhatToDo() {
        Sequential empty = new Sequential();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> empty.predict(Tensor.ones(2, 3), EvaluateOptions.defaults().verbose(0)));
        assertTrue(e.getMessage().contains("no layers"), e.getMessage());
    }
}
