package dev.spool.bench.report;

import java.util.Locale;

/** How figures are written in the table and the page: thousands grouped, latencies in a fitting unit. */
final class Format {
    private Format() {
    }

    /** A rate or a count: {@code 10,900}; one decimal below 100, where that digit still says something. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Math.abs(v) < 100) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    /** A ratio: {@code 1.15x}. */
    static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%.2fx", v);
    }

    /** A latency given in microseconds: {@code 68 µs}, {@code 1.25 ms}, {@code 2.1 s}. */
    static String latency(Double micros) {
        if (micros == null || Double.isNaN(micros)) {
            return "n/a";
        }
        double us = micros;
        if (us < 10) {
            return String.format(Locale.ROOT, "%.1f µs", us);
        }
        if (us < 1_000) {
            return String.format(Locale.ROOT, "%.0f µs", us);
        }
        if (us < 100_000) {
            return String.format(Locale.ROOT, "%.2f ms", us / 1e3);
        }
        if (us < 1_000_000) {
            return String.format(Locale.ROOT, "%.0f ms", us / 1e3);
        }
        return String.format(Locale.ROOT, "%.2f s", us / 1e6);
    }

    /** Bytes per request, or n/a. */
    static String bytes(Double v) {
        return v == null ? "n/a" : number(v);
    }

    /** A duration in milliseconds as seconds: {@code 3 s}, {@code 0.5 s}. */
    static String seconds(long millis) {
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
