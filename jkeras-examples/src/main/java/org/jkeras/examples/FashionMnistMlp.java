package org.jkeras.examples;

import java.util.Map;
import org.jkeras.callbacks.History;
import org.jkeras.data.FashionMnist;
import org.jkeras.layers.core.Dense;
import org.jkeras.layers.regularization.Dropout;
import org.jkeras.models.Sequential;
import org.jkeras.tensor.Seeds;
import org.jkeras.tensor.Tensor;
import org.jkeras.training.EvaluateOptions;
import org.jkeras.training.FitOptions;

/**
 * The Keras "basic classification" tutorial in Java: an MLP on Fashion-MNIST, trained with {@code fit}, then
 * evaluated and used to predict.
 *
 * <pre>{@code
 * mvn -q -pl jkeras-examples -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp "jkeras-examples/target/classes:jkeras-core/target/classes" \
 *      org.jkeras.examples.FashionMnistMlp [epochs] [training samples]
 * }</pre>
 */
public final class FashionMnistMlp {
    private FashionMnistMlp() {}

    /** Trains for {@code epochs} on the first {@code samples} training images; returns the test scores. */
    public static Map<String, Double> run(FashionMnist.Dataset data, int epochs, int samples) {
        Seeds.setGlobalSeed(7);
        int n = Math.min(samples, data.xTrain().dim(0));
        Tensor xTrain = data.xTrain().slice(0, n).reshape(n, 784).scale(1f / 255f);
        Tensor yTrain = data.yTrain().slice(0, n);
        Tensor xTest = data.xTest().reshape(data.xTest().dim(0), 784).scale(1f / 255f);

        Sequential model = new Sequential(
                new Dense(128, "relu").inputDim(784),
                new Dropout(0.2),
                new Dense(10, "softmax"));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        model.summary();

        History history = model.fit(xTrain, yTrain, FitOptions.defaults().epochs(epochs).batchSize(32).validationSplit(0.1));
        System.out.println("History: " + history.history());

        Map<String, Double> scores = model.evaluate(xTest, data.yTest(), EvaluateOptions.defaults().verbose(2));
        Tensor probs = model.predict(xTest.slice(0, 5), EvaluateOptions.defaults().verbose(0));
        int[] classes = probs.argmaxLastAxis();
        for (int i = 0; i < classes.length; i++) {
            System.out.println("test image " + i + ": " + FashionMnist.CLASS_NAMES.get(classes[i])
                    + " (true: " + FashionMnist.CLASS_NAMES.get((int) data.yTest().get(i)) + ")");
        }
        return scores;
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 60000;
        Map<String, Double> scores = run(FashionMnist.loadData(), epochs, samples);
        System.out.println("Test accuracy: " + scores.get("accuracy"));
    }
}
