package org.jkeras.saving;

import java.io.IOException;
import java.nio.file.Path;
import org.jkeras.models.Model;
import org.jkeras.models.ModelFiles;

/**
 * The {@link ModelFiles} service behind {@code model.save}, {@code saveWeights}, {@code loadWeights} and
 * {@code toJson}: delegates to {@link Models}. Registered in {@code META-INF/services/org.jkeras.models.ModelFiles}.
 *
 * <pre>{@code
 * model.save(Path.of("m.keras"));   // ends up in KerasModelFiles.save -> Models.save
 * }</pre>
 */
public final class KerasModelFiles implements ModelFiles {
    @Override
    public void save(Model model, Path path) throws IOException {
        Models.save(model, path);
    }

    @Override
    public void saveWeights(Model model, Path path) throws IOException {
        Models.saveWeights(model, path);
    }

    @Override
    public void loadWeights(Model model, Path path) throws IOException {
        Models.loadWeights(model, path);
    }

    @Override
    public String toJson(Model model) {
        return Models.toJson(model);
    }
}
