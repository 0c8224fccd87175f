package dev.spool.internal.http1;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small fixed set of strings looked up by their exact bytes, so the parser can hand out a shared
 * constant instead of allocating a new String for the names and values nearly every response carries.
 */
final class InternTable {
    /** Candidates grouped by byte length: a lookup compares only strings of the right length. */
    private final String[][] stringsByLength;
    private final byte[][][] bytesByLength;

    /**
     * Builds the table.
     *
     * @param values ASCII strings; each is matched byte for byte, so case variants are separate entries
     */
    InternTable(String... values) {
        int maxLength = 0;
        for (String v : values) {
            maxLength = Math.max(maxLength, v.length());
        }
        List<List<String>> groups = new ArrayList<>();
        for (int i = 0; i <= maxLength; i++) {
            groups.add(new ArrayList<>());
        }
        for (String v : values) {
            for (int i = 0; i < v.length(); i++) {
                if (v.charAt(i) > 0x7e || v.charAt(i) < 0x20) {
                    throw new IllegalArgumentException("not printable ASCII: " + v);
                }
            }
            if (!v.isEmpty() && !groups.get(v.length()).contains(v)) {
                groups.get(v.length()).add(v);
            }
        }
        stringsByLength = new String[maxLength + 1][];
        bytesByLength = new byte[maxLength + 1][][];
        for (int len = 0; len <= maxLength; len++) {
            List<String> g = groups.get(len);
            if (g.isEmpty()) {
                continue;
            }
            stringsByLength[len] = g.toArray(new String[0]);
            bytesByLength[len] = new byte[g.size()][];
            for (int c = 0; c < g.size(); c++) {
                bytesByLength[len][c] = g.get(c).getBytes(StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** The shared string whose bytes equal {@code b[off, off + len)} exactly, or null. */
    String find(byte[] b, int off, int len) {
        if (len >= stringsByLength.length) {
            return null;
        }
        byte[][] candidates = bytesByLength[len];
        if (candidates == null) {
            return null;
        }
        next:
        for (int c = 0; c < candidates.length; c++) {
            byte[] k = candidates[c];
            for (int i = 0; i < len; i++) {
                if (k[i] != b[off + i]) {
                    continue next;
                }
            }
            return stringsByLength[len][c];
        }
        return null;
    }
}
