package org.jkeras.callbacks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jkeras.optimizers.Optimizer;
import org.jkeras.optimizers.SGD;
import org.jkeras.tensor.Tensor;

/** A CallbackModel for driving callbacks by hand with chosen logs: one weight, an SGD optimizer, a record of saves. */
final class FakeModel implements CallbackModel {
    boolean stop;
    final Optimizer optimizer = new SGD(1.0);
    List<Tensor> weights = List.of(Tensor.of(new float[] {0f}, 1));
    final List<Path> saved = new ArrayList<>();
    final Map<String, String> directions = new LinkedHashMap<>();
    Integer initialEpoch;

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public boolean stopTraining() {
        return stop;
    }

    @Override
    public void setStopTraining(boolean stop) {
        this.stop = stop;
    }

    @Override
    public Optimizer optimizer() {
        return optimizer;
    }

    @Override
    public List<Tensor> getWeights() {
        return weights;
    }

    @Override
    public void setWeights(List<Tensor> weights) {
        this.weights = weights;
    }

    @Override
    public void save(Path path) {
        saved.add(path);
    }

    @Override
    public void saveWeights(Path path) {
        saved.add(path);
    }

    @Override
    public void loadWeights(Path path) {}

    @Override
    public String toJson() {
        return "{}";
    }

    @Override
    public String metricDirection(String metricName) {
        return directions.get(metricName);
    }

    @Override
    public Map<String, Tensor> weightsByPath() {
        return Map.of("fake/w", weights.get(0));
    }

    @Override
    public void setInitialEpoch(int epoch) {
        initialEpoch = epoch;
    }

    /** Attaches {@code c} with params epochs=n. */
    <C extends Callback> C attach(C c, int epochs) {
        c.setModel(this);
        c.setParams(Map.of("verbose", 0, "epochs", epochs));
        return c;
    }

    static Map<String, Double> logs(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }
}
