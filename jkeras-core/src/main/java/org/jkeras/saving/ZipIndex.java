package org.jkeras.saving;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * A zip archive's members read straight from its central directory (zip64 included), each checked against its
 * CRC-32 as Python's {@code zipfile} does, so a {@code .keras} file with a flipped byte is refused rather than
 * loaded with wrong weights. A stored (uncompressed) member can be opened as a read-only channel over its bytes in
 * place, so a weights member of any size is read without copying it out of the archive.
 *
 * <pre>{@code
 * try (ZipIndex zip = ZipIndex.open(Path.of("model.keras"))) {
 *     zip.verifyAllBut("model.weights.h5");                  // every other member's CRC-32
 *     String config = zip.readString(zip.member("config.json"));
 *     SeekableByteChannel weights = zip.checkedChannel(zip.member("model.weights.h5"));
 *     ...                                                    // read the weights through it, then
 *     zip.verify(zip.member("model.weights.h5"), weights);  // its CRC-32, reading only what was skipped
 * }
 * }</pre>
 */
final class ZipIndex implements AutoCloseable {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final long U32 = 0xFFFFFFFFL;

    /** One member as the central directory describes it. */
    static final class Member {
        final String name;
        final int method;
        final long crc;
        final long compressedSize;
        final long size;
        final long localHeader;

        Member(String name, int method, long crc, long compressedSize, long size, long localHeader) {
            this.name = name;
            this.method = method;
            this.crc = crc;
            this.compressedSize = compressedSize;
            this.size = size;
            this.localHeader = localHeader;
        }
    }

    private final Path path;
    private final FileChannel channel;
    private final Map<String, Member> members = new LinkedHashMap<>();

    private ZipIndex(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Opens {@code path} and reads its central directory; a damaged or truncated archive is a ModelFileException. */
    static ZipIndex open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        ZipIndex z = new ZipIndex(path, ch);
        try {
            z.readDirectory();
            return z;
        } catch (IOException | RuntimeException e) {
            ch.close();
            if (e instanceof ModelFileException) {
                throw e;
            }
            throw damaged(path, e.toString(), e);
        }
    }

    private static ModelFileException damaged(Path path, String what, Throwable cause) {
        return new ModelFileException(path + " starts like a zip (.keras) file but cannot be read as one (" + what
                + "); it is probably truncated or corrupt. Re-copy or re-save the file.", cause);
    }

    /** Member names in directory order. */
    List<String> names() {
        return new ArrayList<>(members.keySet());
    }

    /** The member called {@code name}, or null. */
    Member member(String name) {
        return members.get(name);
    }

