package dev.spool;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A one-call switch that prints Spool's log lines on standard error, one line each, as the README
 * shows them: {@code DEBUG Starting new HTTP connection (1): 127.0.0.1:8080}.
 *
 * <p>Spool logs through {@code System.Logger}, with loggers named under {@code dev.spool}. Without a
 * logging backend of your own, the JDK sends those to java.util.logging, which hides DEBUG and prints
 * what it shows on two lines. {@link #toStderr()} configures java.util.logging's {@code dev.spool}
 * logger instead; with SLF4J's bridge ({@code org.slf4j:slf4j-jdk-platform-logging}) or another
 * {@code System.LoggerFinder} installed, configure that backend (for Logback: a logger named
 * {@code dev.spool} at level DEBUG) and do not call this.
 *
 * <p>The switch is for the whole JVM, as java.util.logging's configuration is: every session's
 * {@code dev.spool} loggers are affected, until {@link #restore()}.
 */
public final class Logs {
    /** The parent of every Spool logger. */
    static final String ROOT = "dev.spool";

    /**
     * Held strongly: java.util.logging keeps loggers in weak references, and a collected logger would
     * forget the level set here.
     */
    private static final Logger LOGGER = Logger.getLogger(ROOT);

    private static final Lock LOCK = new ReentrantLock();
    private static Handler installed;
    private static Level previousLevel;
    private static boolean previousUseParentHandlers;

    private Logs() {
    }

    /**
     * Prints Spool's DEBUG lines and everything above them (WARNING, ERROR...) on standard error, one
     * line each ({@code LEVEL message}, followed by the stack trace of an exception logged with one).
     * The lines go to the {@code System.err} of the moment each is written. Spool's records stop
     * reaching java.util.logging's root handlers, so they are not printed a second time in its
     * two-line format. Calling it again while it is on changes nothing.
     *
     * @throws IllegalStateException when {@code System.Logger} is bound to a backend other than
     *     java.util.logging (SLF4J's bridge, Log4j...), where this switch could not have any effect:
     *     configure that backend instead
     */
    public static void toStderr() {
        requireJavaUtilLogging(System.LoggerFinder.getLoggerFinder());
        LOCK.lock();
        try {
            if (installed != null) {
                return;
            }
            previousLevel = LOGGER.getLevel();
            previousUseParentHandlers = LOGGER.getUseParentHandlers();
            Handler h = new StderrHandler();
            h.setLevel(Level.FINE);
            LOGGER.setLevel(Level.FINE);
            LOGGER.setUseParentHandlers(false);
            LOGGER.addHandler(h);
            installed = h;
        } finally {
            LOCK.unlock();
        }
    }

    /**
     * Undoes {@link #toStderr()}: the {@code dev.spool} logger gets back the level and the root
     * handlers it had before. Does nothing when the switch is off.
     */
    public static void restore() {
        LOCK.lock();
        try {
            if (installed == null) {
                return;
            }
            LOGGER.removeHandler(installed);
            LOGGER.setLevel(previousLevel);
            LOGGER.setUseParentHandlers(previousUseParentHandlers);
            installed = null;
        } finally {
            LOCK.unlock();
        }
    }

    /** Whether {@link #toStderr()} is on. */
    public static boolean isToStderr() {
        LOCK.lock();
        try {
            return installed != null;
        } finally {
            LOCK.unlock();
        }
    }

    /** Fails unless the given {@code System.LoggerFinder} hands out java.util.logging's loggers. */
    static void requireJavaUtilLogging(Object finder) {
        if (finder.getClass().getModule() != Logger.class.getModule()) {
            throw new IllegalStateException("Logs.toStderr() configures java.util.logging, but System.Logger goes to "
                    + finder.getClass().getName() + " here; configure that backend's dev.spool logger instead");
        }
    }

    /** The text of a record: {@code LEVEL message} and a line end, then the stack trace of its exception. */
    static String line(LogRecord r) {
        String text = levelName(r.getLevel()) + " " + MESSAGES.formatMessage(r) + System.lineSeparator();
        if (r.getThrown() == null) {
            return text;
        }
        StringWriter trace = new StringWriter();
        r.getThrown().printStackTrace(new PrintWriter(trace));
        return text + trace;
    }

    /** java.util.logging's level as the {@code System.Logger.Level} Spool logged it at. */
    static String levelName(Level l) {
        int v = l.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARNING";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        return v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    /** Formats a record's message with its parameters ({@code {0}}), as java.util.logging does. */
    private static final Formatter MESSAGES = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    /** Writes each record to the current standard error in one write, and flushes. */
    private static final class StderrHandler extends Handler {
        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                PrintStream err = System.err;
                err.print(line(record));
                err.flush();
            }
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {
            // System.err belongs to the process, not to this handler
        }
    }
}
