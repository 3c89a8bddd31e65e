package org.jkeras.saving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.Adam;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by jkeras, opened by Python's h5py and zipfile (python3-h5py, installed by .ci/run): every member,
 * group, dataset and attribute is where Keras looks for it, and the values are the model's. Without Python 3 and
 * h5py these tests are reported as skipped, with the reason and the install command (JUnit assumptions), never
 * as passed. {@code -Djkeras.test.python=PATH} names the interpreter to use instead of looking for one.
 */
class PythonInteropTest {
    @TempDir
    Path dir;

    /** Interpreters tried in order: Debian's python3 (where apt's python3-h5py goes), then python3 on PATH. */
    static List<String> candidates() {
        String configured = System.getProperty("jkeras.test.python");
        return configured != null && !configured.isBlank() ? List.of(configured) : List.of("/usr/bin/python3", "python3");
    }

    /** The first interpreter that imports h5py, or empty. */
    static Optional<String> findPython() {
        for (String p : candidates()) {
            try {
                Process pr = new ProcessBuilder(p, "-c", "import h5py").redirectErrorStream(true).start();
                pr.getInputStream().readAllBytes();
                if (pr.waitFor(60, TimeUnit.SECONDS) && pr.exitValue() == 0) {
                    return Optional.of(p);
                }
                pr.destroyForcibly();
            } catch (IOException e) {
                // not installed there: try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.empty();
    }

    /** Lookups done so far, by the candidates tried (a process start each, so once per JVM). */
    private static final java.util.Map<List<String>, Optional<String>> FOUND = new java.util.concurrent.ConcurrentHashMap<>();

    /** Why the interop tests are skipped: what was tried and how to install h5py. */
    static String missingReason() {
        return "Python 3 with h5py not found (tried " + String.join(", ", candidates())
                + "); install it with: apt-get install -y python3-h5py";
    }

    /** Skips before any model is built or trained when h5py is missing. */
    @BeforeEach
    void requireH5py() {
        python();
    }

    /** The interpreter to use; skips the calling test (an assumption, so it is reported as skipped) when there is none. */
    static String python() {
        Optional<String> py = FOUND.computeIfAbsent(candidates(), c -> findPython());
        assumeTrue(py.isPresent(), PythonInteropTest::missingReason);
        return py.get();
    }

    static String run(Path script, String... args) throws IOException, InterruptedException {
        String py = python();
        List<String> cmd = new java.util.ArrayList<>(List.of(py, script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(120, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), "python check failed:\n" + out);
        return out;
    }

    @Test
    void h5pyAndZipfileReadWhatJkerasWrites() throws Exception {
        Seeds.setGlobalSeed(1);
        org.jkeras.layers.Names.reset();
        Sequential m = RoundTripTest.model(new Adam(0.01), true);
        Tensor[] d = RoundTripTest.data();
        RoundTripTest.fit(m, d, 1);
        m.save(dir.resolve("m.keras"));
        m.save(dir.resolve("m.h5"));
        m.saveWeights(dir.resolve("m.weights.h5"));
        m.saveWeights(dir.resolve("legacy_weights.h5"));
        org.jkeras.data.Npy.write(dir.resolve("kernel0.npy"), m.layers().get(3).weights().get(0).value());
        org.jkeras.data.Npy.write(dir.resolve("m0.npy"), m.optimizer().slotVariables().get(0).value());
        Path script = dir.resolve("check.py");
        Files.writeString(script, String.join("\n",
                "import sys, json, zipfile, io, h5py, numpy as np",
                "d = sys.argv[1]",
                "z = zipfile.ZipFile(d + '/m.keras')",
                "assert z.namelist() == ['metadata.json', 'config.json', 'model.weights.h5'], z.namelist()",
                "assert all(i.compress_type == zipfile.ZIP_STORED for i in z.infolist())",
                "meta = json.loads(z.read('metadata.json')); assert set(meta) == {'keras_version', 'date_saved'}, meta",
                "cfg = json.loads(z.read('config.json'))",
                "assert list(cfg) == ['module', 'class_name', 'config', 'registered_name', 'build_config', 'compile_config'], list(cfg)",
                "assert cfg['compile_config']['optimizer']['class_name'] == 'Adam'",
                "kernel = np.load(d + '/kernel0.npy'); m0 = np.load(d + '/m0.npy')",
                "def check_weights(f):",
                "    assert len(f.attrs) == 0, dict(f.attrs)",
                "    assert sorted(f.keys()) == ['layers', 'optimizer', 'vars'], list(f.keys())",
                "    assert sorted(f['layers'].keys()) == ['activation', 'dense', 'dense_1', 'dense_2', 'dropout', 'flatten', 're_lu', 'reshape'], list(f['layers'].keys())",
                "    assert f['layers/dense/vars'].attrs['name'] == 'dense'",
                "    np.testing.assert_array_equal(f['layers/dense_1/vars/0'][()], kernel)",
                "    assert f['layers/dense_1/vars/0'].dtype == np.float32",
                "    assert len(f['layers/dropout/vars']) == 0",
                "    o = f['optimizer/vars']",
                "    assert o.attrs['name'] == 'adam' and len(o) == 2 + 12, len(o)",
                "    assert o['0'][()] == 5 and o['0'].dtype == np.int32, o['0'][()]",
                "    assert abs(o['1'][()] - 0.01) < 1e-9 and o['1'].shape == ()",
                "    np.testing.assert_array_equal(o['2'][()], m0)",
                "    assert f['vars'].attrs['name'] == 'sequential'",
                "check_weights(h5py.File(io.BytesIO(z.read('model.weights.h5')), 'r'))",
                "check_weights(h5py.File(d + '/m.weights.h5', 'r'))",
                "f = h5py.File(d + '/m.h5', 'r')",
                "assert sorted(f.attrs.keys()) == ['backend', 'keras_version', 'model_config', 'training_config'], list(f.attrs)",
                "mc = json.loads(f.attrs['model_config'])",
                "assert mc['class_name'] == 'Sequential' and set(mc) == {'class_name', 'config'}",
                "assert mc['config']['layers'][0]['config']['batch_input_shape'] == [None, 2, 3]",
                "tc = json.loads(f.attrs['training_config']); assert tc['optimizer_config']['class_name'] == 'Adam'",
                "g = f['model_weights']",
                "names = [n.decode() if isinstance(n, bytes) else n for n in g.attrs['layer_names']]",
                "assert names == ['reshape', 'dense', 'dropout', 'dense_1', 're_lu', 'flatten', 'dense_2', 'activation'], names",
                "wn = [n.decode() for n in g['dense_1'].attrs['weight_names']]",
                "assert wn == ['dense_1/kernel:0', 'dense_1/bias:0'], wn",
                "np.testing.assert_array_equal(g['dense_1'][wn[0]][()], kernel)",
                "assert g['dropout'].attrs['weight_names'].shape == (0,)",
                "w = h5py.File(d + '/legacy_weights.h5', 'r')",
                "assert 'layer_names' in w.attrs and 'dense_1' in w and 'model_weights' not in w",
                "print('ok')", ""));
        assertEquals("ok", run(script, dir.toString()).trim());
    }

    @Test
    void h5pyAndZipfileReadAFunctionalModel() throws Exception {
        Seeds.setGlobalSeed(3);
        org.jkeras.layers.Names.reset();
        org.jkeras.models.Model m = FunctionalRoundTripTest.model(new Adam(0.01));
        FunctionalRoundTripTest.fit(m, 1);
        m.save(dir.resolve("f.keras"));
        m.save(dir.resolve("f.h5"));
        org.jkeras.data.Npy.write(dir.resolve("shared.npy"), m.getLayer("shared").weights().get(0).value());
        Path script = dir.resolve("check_functional.py");
        Files.writeString(script, String.join("\n",
                "import sys, json, zipfile, io, h5py, numpy as np",
                "d = sys.argv[1]",
                "z = zipfile.ZipFile(d + '/f.keras')",
                "assert z.namelist() == ['metadata.json', 'config.json', 'model.weights.h5'], z.namelist()",
                "cfg = json.loads(z.read('config.json'))",
                "assert cfg['module'] == 'keras.src.models.functional' and cfg['class_name'] == 'Functional'",
                "assert cfg['registered_name'] == 'Functional', cfg['registered_name']",
                "c = cfg['config']",
                "assert c['input_layers'] == [['in_a', 0, 0], ['in_b', 0, 0]], c['input_layers']",
                "assert c['output_layers'] == [['out_a', 0, 0], ['out_b', 0, 0]], c['output_layers']",
                "layers = {l['name']: l for l in c['layers']}",
                "sh = layers['shared']",
                "assert len(sh['inbound_nodes']) == 2",
                "h = [n['args'][0]['config']['keras_history'] for n in sh['inbound_nodes']]",
                "assert h == [['in_a', 0, 0], ['in_b', 0, 0]], h",
                "assert sh['config']['kernel_regularizer']['class_name'] == 'L2'",
                "assert sh['config']['kernel_constraint']['class_name'] == 'MaxNorm'",
                "add = layers['add']['inbound_nodes'][0]['args'][0]",
                "assert [t['config']['keras_history'] for t in add] == [['shared', 0, 0], ['shared', 1, 0]]",
                "assert add[0]['class_name'] == '__keras_tensor__' and add[0]['config']['shape'] == [None, 6]",
                "cc = cfg['compile_config']",
                "assert cc['loss'] == {'out_a': 'binary_crossentropy', 'out_b': 'categorical_crossentropy'}, cc['loss']",
                "assert cc['loss_weights'] == {'out_a': 1.0, 'out_b': 0.5}, cc['loss_weights']",
                "assert cc['metrics'] == {'out_a': ['accuracy'], 'out_b': ['accuracy']}, cc['metrics']",
                "f = h5py.File(io.BytesIO(z.read('model.weights.h5')), 'r')",
                "keys = sorted(f['layers'].keys())",
                "assert keys == ['add', 'concatenate', 'dense', 'dense_1', 'dense_2', 'dense_3', 'input_layer', 'input_layer_1'], keys",
                "names = {k: f['layers'][k]['vars'].attrs['name'] for k in keys}",
                "assert names['input_layer'] == 'in_a' and names['dense'] == 'shared', names",
                "np.testing.assert_array_equal(f['layers/dense/vars/0'][()], np.load(d + '/shared.npy'))",
                "assert f['vars'].attrs['name'] == 'two_by_two'",
                "assert len(f['optimizer/vars']) == 2 + 2 * 8",
                "g = h5py.File(d + '/f.h5', 'r')",
                "mc = json.loads(g.attrs['model_config'])",
                "assert mc['class_name'] == 'Functional' and set(mc) == {'class_name', 'config'}",
                "l2 = {l['name']: l for l in mc['config']['layers']}",
                "assert l2['add']['inbound_nodes'] == [[['shared', 0, 0, {}], ['shared', 1, 0, {}]]], l2['add']['inbound_nodes']",
                "assert l2['in_a']['config']['batch_input_shape'] == [None, 4]",
                "assert mc['config']['input_layers'] == [['in_a', 0, 0], ['in_b', 0, 0]]",
                "ln = [n.decode() if isinstance(n, bytes) else n for n in g['model_weights'].attrs['layer_names']]",
                "assert ln == [l['name'] for l in mc['config']['layers']], ln",
                "wn = [n.decode() for n in g['model_weights/shared'].attrs['weight_names']]",
                "assert wn == ['shared/kernel:0', 'shared/bias:0'], wn",
                "print('ok')", ""));
        assertEquals("ok", run(script, dir.toString()).trim());
    }
}
