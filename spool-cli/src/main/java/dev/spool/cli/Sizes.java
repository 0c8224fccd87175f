package dev.spool.cli;

import java.util.Locale;

/** Byte counts and rates for people: {@code 512 B}, {@code 1.5 KiB}, {@code 12.0 MiB/s} (IEC binary units). */
final class Sizes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Sizes() {
    }

    /** A byte count in the largest unit that keeps it at 1 or more. */
    static String bytes(double n) {
        int u = 0;
        while (n >= 1024 && u < UNITS.length - 1) {
            n /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f B", n) : String.format(Locale.ROOT, "%.1f %s", n, UNITS[u]);
    }

    /** A rate from bytes and nanoseconds, {@code 1.2 MiB/s}. */
    static String rate(long bytes, long nanos) {
        if (nanos <= 0) {
            return "-";
        }
        return bytes(bytes / (nanos / 1e9)) + "/s";
    }
}
