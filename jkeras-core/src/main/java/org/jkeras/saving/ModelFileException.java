package org.jkeras.saving;

import java.io.IOException;

/**
 * A model or weights file that cannot be read as Keras wrote it. Every problem that lies in the file's content is
 * this one exception, whatever the format ({@code .keras}, {@code .h5}, {@code .weights.h5}): not a Keras file,
 * truncated, a zip member or HDF5 header failing its checksum (a {@code .keras} member's CRC-32, checked for every
 * member as Python's zipfile does; HDF5 superblock and object-header checksums where the file has them, i.e.
 * files written by Keras 3 / jkeras, not h5py's older default layout; HDF5 data bytes carry no checksum in any
 * format), invalid config JSON, an unknown layer or model class, a missing member, group or weight, or weights
 * whose count or shape does not fit the model. The message names the file and the member or path inside it
 * ({@code m.keras!config.json}, {@code m.h5@model_config}, {@code layers/dense/vars/0}), says what was expected and
 * what was found, and how to fix it; the original exception, if any, is the cause.
 *
 * <p>It extends {@link IOException} because every load and save method already declares IOException: callers that
 * handle I/O failures handle damaged files with no new catch clause, and those that care can catch this subtype to
 * tell a bad file (re-copy it, re-save it) from a missing or unreadable one ({@code NoSuchFileException},
 * {@code AccessDeniedException}, which stay plain IOExceptions). Building a model from a JSON string with
 * {@link Models#fromJson} involves no file and keeps throwing IllegalArgumentException.
 *
 * <pre>{@code
 * try {
 *     Model m = Models.load(Path.of("model.keras"));
 * } catch (ModelFileException e) {
 *     System.err.println(e.getMessage());   // e.g. "Bad CRC-32 for member model.weights.h5 of model.keras: ..."
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
