package dev.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The line format of {@link Logs#toStderr()} and its check of the logging backend. */
class LogsTest {
    @Test
    void levelsAreNamedAsSystemLoggerNamesThem() {
        assertEquals("TRACE", Logs.levelName(Level.FINER));
        assertEquals("DEBUG", Logs.levelName(Level.FINE));
        assertEquals("INFO", Logs.levelName(Level.INFO));
        assertEquals("WARNING", Logs.levelName(Level.WARNING));
        assertEquals("ERROR", Logs.levelName(Level.SEVERE));
    }

    @Test
    void aLineIsTheLevelAndTheFormattedMessage() {
        LogRecord r = new LogRecord(Level.FINE, "Resetting dropped connection: {0}");
        r.setParameters(new Object[] {"example.org"});
        assertEquals("DEBUG Resetting dropped connection: example.org" + System.lineSeparator(), Logs.line(r));
    }

    @Test
    void anExceptionFollowsItsLineAsAStackTrace() {
        LogRecord r = new LogRecord(Level.WARNING, "leaked");
        r.setThrown(new IllegalStateException("created here"));
        String[] lines = Logs.line(r).split(System.lineSeparator());
        assertEquals("WARNING leaked", lines[0]);
        assertEquals("java.lang.IllegalStateException: created here", lines[1]);
        assertTrue(lines[2].startsWith("\tat dev.spool.LogsTest."), lines[2]);
    }

    @Test
    void anotherLoggingBackendIsRefusedByName() {
        Logs.requireJavaUtilLogging(System.LoggerFinder.getLoggerFinder()); // the JDK's default here
        Object slf4jLike = new Object() { };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Logs.requireJavaUtilLogging(slf4jLike));
        assertTrue(e.getMessage().contains(slf4jLike.getClass().getName()), e.getMessage());
    }
}
