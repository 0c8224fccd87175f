package dev.spool.it;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what Spool logs through System.Logger (java.util.logging by default) as
 * {@code LEVEL message} lines, DEBUG for FINE, for the duration of a test. Meanwhile the records
 * do not reach the root logger's console handler, so an expected warning (with its stack trace)
 * stays out of the build's output.
 */
final class LogRecorder extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("dev.spool");
    private final Level previous;
    private final boolean previousUseParentHandlers;
    private final List<String> lines = new ArrayList<>();

    LogRecorder() {
        previous = logger.getLevel();
        previousUseParentHandlers = logger.getUseParentHandlers();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord r) {
        String msg = r.getMessage();
        if (r.getParameters() != null && r.getParameters().length > 0) {
            msg = java.text.MessageFormat.format(msg, r.getParameters());
        }
        String level = r.getLevel() == Level.FINE ? "DEBUG" : r.getLevel().getName();
        synchronized (lines) {
            lines.add(level + " " + msg);
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    List<String> matching(String prefix) {
        List<String> out = new ArrayList<>();
        for (String l : lines()) {
            if (l.startsWith(prefix)) {
                out.add(l);
            }
        }
        return out;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
        logger.setUseParentHandlers(previousUseParentHandlers);
    }
}
