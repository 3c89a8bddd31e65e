package org.jkeras.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jkeras.autodiff.GradientCheck;
import org.jkeras.autodiff.GradientTape;
import org.jkeras.autodiff.Variable;
import org.jkeras.layers.core.Input;
import org.jkeras.models.Model;
import org.jkeras.ops.Ops;
import org.jkeras.saving.Json;
import org.jkeras.saving.LayerSerialization;
import org.jkeras.saving.Models;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;

/**
 * The one harness for every layer, in the spirit of Keras's {@code run_layer_test}. Given how to make the layer
 * (a factory, or a Keras class name and config) and its input shapes (batch size included), {@link #run()} checks:
 * <ol>
 *   <li>{@code computeOutputShape} (and the symbolic {@code apply}) equals the real output's shape, in inference and
 *       in training mode;</li>
 *   <li>config round trip: {@code getConfig} → Keras JSON → {@code fromConfig} gives the same config, and with the
 *       same weights the same output;</li>
 *   <li>{@code .keras} save/load round trip of a small functional model around the layer: equal outputs;</li>
 *   <li>gradients with respect to the inputs and every weight against finite differences;</li>
 *   <li>one gradient step on the trainable weights lowers a squared-error loss;</li>
 *   <li>a layer made twice after {@code Seeds.setGlobalSeed} has the same weights and the same training output;</li>
 *   <li>an input of a rank the layer's {@link InputSpec} refuses gets an IllegalArgumentException naming the layer
 *       and the rank.</li>
 * </ol>
 *
 * <pre>{@code
 * LayerTestCase.of(() -> new Dense(3, "relu")).inputShape(4, 5).run();
 * LayerTestCase.of("Dropout", Map.of("rate", 0.5, "seed", 3)).inputShape(2, 8).notDifferentiableInTraining().run();
 * Tensor y = LayerTestCase.of(Add::new).inputShapes(new int[] {2, 3}, new int[] {2, 3}).run();
 * }</pre>
 */
public final class LayerTestCase {
    private final Supplier<Layer> factory;
    private List<int[]> inputShapes;
    private List<Tensor> inputs;
    private int[] expectedOutputShape;
    private boolean differentiable = true;
    private boolean differentiableInTraining = true;
    private boolean saveCheck = true;
    private double gradientStep = 1e-3;

    private LayerTestCase(Supplier<Layer> factory) {
        this.factory = factory;
    }

    /** A harness making each layer instance with {@code factory} (called several times: each call a new layer). */
    public static LayerTestCase of(Supplier<? extends Layer> factory) {
        return new LayerTestCase(factory::get);
    }

    /** A harness making the layer from its Keras class name and config, through the saving registry. */
    public static LayerTestCase of(String kerasClassName, Map<String, Object> config) {
        String json = Json.write(Map.of("class_name", kerasClassName, "config", config));
        return new LayerTestCase(() -> LayerSerialization.fromJson(json));
    }

    /** One input of this shape (batch size included), filled by {@link GradientCheck#randomInput}. */
    public LayerTestCase inputShape(int... shape) {
        return inputShapes(shape);
    }

    /** Several inputs (merging layers). */
    public LayerTestCase inputShapes(int[]... shapes) {
        this.inputShapes = List.of(shapes);
        this.inputs = null;
        return this;
    }

    /** Given input values instead of random ones (e.g. positive values for a layer defined there only). */
    public LayerTestCase inputs(Tensor... values) {
        this.inputs = List.of(values);
        List<int[]> shapes = new ArrayList<>();
        for (Tensor t : values) {
            shapes.add(t.shape());
        }
        this.inputShapes = shapes;
        return this;
    }

    /** Also checks the output shape against this one (batch size included). */
    public LayerTestCase expectedOutputShape(int... shape) {
        this.expectedOutputShape = shape.clone();
        return this;
    }

    /** Skips the gradient check and the training step (a layer with no gradient, e.g. rounding). */
    public LayerTestCase notDifferentiable() {
        this.differentiable = false;
        return this;
    }

    /** Checks gradients in inference mode only (training mode draws new random numbers each call). */
    public LayerTestCase notDifferentiableInTraining() {
        this.differentiableInTraining = false;
        return this;
    }

    /** The finite-difference step (default 1e-3). */
    public LayerTestCase gradientStep(double h) {
        this.gradientStep = h;
        return this;
    }

    /** Skips the {@code .keras} round trip (for a layer not registered for saving). */
    public LayerTestCase noSaveCheck() {
        this.saveCheck = false;
        return this;
    }

