package org.jkeras.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * The file formats behind {@link Model#save}, {@link Model#saveWeights}, {@link Model#loadWeights} and
 * {@link Model#toJson}. The models package only defines this interface; the implementation lives in the
 * {@code org.jkeras.saving} package above it (registered as a {@link ServiceLoader} service in
 * {@code META-INF/services}), so that {@code models} does not depend on {@code saving}.
 *
 * <pre>{@code
 * model.save(Path.of("model.keras"));              // uses ModelFiles.get().save(model, path)
 * Model back = org.jkeras.saving.Models.load(Path.of("model.keras"));
 * }</pre>
 */
public interface ModelFiles {
    /** Saves the whole model (architecture, weights, compile config, optimizer state). */
    void save(Model model, Path path) throws IOException;

    /** Saves the weights only ({@code .weights.h5}, or legacy Keras 2 layout for other {@code .h5} names). */
    void saveWeights(Model model, Path path) throws IOException;

    /** Loads weights saved by {@link #saveWeights} or by Keras into the model. */
    void loadWeights(Model model, Path path) throws IOException;

    /** The model's architecture as Keras's {@code model.to_json()}. */
    String toJson(Model model);

    /** The registered implementation. */
    static ModelFiles get() {
        final class Holder {
            static final ModelFiles INSTANCE = ServiceLoader.load(ModelFiles.class, ModelFiles.class.getClassLoader())
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No org.jkeras.models.ModelFiles implementation found: "
                            + "the jkeras jar's META-INF/services/org.jkeras.models.ModelFiles entry is missing. "
                            + "Put the complete jkeras jar on the class path (not only the models classes)."));
        }
        return Holder.INSTANCE;
    }
}
