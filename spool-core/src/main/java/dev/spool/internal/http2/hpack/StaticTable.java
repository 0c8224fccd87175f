package dev.spool.internal.http2.hpack;

import java.util.HashMap;
import java.util.Map;

/** The 61 entries of the HPACK static table (RFC 7541 Appendix A) and lookups into it. */
final class StaticTable {
    /** Number of entries; index {@code LENGTH + 1} is the newest dynamic entry. */
    static final int LENGTH = 61;

    private static final String[] NAMES = new String[LENGTH + 1];
    private static final String[] VALUES = new String[LENGTH + 1];
    /** Lowest index of each name; entries of one name are adjacent. */
    private static final Map<String, Integer> FIRST_INDEX = new HashMap<>();

    static {
        String[] table = {
            ":authority", "",
            ":method", "GET",
            ":method", "POST",
            ":path", "/",
            ":path", "/index.html",
            ":scheme", "http",
            ":scheme", "https",
            ":status", "200",
            ":status", "204",
            ":status", "206",
            ":status", "304",
            ":status", "400",
            ":status", "404",
            ":status", "500",
            "accept-charset", "",
            "accept-encoding", "gzip, deflate",
            "accept-language", "",
            "accept-ranges", "",
            "accept", "",
            "access-control-allow-origin", "",
            "age", "",
            "allow", "",
            "authorization", "",
            "cache-control", "",
            "content-disposition", "",
            "content-encoding", "",
            "content-language", "",
            "content-length", "",
            "content-location", "",
            "content-range", "",
            "content-type", "",
            "cookie", "",
            "date", "",
            "etag", "",
            "expect", "",
            "expires", "",
            "from", "",
            "host", "",
            "if-match", "",
            "if-modified-since", "",
            "if-none-match", "",
            "if-range", "",
            "if-unmodified-since", "",
            "last-modified", "",
            "link", "",
            "location", "",
            "max-forwards", "",
            "proxy-authenticate", "",
            "proxy-authorization", "",
            "range", "",
            "referer", "",
            "refresh", "",
            "retry-after", "",
            "server", "",
            "set-cookie", "",
            "strict-transport-security", "",
            "transfer-encoding", "",
            "user-agent", "",
            "vary", "",
            "via", "",
            "www-authenticate", "",
        };
        for (int i = 1; i <= LENGTH; i++) {
            NAMES[i] = table[2 * i - 2];
            VALUES[i] = table[2 * i - 1];
            FIRST_INDEX.putIfAbsent(NAMES[i], i);
        }
    }

    private StaticTable() {}

    /** The name at {@code index}, 1 to {@link #LENGTH}. */
    static String name(int index) {
        return NAMES[index];
    }

    /** The value at {@code index}, 1 to {@link #LENGTH}. */
    static String value(int index) {
        return VALUES[index];
    }

    /** The lowest index with this name, or 0 when none has it. */
    static int nameIndex(String name) {
        Integer i = FIRST_INDEX.get(name);
        return i == null ? 0 : i;
    }

    /** The index with this name and value, or 0 when none has both. */
    static int fieldIndex(String name, String value) {
        int i = nameIndex(name);
        if (i == 0) {
            return 0;
        }
        for (; i <= LENGTH && NAMES[i].equals(name); i++) {
            if (VALUES[i].equals(value)) {
                return i;
            }
        }
        return 0;
    }
}
