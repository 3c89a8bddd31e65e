package org.jkeras.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jhdf.HdfFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.jkeras.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming HDF5 writer's passes agree: the layout's size and the checksum pass match the bytes written. */
class Hdf5WriterTest {
    @TempDir
    Path dir;

    @Test
    void layoutSizeAndChecksumMatchTheStreamedFile() throws IOException {
        Hdf5.Tree root = new Hdf5.Tree();
        root.attr("name", "model");
        Hdf5.Tree vars = root.group("layers").group("dense").group("vars");
        vars.attr("name", "dense");
        float[] k = new float[3 * 700_000]; // several write chunks
        for (int i = 0; i < k.length; i++) {
            k[i] = i * 0.5f - 7f;
        }
        Tensor kernel = Tensor.of(k, 3, 700_000);
        vars.tensor("0", kernel);
        vars.tensor("1", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 6).slice(2, 5)); // a view: offset 2 in its buffer
        root.group("optimizer").group("vars").int32("0", 42);
        root.strings("layer_names", List.of("dense", "dropout"));

        Hdf5Writer w = new Hdf5Writer(root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.writeTo(out);
        byte[] bytes = out.toByteArray();
        assertEquals(bytes.length, w.size(), "the layout pass predicts the file's length");
        CRC32 crc = new CRC32();
        crc.update(bytes);
        assertEquals(crc.getValue(), w.crc32(), "the checksum pass sees the same bytes");
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        w.writeTo(again);
        assertArrayEquals(bytes, again.toByteArray(), "every pass produces the same file");

        Path p = dir.resolve("t.h5");
        Files.write(p, bytes);
        try (HdfFile f = new HdfFile(p)) {
            Tensor back = Hdf5.tensor((io.jhdf.api.Dataset) f.getByPath("layers/dense/vars/0"));
            assertArrayEquals(k, back.toArray());
            assertArrayEquals(new int[] {3, 700_000}, back.shape());
            assertArrayEquals(new float[] {3, 4, 5}, Hdf5.tensor((io.jhdf.api.Dataset) f.getByPath("layers/dense/vars/1")).toArray());
            assertEquals(42.0, Hdf5.scalar((io.jhdf.api.Dataset) f.getByPath("optimizer/vars/0")));
            assertEquals(List.of("dense", "dropout"), Hdf5.stringList(f, "layer_names"));
        }
    }
}