    private ByteBuffer read(long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) {
                throw damaged(path, "it ends at byte " + (at + b.position()) + " where " + n + " bytes from offset " + at
                        + " were expected", null);
            }
        }
        return b.flip();
    }

    private void readDirectory() throws IOException {
        long fileSize = channel.size();
        int tail = (int) Math.min(fileSize, 22 + 65535);
        ByteBuffer t = read(fileSize - tail, tail);
        int eocd = -1;
        for (int i = tail - 22; i >= 0; i--) {
            if (t.getInt(i) == EOCD) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            throw damaged(path, "no end-of-central-directory record in its last " + tail + " bytes", null);
        }
        long entries = t.getShort(eocd + 10) & 0xFFFF;
        long dirSize = t.getInt(eocd + 12) & U32;
        long dirOffset = t.getInt(eocd + 16) & U32;
        long eocdAt = fileSize - tail + eocd;
        if ((entries == 0xFFFF || dirSize == U32 || dirOffset == U32) && eocdAt >= 20) {
            ByteBuffer loc = read(eocdAt - 20, 20);
            if (loc.getInt(0) == ZIP64_LOCATOR) {
                ByteBuffer z64 = read(loc.getLong(8), 56);
                if (z64.getInt(0) != ZIP64_EOCD) {
                    throw damaged(path, "the zip64 end-of-central-directory record is missing", null);
                }
                entries = z64.getLong(32);
                dirSize = z64.getLong(40);
                dirOffset = z64.getLong(48);
            }
        }
        if (dirOffset + dirSize > eocdAt || dirSize > Integer.MAX_VALUE) {
            throw damaged(path, "its central directory (" + dirSize + " bytes at offset " + dirOffset
                    + ") does not fit before the end record at " + eocdAt, null);
        }
        ByteBuffer d = read(dirOffset, (int) dirSize);
        for (long e = 0; e < entries; e++) {
            if (d.remaining() < 46 || d.getInt(d.position()) != CENTRAL) {
                throw damaged(path, "central directory entry " + e + " of " + entries + " is malformed", null);
            }
            int p = d.position();
            int method = d.getShort(p + 10) & 0xFFFF;
            long crc = d.getInt(p + 16) & U32;
            long csize = d.getInt(p + 20) & U32;
            long usize = d.getInt(p + 24) & U32;
            int nameLen = d.getShort(p + 28) & 0xFFFF;
            int extraLen = d.getShort(p + 30) & 0xFFFF;
            int commentLen = d.getShort(p + 32) & 0xFFFF;
            long local = d.getInt(p + 42) & U32;
            byte[] nameBytes = new byte[nameLen];
            d.position(p + 46);
            d.get(nameBytes);
            int extraEnd = d.position() + extraLen;
            while (d.position() + 4 <= extraEnd) {
                int id = d.getShort() & 0xFFFF;
                int len = d.getShort() & 0xFFFF;
                int next = d.position() + len;
                if (id == 0x0001) { // zip64: the 0xFFFFFFFF fields, in this order
                    if (usize == U32) {
                        usize = d.getLong();
                    }
                    if (csize == U32) {
                        csize = d.getLong();
                    }
                    if (local == U32) {
                        local = d.getLong();
                    }
                }
                d.position(next);
            }
            d.position(extraEnd + commentLen);
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            if (local + 30 + csize > dirOffset) {
                throw damaged(path, "member " + name + " (" + csize + " bytes at offset " + local
                        + ") overlaps the central directory", null);
            }
            members.put(name, new Member(name, method, crc, csize, usize, local));
        }
    }

    /** Offset of the member's first data byte (after its local header). */
    private long dataOffset(Member m) throws IOException {
        ByteBuffer h = read(m.localHeader, 30);
        if (h.getInt(0) != LOCAL) {
            throw damaged(path, "member " + m.name + " has no local header at offset " + m.localHeader, null);
        }
        return m.localHeader + 30 + (h.getShort(26) & 0xFFFF) + (h.getShort(28) & 0xFFFF);
    }

    /** The member's uncompressed bytes as a stream (not CRC-checked; see {@link #verify}). */
    InputStream stream(Member m) throws IOException {
        InputStream raw = Channels.newInputStream(new Slice(channel, dataOffset(m), m.compressedSize, null));
        if (m.method == 0) {
            return raw;
        }
        if (m.method == 8) {
            return new InflaterInputStream(raw, new Inflater(true), 1 << 16);
        }
        throw new ModelFileException("Member " + m.name + " of " + path + " uses zip compression method " + m.method
                + "; only stored (0) and deflated (8) members are read, as Keras writes them. Re-save the model.");
    }

    /** Checks one member's CRC-32 and length; a mismatch names the file and member. */
    void verify(Member m) throws IOException {
        CRC32 crc = new CRC32();
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = stream(m)) {
            for (int k; (k = in.read(buf)) > 0; ) {
                crc.update(buf, 0, k);
                n += k;
            }
        } catch (java.util.zip.ZipException e) {
            throw new ModelFileException("Member " + m.name + " of " + path + " cannot be decompressed (" + e.getMessage()
                    + "); the archive is damaged. Re-copy or re-save the file.", e);
        }
        check(m, n, crc.getValue());
    }

    /** Checks every member but {@code except} (which the caller checks with a {@link #checkedChannel}). */
    void verifyAllBut(String except) throws IOException {
        for (Member m : members.values()) {
            if (!m.name.equals(except)) {
                verify(m);
            }
        }
    }

    /** A member's bytes as UTF-8 text. */
    String readString(Member m) throws IOException {
        if (m.size > Integer.MAX_VALUE - 8) {
            throw new ModelFileException("Member " + m.name + " of " + path + " is " + m.size + " bytes, too large for a "
                    + "text member. The archive is damaged or not a Keras file.");
        }
        try (InputStream in = stream(m)) {
            return new String(in.readNBytes((int) m.size), StandardCharsets.UTF_8);
        }
    }

    /** A read-only channel over a stored member's bytes in place, or null when the member is compressed. */
    SeekableByteChannel storedChannel(Member m) throws IOException {
        return m.method == 0 ? new Slice(channel, dataOffset(m), m.size, null) : null;
    }

    /**
     * Like {@link #storedChannel}, but the channel also computes the member's CRC-32 from the reads made through it:
     * reads that continue the bytes checked so far (or start at most {@value #MAX_GAP} bytes after them: the gap is
     * read too) extend the check, so weights read front to back are checked in the same pass; {@link #verify(Member,
     * SeekableByteChannel)} then reads only what was never reached. Null when the member is compressed.
     */
    SeekableByteChannel checkedChannel(Member m) throws IOException {
        return m.method == 0 ? new Slice(channel, dataOffset(m), m.size, new CRC32()) : null;
    }

    static final int MAX_GAP = 1 << 20;

    /** Completes the CRC-32 of a {@link #checkedChannel} and checks it against the directory's. */
    void verify(Member m, SeekableByteChannel checked) throws IOException {
        Slice s = (Slice) checked;
        s.finish();
        check(m, s.checked, s.crc.getValue());
    }

    private void check(Member m, long n, long crc) throws ModelFileException {
        if (n != m.size) {
            throw new ModelFileException("Member " + m.name + " of " + path + " has " + n + " bytes but the zip directory "
                    + "records " + m.size + "; the archive is truncated or damaged. Re-copy or re-save the file.");
        }
        if (crc != m.crc) {
            throw new ModelFileException(String.format(java.util.Locale.ROOT, "Bad CRC-32 for member %s of %s: the zip "
                    + "directory records %08x but its bytes give %08x, so the file was altered or damaged after it was "
                    + "written (Keras refuses it too). Re-copy or re-save the file.", m.name, path, m.crc, crc));
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * A read-only window {@code [start, start + size)} of a file channel; closing it leaves the file open. With a
     * CRC, the bytes {@code [0, checked)} have been fed to it in order (see {@link #checkedChannel}).
     */
    private static final class Slice implements SeekableByteChannel {
        private final FileChannel file;
        private final long start;
        private final long size;
        private final CRC32 crc;
        private long checked;
        private long pos;
        private boolean open = true;

        Slice(FileChannel file, long start, long size, CRC32 crc) {
            this.file = file;
            this.start = start;
            this.size = size;
            this.crc = crc;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (pos >= size) {
                return -1;
            }
            int want = (int) Math.min(dst.remaining(), size - pos);
            ByteBuffer view = dst.duplicate();
            view.limit(view.position() + want);
            int n = file.read(view, start + pos);
            if (n < 0) {
                return -1;
            }
            if (crc != null && n > 0) {
                track(dst.duplicate().limit(dst.position() + n), pos);
            }
            dst.position(dst.position() + n);
            pos += n;
            return n;
        }

        /** Feeds {@code bytes} (read at {@code at}) to the CRC where they continue, or nearly continue, its prefix. */
        private void track(ByteBuffer bytes, long at) throws IOException {
            if (at > checked && at - checked <= MAX_GAP) {
                advance(at);
            }
            long end = at + bytes.remaining();
            if (at <= checked && checked < end) {
                bytes.position(bytes.position() + (int) (checked - at));
                crc.update(bytes);
                checked = end;
            }
        }

        /** Feeds the bytes {@code [checked, to)} to the CRC, reading them. */
        private void advance(long to) throws IOException {
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(MAX_GAP, Math.max(1, to - checked)));
            while (checked < to) {
                b.clear().limit((int) Math.min(b.capacity(), to - checked));
                int n = file.read(b, start + checked);
                if (n <= 0) {
                    return; // the archive ends early: the size check reports it
                }
                b.flip();
                crc.update(b);
                checked += n;
            }
        }

        /** Feeds the rest of the member to the CRC. */
        void finish() throws IOException {
            advance(size);
        }

        @Override
        public int write(ByteBuffer src) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return pos;
        }

        @Override
        public SeekableByteChannel position(long p) {
            pos = p;
            return this;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public SeekableByteChannel truncate(long s) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open && file.isOpen();
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
