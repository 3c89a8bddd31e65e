package org.jkeras.saving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipFile;
import org.jkeras.layers.core.Dense;
import org.jkeras.models.Model;
import org.jkeras.models.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A .keras file in zip64 form (as any archive over 4 GiB must be: sizes and offsets in zip64 extra fields, a zip64
 * end record) loads. The archive is built here byte by byte from the zip specification (APPNOTE 4.3.14, 4.5.3),
 * so the zip64 reading is checked without writing 4 GiB; the JDK's own ZipFile reading it checks the construction.
 */
class Zip64Test {
    @TempDir
    Path dir;

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Stored members with every size and offset in the central directory moved to zip64 extra fields. */
    static byte[] zip64(Map<String, byte[]> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (Map.Entry<String, byte[]> m : members.entrySet()) {
            byte[] name = m.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] data = m.getValue();
            CRC32 crc = new CRC32();
            crc.update(data);
            long offset = out.size();
            ByteBuffer local = le(30 + name.length + 20);
            local.putInt(0x04034b50).putShort((short) 45).putShort((short) 0).putShort((short) 0).putInt(0)
                    .putInt((int) crc.getValue()).putInt(-1).putInt(-1).putShort((short) name.length).putShort((short) 20)
                    .put(name).putShort((short) 1).putShort((short) 16).putLong(data.length).putLong(data.length);
            out.write(local.array(), 0, local.capacity());
            out.write(data, 0, data.length);
            ByteBuffer c = le(46 + name.length + 28);
            c.putInt(0x02014b50).putShort((short) 45).putShort((short) 45).putShort((short) 0).putShort((short) 0).putInt(0)
                    .putInt((int) crc.getValue()).putInt(-1).putInt(-1).putShort((short) name.length).putShort((short) 28)
                    .putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(-1).put(name)
                    .putShort((short) 1).putShort((short) 24).putLong(data.length).putLong(data.length).putLong(offset);
            central.write(c.array(), 0, c.capacity());
        }
        long dirOffset = out.size();
        out.write(central.toByteArray(), 0, central.size());
        long z64At = out.size();
        ByteBuffer z64 = le(56 + 20 + 22);
        z64.putInt(0x06064b50).putLong(44).putShort((short) 45).putShort((short) 45).putInt(0).putInt(0)
                .putLong(members.size()).putLong(members.size()).putLong(central.size()).putLong(dirOffset);
        z64.putInt(0x07064b50).putInt(0).putLong(z64At).putInt(1);
        z64.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) -1).putShort((short) -1)
                .putInt(-1).putInt(-1).putShort((short) 0);
        out.write(z64.array(), 0, z64.capacity());
        return out.toByteArray();
    }

    @Test
    void aZip64KerasFileLoads() throws IOException {
        Sequential m = new Sequential(new Dense(4, "relu").inputDim(3), new Dense(2));
        Path plain = dir.resolve("plain.keras");
        m.save(plain);
        Map<String, byte[]> members = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(plain.toFile())) {
            for (String name : new String[] {"metadata.json", "config.json", "model.weights.h5"}) {
                members.put(name, z.getInputStream(z.getEntry(name)).readAllBytes());
            }
        }
        Path p = dir.resolve("zip64.keras");
        byte[] bytes = zip64(members);
        Files.write(p, bytes);
        try (ZipFile jdk = new ZipFile(p.toFile())) { // the JDK agrees the archive is valid zip64
            assertArrayEquals(members.get("model.weights.h5"), jdk.getInputStream(jdk.getEntry("model.weights.h5")).readAllBytes());
        }
        Model back = Models.load(p);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(m.layers().get(i).weights().get(0).value().toArray(), back.layers().get(i).weights().get(0).value().toArray());
        }

        // the zip64 fields are what is read: a flipped bit in the last member's zip64 offset is caught
        int extraOffset = bytes.length - 98 - 8; // the last central entry's zip64 local-header offset
        byte[] bad = bytes.clone();
        bad[extraOffset] ^= 0x04;
        Path q = dir.resolve("bad64.keras");
        Files.write(q, bad);
        ModelFileException e = assertThrows(ModelFileException.class, () -> Models.load(q));
        assertTrue(e.getMessage().contains("bad64.keras"), e.getMessage());
        assertEquals(3, members.size());
    }
}
