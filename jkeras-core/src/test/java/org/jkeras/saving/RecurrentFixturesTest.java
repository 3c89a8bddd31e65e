package org.jkeras.saving;

import static org.jkeras.saving.KerasFixturesTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jkeras.data.Npy;
import org.jkeras.data.TestData;
import org.jkeras.layers.core.Embedding;
import org.jkeras.layers.core.InputLayer;
import org.jkeras.layers.rnn.LSTM;
import org.jkeras.models.Model;
import org.jkeras.models.Sequential;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Real Keras files with Embedding and recurrent layers load in jkeras and predict what Keras predicted. */
class RecurrentFixturesTest {
    private static Path gen(String dir, String file) {
        return TestData.fixture("keras3-generated/" + dir + "/" + file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm.keras", "lstm.h5", "config.json"})
    void keras3Lstm(String file) throws IOException {
        Model m = load("lstm", file);
        assertTrue(m.getLayer("lstm") instanceof LSTM);
        assertClose(Npy.read(gen("lstm", "out.npy")), m.predict(Npy.read(gen("lstm", "in_input.npy")), org.jkeras.training.EvaluateOptions.defaults().verbose(0)), 1e-4,
                "lstm " + file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedding.keras", "embedding.h5", "config.json"})
    void keras3Embedding(String file) throws IOException {
        Model m = load("embedding", file);
        assertTrue(m.getLayer("embedding") instanceof Embedding);
        assertEquals("int32", ((Sequential) m).inputLayer().dtype(), "the int32 Input is kept");
        assertClose(Npy.read(gen("embedding", "out.npy")), m.predict(Npy.read(gen("embedding", "in_input.npy")), org.jkeras.training.EvaluateOptions.defaults().verbose(0)), 1e-5,
                "embedding " + file);
    }

    private static Model load(String dir, String file) throws IOException {
        if (file.equals("config.json")) {
            Model m = Models.fromJson(Files.readString(gen(dir, file)));
            m.loadWeights(gen(dir, dir + ".weights.h5"));
            return m;
        }
        return Models.load(gen(dir, file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "embedding"})
    void savedByJkerasLoadsBackWithTheSameOutputsAndDtype(String dir, @TempDir Path tmp) throws IOException {
        Model m = Models.load(gen(dir, dir + ".keras"));
        Tensor x = Npy.read(gen(dir, "in_input.npy"));
        for (String ext : new String[] {".keras", ".h5"}) {
            Path p = tmp.resolve("again" + ext);
            m.save(p);
            Model back = Models.load(p);
            assertClose(m.predict(x, org.jkeras.training.EvaluateOptions.defaults().verbose(0)), back.predict(x, org.jkeras.training.EvaluateOptions.defaults().verbose(0)), 1e-6, dir + " saved as " + ext);
            InputLayer in = ((Sequential) back).inputLayer();
            assertEquals(dir.equals("embedding") ? "int32" : "float32", in.dtype(), ext);
        }
    }

    @Test
    void keras2SimpleLstmWithHardSigmoid() throws IOException {
        Path dir = TestData.fixture("keras2/with_reference");
        Model m = Models.load(dir.resolve("dl4j_simple_flatten_lstm_tf_keras_2_model.h5"));
        try (HdfFile io = new HdfFile(dir.resolve("dl4j_simple_flatten_lstm_tf_keras_2_inputs_and_outputs.h5"))) {
            Tensor x = Hdf5.tensor((io.jhdf.api.Dataset) io.getByPath("inputs/lstm_1_input"));
            Tensor y = Hdf5.tensor((io.jhdf.api.Dataset) io.getByPath("predictions/dense_1"));
            assertClose(y, m.predict(x, org.jkeras.training.EvaluateOptions.defaults().verbose(0)), 1e-4, "dl4j simple_flatten_lstm");
        }
    }

    @Test
    void keras2EmbeddingLstmLoadsAndRuns() throws IOException {
        Model m = Models.load(TestData.fixture("keras2/no_reference/dl4j_embedding_lstm_tensorflow_2.h5"));
        Tensor ids = Tensor.of(new float[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 3, 3, 2, 2, 1, 1, 0, 0, 3, 2}, 2, 10);
        Tensor y = m.predict(ids, org.jkeras.training.EvaluateOptions.defaults().verbose(0));
        assertEquals(2, y.dim(0));
        // no reference outputs in the file: check against a direct computation from the loaded weights
        Embedding e = (Embedding) m.layers().get(0);
        LSTM l = (LSTM) m.layers().get(1);
        Tensor expected = ReferenceLstm.run(ReferenceLstm.embed(ids, e.embeddings().value()), l);
        assertClose(expected, y, 1e-5, "embedding > lstm vs a direct loop");
    }

    @Test
    void tfKerasIssue9349EmbeddingConv1dLoadsAndRuns() throws IOException {
        Model m = Models.load(TestData.fixture("keras2/no_reference/dl4j_tfkeras_issue_9349_embedding_conv1d.hdf5"));
        int len = m.inputs().get(0).shape()[1];
        float[] ids = new float[2 * len];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i % 5;
        }
        Tensor y = m.predict(Tensor.of(ids, 2, len), org.jkeras.training.EvaluateOptions.defaults().verbose(0));
        assertEquals(2, y.dim(0));
        for (float v : y.toArray()) {
            assertTrue(Float.isFinite(v));
        }
    }
}
