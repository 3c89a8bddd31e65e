package org.jkeras.data;

/** The first bytes of a file, in hex, for the errors that say a file is not in the format its reader expects. */
final class LeadingBytes {
    private LeadingBytes() {}

    /** {@code "93 4e 55 4d"}, or a note that the file is empty. */
    static String hex(byte[] b) {
        if (b.length == 0) {
            return "(none: the file is empty)";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length; i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xFF));
        }
        return sb.toString();
    }
}
