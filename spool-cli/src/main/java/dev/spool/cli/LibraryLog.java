package dev.spool.cli;

import java.io.PrintStream;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Shows the library's log lines on standard error, one line each ({@code DEBUG Starting new HTTP
 * connection (1): host:port}). The library logs through {@code System.Logger}, which goes to
 * java.util.logging when no other backend is installed; this configures the {@code dev.spool}
 * logger: WARNING and above always, DEBUG (JUL's FINE) too with {@code -v}.
 */
final class LibraryLog implements AutoCloseable {
    /**
     * Held strongly: java.util.logging keeps loggers in weak references, and a collected logger
     * would forget the level set here.
     */
    private static final Logger LOGGER = Logger.getLogger("dev.spool");

    private final Handler handler;
    private final Level previousLevel;
    private final boolean previousUseParent;

    private LibraryLog(PrintStream err, boolean verbose) {
        Level level = verbose ? Level.FINE : Level.WARNING;
        this.previousLevel = LOGGER.getLevel();
        this.previousUseParent = LOGGER.getUseParentHandlers();
        this.handler = new LineHandler(err);
        handler.setLevel(level);
        LOGGER.setLevel(level);
        LOGGER.setUseParentHandlers(false); // the root's ConsoleHandler would print two-line records too
        LOGGER.addHandler(handler);
    }

    /** Starts showing library lines; close to stop. */
    static LibraryLog install(PrintStream err, boolean verbose) {
        return new LibraryLog(err, verbose);
    }

    /** The one-line text of a record: {@code DEBUG message}, FINE and finer shown as System.Logger's DEBUG. */
    static String format(LogRecord r) {
        Level l = r.getLevel();
        String level = l.intValue() <= Level.FINE.intValue() ? "DEBUG"
                : l.intValue() >= Level.SEVERE.intValue() ? "ERROR" : l.getName();
        return level + " " + FORMATTER.formatMessage(r);
    }

    private static final Formatter FORMATTER = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    @Override
    public void close() {
        LOGGER.removeHandler(handler);
        LOGGER.setLevel(previousLevel);
        LOGGER.setUseParentHandlers(previousUseParent);
    }

    /** Writes each record as one line and flushes, so lines interleave correctly with the command's own. */
    private static final class LineHandler extends Handler {
        private final PrintStream err;

        LineHandler(PrintStream err) {
            this.err = err;
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                err.println(LibraryLog.format(record));
                err.flush();
            }
        }

        @Override
        public void flush() {
            err.flush();
        }

        @Override
        public void close() {
            // System.err belongs to the process, not to this handler
        }
    }
}
