package dev.spool.cli;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How a download shows that it advances: at a terminal, a progress bar on standard error (file,
 * percentage, bar, size, elapsed time and ETA, rate), redrawn in place every {@value #REDRAW_MILLIS}
 * ms and drawn one last time, once, when the download ends; otherwise nothing until the summary line.
 */
interface DownloadProgress extends AutoCloseable {
    /** Redraw period: often enough to look live, rare enough to cost nothing. */
    int REDRAW_MILLIS = 100;

    /** The file now holds this many bytes. */
    void at(long position);

    /** Draws the final state, once, ends its line and stops redrawing. */
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

    /** The terminal progress bar: a redraw thread, and a lock so the last line is drawn exactly once. */
    final class Bar implements DownloadProgress {
        private final PrintStream err;
        private final ProgressLine line;
        private final long started = System.nanoTime();
        private final ReentrantLock lock = new ReentrantLock();
        private final ScheduledExecutorService redraw;
        private volatile long position;
        private boolean closed;

        Bar(PrintStream err, boolean colours, String name, long offset, long total) {
            this.err = err;
            this.line = new ProgressLine(name, offset, total, colours);
            this.position = offset;
            this.redraw = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "spool-progress");
                t.setDaemon(true);
                return t;
            });
            draw(false);
            redraw.scheduleAtFixedRate(() -> draw(false), REDRAW_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
        }

        @Override
        public void at(long position) {
            this.position = position;
        }

        @Override
        public void close() {
            redraw.shutdownNow();
            draw(true);
        }

        /** Draws over the current line; the last draw ends the line, and nothing draws after it. */
        private void draw(boolean last) {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = last;
                // \r: back to the line's start; ESC[K: clear what a longer earlier draw left behind
                err.print("\r" + line.render(position, System.nanoTime() - started) + "\u001b[K" + (last ? "\n" : ""));
                err.flush();
            } finally {
                lock.unlock();
            }
        }
    }
}
