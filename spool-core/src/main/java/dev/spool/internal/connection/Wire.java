package dev.spool.internal.connection;

import java.io.IOException;

/**
 * The byte stream an exchange codec reads and writes: a {@link Connection}'s socket in use, a script
 * of byte chunks in tests. Every read and write is bounded by the read timeout in force, through the
 * {@link Watchdog}.
 */
public interface Wire {
    /** What {@link #readWithin} returns when nothing arrived within its wait. */
    int NOTHING_YET = -2;

    /** Sets the timeout of the reads and writes that follow (a request may override the session's). */
    void readTimeout(int millis);

    /** One blocking read: bytes read, or -1 at end of stream. */
    int read(byte[] b, int off, int len) throws IOException;

    /**
     * One read that waits at most {@code waitMillis} for the first byte and, unlike a timed-out
     * {@link #read}, keeps the connection open when nothing came: bytes read, -1 at end of stream, or
     * {@link #NOTHING_YET}.
     */
    int readWithin(byte[] b, int off, int len, int waitMillis) throws IOException;

    /** Writes all the bytes. */
    void write(byte[] b, int off, int len) throws IOException;

    /** Pushes written bytes out. */
    void flush() throws IOException;

    /**
     * Whether bytes that no read has taken are waiting: after a response ends, such bytes were never
     * asked for (Spool does not pipeline) and make the connection unfit for reuse.
     */
    boolean hasUnreadBytes();
}
