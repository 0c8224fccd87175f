package dev.spool.internal;

/** Reads a {@code Content-Length} value that a response's framing has already accepted. */
public final class ContentLength {
    private ContentLength() {
    }

    /** The value as a number, or -1 when it is absent or not a plain run of at most 18 digits. */
    public static long of(String value) {
        if (value == null || value.isEmpty() || value.length() > 18) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(value);
    }
}
