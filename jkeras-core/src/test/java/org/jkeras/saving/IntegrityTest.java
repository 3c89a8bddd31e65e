package org.jkeras.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jkeras.data.TestData;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Model;
import org.jkeras.models.Sequential;
import org.jkeras.optimizers.Adam;
import org.jkeras.training.CompileOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files are refused, naming the file and the damaged part, as Keras (Python's zipfile) refuses them. */
class IntegrityTest {
    @TempDir
    Path dir;

    /** Data offset and length of each member, from the zip's local headers (stored members with sizes, as saved). */
    private static Map<String, long[]> members(byte[] zip) {
        Map<String, long[]> out = new LinkedHashMap<>();
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int p = 0;
        while (b.getInt(p) == 0x04034b50) {
            long size = b.getInt(p + 18) & 0xFFFFFFFFL;
            int nameLen = b.getShort(p + 26) & 0xFFFF;
            int extraLen = b.getShort(p + 28) & 0xFFFF;
            String name = new String(zip, p + 30, nameLen, StandardCharsets.UTF_8);
            long data = p + 30 + nameLen + extraLen;
            out.put(name, new long[] {data, size});
            p = (int) (data + size);
        }
        return out;
    }

    private Model model() {
        Sequential m = new Sequential(new Dense(8, "relu").inputDim(5), new Dense(3));
        m.compile(CompileOptions.optimizer(new Adam(0.01)).loss("mse"));
        return m;
    }

    @Test
    void aFlippedByteInsideAnyKerasMemberIsRefusedNamingTheMember() throws IOException {
        Path good = dir.resolve("m.keras");
        model().save(good);
        byte[] bytes = Files.readAllBytes(good);
        Map<String, long[]> members = members(bytes);
        assertEquals(java.util.List.of("metadata.json", "config.json", "model.weights.h5"), new java.util.ArrayList<>(members.keySet()));
        for (Map.Entry<String, long[]> e : members.entrySet()) {
            long[] where = e.getValue();
            for (long at : new long[] {where[0], where[0] + where[1] / 2, where[0] + where[1] - 1}) {
                byte[] bad = bytes.clone();
                bad[(int) at] ^= 0x01; // one bit: a JSON digit or a weight's low mantissa bit still parses
                Path p = dir.resolve("flipped.keras");
                Files.write(p, bad);
                ModelFileException ex = assertThrows(ModelFileException.class, () -> Models.load(p),
                        "flip at " + at + " in " + e.getKey());
                String msg = ex.getMessage();
                assertTrue(msg.contains("Bad CRC-32") && msg.contains("member " + e.getKey()) && msg.contains("flipped.keras"), msg);
                Model fresh = model();
                float[] before = fresh.layers().get(0).weights().get(0).value().toArray();
                ModelFileException ex2 = assertThrows(ModelFileException.class, () -> fresh.loadWeights(p));
                assertTrue(ex2.getMessage().contains("member " + e.getKey()), ex2.getMessage());
                assertArrayEquals(before, fresh.layers().get(0).weights().get(0).value().toArray(),
                        "a damaged file assigns no weight");
            }
        }
        Model back = Models.load(good); // the undamaged file still loads
        assertEquals(2, back.layers().size());
    }

    @Test
    void theRecordedCrcIsCheckedNotOnlyTheData() throws IOException {
        Path good = dir.resolve("m.keras");
        model().save(good);
        byte[] bad = Files.readAllBytes(good);
        int central = -1;
        for (int i = bad.length - 22; i >= 0; i--) {
            if (ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN).getInt(i) == 0x02014b50) {
                central = i; // the last central directory entry: model.weights.h5
                break;
            }
        }
        bad[central + 16] ^= 0x10; // its recorded CRC-32
        Path p = dir.resolve("crc.keras");
        Files.write(p, bad);
        ModelFileException ex = assertThrows(ModelFileException.class, () -> Models.load(p));
        assertTrue(ex.getMessage().contains("Bad CRC-32 for member model.weights.h5 of " + p), ex.getMessage());
    }

    @Test
    void hdf5MetadataChecksumsAreVerified() throws IOException {
        Path good = dir.resolve("m.weights.h5");
        model().saveWeights(good);
        byte[] bytes = Files.readAllBytes(good);
        // byte 28: the superblock's end-of-file address (superblock v2 checksum); size - 8: inside the root group's object
        // header, which jkeras writes last (object header v2 checksum).
        for (int at : new int[] {28, bytes.length - 8}) {
            byte[] bad = bytes.clone();
            bad[at] ^= 0x01;
            Path p = dir.resolve("bad.weights.h5");
            Files.write(p, bad);
            Model fresh = model();
            ModelFileException ex = assertThrows(ModelFileException.class, () -> fresh.loadWeights(p), "flip at " + at);
            assertTrue(ex.getMessage().contains("bad.weights.h5") && ex.getMessage().contains("checksum"), ex.getMessage());
        }
    }

    @Test
    void kerasFixturesStillPassTheirChecks() throws IOException {
        for (String f : new String[] {"keras3-generated/mlp/mlp.keras", "keras3-generated/multi_io/multi_io.keras",
                "keras3-public/omlt_big.keras"}) {
            Model m = Models.load(TestData.fixture(f), false);
            assertTrue(!m.layers().isEmpty(), f);
        }
    }

    @Test
    void aDeflatedKerasFileLoadsAndIsCrcChecked() throws IOException {
        Path stored = dir.resolve("m.keras");
        Model m = model();
        m.save(stored);
        Path deflated = dir.resolve("deflated.keras");
        try (java.util.zip.ZipFile src = new java.util.zip.ZipFile(stored.toFile());
                java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(deflated))) {
            for (String name : new String[] {"metadata.json", "config.json", "model.weights.h5"}) {
                zip.putNextEntry(new java.util.zip.ZipEntry(name)); // DEFLATED, sizes in a data descriptor
                zip.write(src.getInputStream(src.getEntry(name)).readAllBytes());
                zip.closeEntry();
            }
        }
        Model back = Models.load(deflated);
        assertArrayEquals(m.layers().get(0).weights().get(0).value().toArray(), back.layers().get(0).weights().get(0).value().toArray());
    }
}
