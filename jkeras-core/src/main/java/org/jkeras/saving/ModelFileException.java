package org.jkeras.saving;

import java.io.IOException;

/**
 * A model or weights file that cannot be read as Keras wrote it: truncated, of an unknown format, missing a
 * member, or holding weights that do not fit the model. The message says what was found, what was expected
 * and how to fix it.
 *
 * <pre>{@code
 * try {
 *     Model m = Models.load(Path.of("model.keras"));
 * } catch (ModelFileException e) {
 *     System.err.println(e.getMessage());   // e.g. "... is neither a zip (.keras) nor an HDF5 file ..."
 * }
 * }</pre>
 */
public class ModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
