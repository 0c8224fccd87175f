package dev.spool.cli;

import java.util.Locale;

/**
 * The text of one state of the download bar, a pure function of the bytes and the time passed, so
 * its wording is tested without a terminal:
 * {@code big.bin  62% │██████████▋      │ 320/512 KiB (0:00:01 / 0:00:01) 250.0 KiB/s}. The rate
 * counts the bytes received by this run (not a resumed prefix) over the time passed, whatever that
 * time, so a transfer that ends within a second still shows one; the ETA follows from it.
 */
final class ProgressLine {
    /** Cells in the bar; each holds eighths, drawn with the Unicode block elements. */
    static final int BAR_CELLS = 30;
    private static final String EIGHTHS = " ▏▎▍▌▋▊▉";

    private final String name;
    private final long offset;
    private final long total;
    private final boolean colours;
    private final long unit;
    private final String unitName;

    /**
     * @param name the file's name
     * @param offset bytes already on disk before this run (a resumed download)
     * @param total the whole file's size, or -1 when unknown
     * @param colours whether to draw the bar in green
     */
    ProgressLine(String name, long offset, long total, boolean colours) {
        this.name = name;
        this.offset = offset;
        this.total = total;
        this.colours = colours;
        // whole units, chosen so the total reads as 10 or more of them
        this.unit = total >= 10L << 30 ? 1L << 30 : total >= 10L << 20 ? 1L << 20 : 1L << 10;
        this.unitName = unit == 1L << 30 ? "GiB" : unit == 1L << 20 ? "MiB" : "KiB";
    }

    /** The line for {@code position} bytes in the file, {@code elapsedNanos} after the transfer began. */
    String render(long position, long elapsedNanos) {
        long received = Math.max(0, position - offset);
        String rate = elapsedNanos > 0 ? Sizes.rate(received, elapsedNanos) : "- B/s";
        if (total < 0) {
            return name + " " + position / unit + " " + unitName + " received (" + clock(elapsedNanos) + ") " + rate;
        }
        double done = total == 0 ? 1 : Math.min(1, (double) position / total);
        String eta;
        if (position >= total) {
            eta = clock(0);
        } else if (received > 0 && elapsedNanos > 0) {
            eta = clock((long) ((total - position) * (elapsedNanos / (double) received)));
        } else {
            eta = "?:??:??";
        }
        return String.format(Locale.ROOT, "%s %3d%% │%s│ %d/%d %s (%s / %s) %s", name, (int) Math.floor(done * 100),
                bar(done), position / unit, total / unit, unitName, clock(elapsedNanos), eta, rate);
    }

    private String bar(double done) {
        int eighths = (int) Math.floor(done * BAR_CELLS * 8);
        StringBuilder b = new StringBuilder();
        if (colours) {
            b.append("\u001b[32m");
        }
        b.append("█".repeat(eighths / 8));
        if (eighths / 8 < BAR_CELLS) {
            b.append(EIGHTHS.charAt(eighths % 8));
            b.append(" ".repeat(BAR_CELLS - eighths / 8 - 1));
        }
        if (colours) {
            b.append("\u001b[0m");
        }
        return b.toString();
    }

    /** {@code H:MM:SS}. */
    static String clock(long nanos) {
        long s = nanos / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
