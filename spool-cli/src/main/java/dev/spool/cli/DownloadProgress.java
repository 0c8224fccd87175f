package dev.spool.cli;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How a download shows that it advances: at a terminal, a progress bar from me.tongfei:progressbar
 * (size, percentage, rate and ETA, redrawn on standard error every {@value #REDRAW_MILLIS} ms by
 * the library's own thread); otherwise nothing until the summary line.
 */
interface DownloadProgress extends AutoCloseable {
    /** Redraw period: often enough to look live, rare enough to cost nothing. */
    int REDRAW_MILLIS = 100;

    /** The file now holds this many bytes. */
    void at(long position);

    /** Draws the final state and stops redrawing. */
    @Override
    void close();

    /** A progress bar at a terminal, silence otherwise. */
    static DownloadProgress create(boolean terminal, boolean colours, PrintStream err, String name, long offset, long total) {
        if (!terminal) {
            return new DownloadProgress() {
                @Override
                public void at(long position) {
                }

                @Override
                public void close() {
                }
            };
        }
        return new Bar(err, colours, name, offset, total);
    }

    /** The terminal progress bar. */
    final class Bar implements DownloadProgress {
        private final ProgressBar bar;

        Bar(PrintStream err, boolean colours, String name, long offset, long total) {
            // The library divides by the unit in whole numbers, so the unit keeps the total at 10 or more.
            long unit = total >= 0 && total >= 10L << 30 ? 1L << 30 : total >= 10L << 20 ? 1L << 20 : 1L << 10;
            String unitName = unit == 1L << 30 ? " GiB" : unit == 1L << 20 ? " MiB" : " KiB";
            ProgressBarBuilder b = new ProgressBarBuilder()
                    .setTaskName(name)
                    .setInitialMax(total >= 0 ? total : -1) // -1: size unknown, the bar shows only what came
                    .setUnit(unitName, unit)
                    .showSpeed()
                    .setUpdateIntervalMillis(REDRAW_MILLIS)
                    .setStyle(colours ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.UNICODE_BLOCK)
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .startsFrom(offset, Duration.ZERO);
            this.bar = b.build();
        }

        @Override
        public void at(long position) {
            bar.stepTo(position);
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
