/**
 * Keras's file formats for jkeras models: the Keras 3 {@code .keras} zip (metadata.json, config.json,
 * model.weights.h5), Keras 3 {@code .weights.h5}, legacy Keras 2 / tf.keras HDF5 full-model and weights files, and
 * the JSON architecture configs ({@code to_json} / {@code model_from_json}) in both Keras 2 and Keras 3 form.
 *
 * <p>Models: {@code Sequential} and functional models ({@code new Model(inputs, outputs)}, saved as Keras's
 * {@code Functional} with {@code inbound_nodes}; shared layers keep all their calls), compiled with per-output
 * losses, loss weights and metrics, any jkeras optimizer (clipping, weight decay, EMA, learning-rate schedules)
 * and layers with regularizers and constraints. Subclassed models and models nested in functional models are not
 * saved or loaded yet.
 *
 * <p>Layering: {@code saving} sits above {@code models}. {@link org.jkeras.models.Model#save} and friends call the
 * {@link org.jkeras.models.ModelFiles} interface that {@code models} defines; this package implements it
 * ({@link org.jkeras.saving.KerasModelFiles}, registered in {@code META-INF/services}), so {@code models} never
 * imports {@code saving}. Loading goes through {@link org.jkeras.saving.Models}.
 *
 * <p>Extending: a layer class becomes loadable and savable by registering a
 * {@link org.jkeras.saving.LayerSerializer} — built-in layers in {@code BuiltinLayers}, user layers through
 * {@link org.jkeras.saving.SavingRegistry#register(String, Class)}. Files never cause any other class to be
 * instantiated.
 *
 * <p>HDF5: reading uses the pure-Java jHDF library; writing uses {@code Hdf5Writer}, a small writer of the subset
 * Keras needs (jHDF 0.13.0's writer produced unreadable files for some group layouts). Every written file's
 * structure is read back before it replaces the destination.
 *
 * <p>Size: saves stream to the temporary file as they are produced (64-bit offsets, weights converted a megabyte at
 * a time straight from the tensors, the {@code .keras} weights member written into the zip directly, zip64 when
 * needed), and loads read weights in chunks, a {@code .keras} file's weights in place inside the archive; a model of
 * any size that fits in memory saves and loads, a single weight of over 2 GiB included.
 *
 * <p>Integrity: loading checks the CRC-32 of every {@code .keras} member and jHDF checks HDF5 metadata checksums;
 * this and every other problem in a file's content is a {@link org.jkeras.saving.ModelFileException} naming the file
 * and the member or path inside it.
 *
 * <pre>{@code
 * model.save(Path.of("model.keras"));
 * Model again = Models.load(Path.of("model.keras"));
 * Model fromKeras2 = Models.load(Path.of("old_model.h5"));
 * KerasTensor a = Input.of("a", 3), b = Input.of("b", 3);
 * Model functional = new Model(List.of(a, b), new Add().apply(a, b));
 * functional.save(Path.of("functional.keras"));         // Keras 3 "Functional" config.json
 * }</pre>
 */
package org.jkeras.saving;