    /** Runs every check; returns the inference output of the first layer instance (its first output). */
    public Tensor run() {
        assertNotNull(inputShapes, "give the input shape(s) with inputShape(...) or inputs(...)");
        List<Tensor> xs = inputs != null ? inputs : randomInputs(99);
        Layer layer = factory.get();
        List<Tensor> y = layer.callAll(xs, false);
        checkShapes(layer, y);
        checkShapes(layer, layer.callAll(xs, true));
        // a training call may change state (BatchNormalization's moving statistics): the inference output again
        y = layer.callAll(xs, false);
        checkSymbolic(xs);
        checkConfigRoundTrip(layer, xs, y);
        if (saveCheck) {
            checkSaveLoad(layer, xs, y);
        }
        if (differentiable) {
            checkGradients(layer, xs, false);
            if (differentiableInTraining) {
                checkGradients(layer, xs, true);
            }
            checkTrainingStep(layer, xs);
        }
        checkSeeded(xs);
        checkWrongRank(xs);
        return y.get(0);
    }

    private List<Tensor> randomInputs(long seed) {
        List<Tensor> out = new ArrayList<>();
        for (int i = 0; i < inputShapes.size(); i++) {
            out.add(GradientCheck.randomInput(seed + i, inputShapes.get(i)));
        }
        return out;
    }

    private static List<int[]> symbolic(List<Tensor> xs) {
        List<int[]> out = new ArrayList<>();
        for (Tensor t : xs) {
            int[] s = t.shape();
            s[0] = -1;
            out.add(s);
        }
        return out;
    }

    private void checkShapes(Layer layer, List<Tensor> y) {
        List<int[]> expected = layer.computeOutputShape(symbolic(inputsOrShapes()));
        assertEquals(expected.size(), y.size(), layer + ": number of outputs vs computeOutputShape");
        for (int i = 0; i < y.size(); i++) {
            int[] e = expected.get(i).clone();
            e[0] = y.get(i).dim(0);
            assertArrayEquals(e, y.get(i).shape(), layer + ": output " + i + " shape vs computeOutputShape "
                    + Arrays.toString(expected.get(i)));
        }
        if (expectedOutputShape != null) {
            assertArrayEquals(expectedOutputShape, y.get(0).shape(), layer + ": output shape");
        }
    }

    private List<Tensor> inputsOrShapes() {
        List<Tensor> out = new ArrayList<>();
        for (int[] s : inputShapes) {
            out.add(Tensor.zeros(s));
        }
        return out;
    }

    private List<KerasTensor> symbolicInputs() {
        List<KerasTensor> in = new ArrayList<>();
        for (int[] s : inputShapes) {
            in.add(Input.of(Arrays.copyOfRange(s, 1, s.length)));
        }
        return in;
    }

    private void checkSymbolic(List<Tensor> xs) {
        Layer fresh = factory.get();
        List<KerasTensor> out = fresh.applyAll(symbolicInputs());
        List<Tensor> y = fresh.callAll(xs, false);
        for (int i = 0; i < out.size(); i++) {
            int[] e = out.get(i).shape();
            e[0] = y.get(i).dim(0);
            assertArrayEquals(e, y.get(i).shape(), fresh + ": symbolic output " + i + " shape vs the real output");
        }
    }

    private void checkConfigRoundTrip(Layer layer, List<Tensor> xs, List<Tensor> y) {
        String json = LayerSerialization.toJson(layer);
        Layer copy = LayerSerialization.fromJson(json);
        assertEquals(layer.getClass(), copy.getClass(), "fromConfig class");
        copy.callAll(xs, false); // builds it
        assertEquals(json, LayerSerialization.toJson(copy), layer + ": config after getConfig -> fromConfig");
        copyWeights(layer, copy);
        assertClose(y, copy.callAll(xs, false), 0, layer + ": output of the layer rebuilt from its config");
    }

    private static void copyWeights(Layer from, Layer to) {
        List<Variable> a = from.weights(), b = to.weights();
        assertEquals(a.size(), b.size(), from + ": number of weights after fromConfig");
        for (int i = 0; i < a.size(); i++) {
            b.get(i).assign(a.get(i).value());
        }
    }

