package org.jkeras.models;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jkeras.tensor.Tensor;

/**
 * Test helper: the layer variables of a Keras 3 {@code .weights.h5} file ({@code /layers/<object name>/vars/<i>}),
 * in the file's layer order, which is Keras's {@code get_weights()} order for the fixtures used here.
 */
final class KerasH5Weights {
    private KerasH5Weights() {}

    static List<Tensor> read(Path file) {
        List<Tensor> out = new ArrayList<>();
        try (HdfFile f = new HdfFile(file)) {
            Group layers = (Group) f.getChild("layers");
            for (Map.Entry<String, Node> layer : layers.getChildren().entrySet()) {
                Group vars = (Group) ((Group) layer.getValue()).getChild("vars");
                for (int i = 0; vars.getChildren().containsKey(String.valueOf(i)); i++) {
                    Dataset d = (Dataset) vars.getChild(String.valueOf(i));
                    int[] shape = d.getDimensions();
                    List<Float> flat = new ArrayList<>();
                    flatten(d.getData(), flat);
                    float[] values = new float[flat.size()];
                    for (int k = 0; k < values.length; k++) {
                        values[k] = flat.get(k);
                    }
                    out.add(Tensor.of(values, shape));
                }
            }
        }
        return out;
    }

    private static void flatten(Object data, List<Float> out) {
        if (data instanceof float[]) {
            for (float v : (float[]) data) {
                out.add(v);
            }
        } else {
            for (int i = 0; i < Array.getLength(data); i++) {
                flatten(Array.get(data, i), out);
            }
        }
    }
}