    private void checkSaveLoad(Layer layer, List<Tensor> xs, List<Tensor> y) {
        List<KerasTensor> in = symbolicInputs();
        Model model = new Model(in, layer.applyAll(in));
        Path dir = null;
        try {
            dir = Files.createTempDirectory("jkeras-layer-test");
            Path file = dir.resolve("layer.keras");
            model.save(file);
            Model loaded = Models.load(file);
            assertClose(y, loaded.callAll(xs, false), 0, layer + ": output after a .keras save and load");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                dir.resolve("layer.keras").toFile().delete();
                dir.toFile().delete();
            }
        }
    }

    private void checkGradients(Layer layer, List<Tensor> xs, boolean training) {
        List<Tensor> all = new ArrayList<>(xs.size() + layer.weights().size());
        for (Tensor x : xs) {
            all.add(x.copy());
        }
        for (Variable v : layer.weights()) {
            all.add(v.value());
        }
        int n = xs.size();
        GradientCheck.Result r = GradientCheck.check(in -> {
            Tensor s = null;
            for (Tensor t : layer.callAll(Arrays.asList(in).subList(0, n), training)) {
                s = s == null ? t : Ops.add(Ops.sum(s, new int[0], false), Ops.sum(t, new int[0], false));
            }
            return s;
        }, all.toArray(new Tensor[0]), gradientStep);
        assertTrue(r.passed(3e-2, 3e-3), layer + " (training=" + training + ") " + layer.getConfig() + ": " + r);
    }

    private void checkTrainingStep(Layer layer, List<Tensor> xs) {
        List<Variable> trainable = layer.trainableWeights();
        if (trainable.isEmpty()) {
            return;
        }
        Tensor target = null;
        double before;
        Tensor[] grads;
        List<Tensor> saved = new ArrayList<>();
        for (Variable v : trainable) {
            saved.add(v.value().copy());
        }
        Tensor y0 = layer.callAll(xs, false).get(0);
        target = Tensor.randomUniform(7, -1f, 1f, y0.shape());
        try (GradientTape tape = new GradientTape()) {
            tape.watch(trainable);
            Tensor loss = loss(layer, xs, target);
            before = loss.item();
            grads = tape.gradient(loss, trainable);
        }
        for (double lr : new double[] {1e-1, 1e-2, 1e-3, 1e-4}) {
            for (int i = 0; i < trainable.size(); i++) {
                trainable.get(i).assign(saved.get(i).sub(grads[i].scale((float) lr)));
            }
            double after = loss(layer, xs, target).item();
            if (after < before) {
                for (int i = 0; i < trainable.size(); i++) {
                    trainable.get(i).assign(saved.get(i));
                }
                return;
            }
        }
        fail(layer + ": no gradient step (learning rates 0.1 to 1e-4) lowered the loss " + before);
    }

    private static Tensor loss(Layer layer, List<Tensor> xs, Tensor target) {
        Tensor y = layer.callAll(xs, false).get(0);
        return Ops.mean(Ops.square(Ops.subtract(y, target)), new int[0], false);
    }

    private void checkSeeded(List<Tensor> xs) {
        Seeds.setGlobalSeed(1234);
        Layer a = factory.get();
        List<Tensor> ya = a.callAll(xs, true);
        Seeds.setGlobalSeed(1234);
        Layer b = factory.get();
        List<Tensor> yb = b.callAll(xs, true);
        assertEquals(a.weights().size(), b.weights().size());
        for (int i = 0; i < a.weights().size(); i++) {
            assertArrayEquals(a.weights().get(i).value().toArray(), b.weights().get(i).value().toArray(),
                    a + ": weight " + i + " with the same global seed");
        }
        assertClose(ya, yb, 0, a + ": training output with the same global seed");
    }

    private void checkWrongRank(List<Tensor> xs) {
        Layer layer = factory.get();
        layer.callAll(xs, false); // built: the spec may be refined by build (Dense's last axis, PReLU's rank)
        List<InputSpec> specs = layer.inputSpec();
        if (specs.isEmpty()) {
            return; // the layer accepts any rank
        }
        InputSpec spec = specs.get(0);
        int rank = xs.get(0).rank();
        int wrong = spec.ndim() >= 0 ? rank + 1 : spec.minNdim() > 1 ? spec.minNdim() - 1 : -1;
        if (wrong < 0) {
            return;
        }
        int[] shape = new int[wrong];
        Arrays.fill(shape, 2);
        List<Tensor> bad = new ArrayList<>(xs);
        bad.set(0, Tensor.zeros(shape));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.callAll(bad, false),
                layer + ": an input of rank " + wrong);
        assertTrue(e.getMessage().contains(layer.name()) && e.getMessage().contains("ndim"), e.getMessage());
    }

    private static void assertClose(List<Tensor> a, List<Tensor> b, double tol, String what) {
        assertEquals(a.size(), b.size(), what + ": number of outputs");
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).shape(), b.get(i).shape(), what + ": shape of output " + i);
            float[] x = a.get(i).toArray(), y = b.get(i).toArray();
            for (int k = 0; k < x.length; k++) {
                if (Math.abs(x[k] - y[k]) > tol) {
                    fail(what + ": output " + i + " differs at " + k + ": " + x[k] + " vs " + y[k]);
                }
            }
        }
    }

    /**
     * A harness whose first layer is {@code layer} itself (used as given, e.g. already configured), and whose further
     * instances are rebuilt from its config.
     */
    public static LayerTestCase of(Layer layer) {
        String json = LayerSerialization.toJson(layer);
        boolean[] first = {true};
        return new LayerTestCase(() -> {
            if (first[0]) {
                first[0] = false;
                return layer;
            }
            return LayerSerialization.fromJson(json);
        });
    }

    /** {@code of(layer).inputShape(inputShape)}, without the gradient and training checks when not differentiable. */
    public static Tensor run(Layer layer, int[] inputShape, boolean differentiable) {
        LayerTestCase t = of(layer).inputShape(inputShape);
        if (!differentiable) {
            t.notDifferentiable();
        }
        return t.run();
    }
}
