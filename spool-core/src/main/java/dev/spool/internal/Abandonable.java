package dev.spool.internal;

/**
 * A response body stream that holds a pooled connection: it can report a leak when it becomes
 * unreachable while still holding it, and give the connection back without I/O.
 */
public interface Abandonable {
    /**
     * Starts watching for the stream becoming unreachable while it still holds its connection; the
     * connection is then closed and its slot freed, and a WARNING names {@code what}.
     */
    void watchLeaks(String what);

    /** Whether the stream still holds its connection (its body was neither read to the end nor closed). */
    boolean holdsResource();

    /**
     * Runs {@code action} once, when the stream gives its connection back (at the end of the body, on
     * close, or when dropped unclosed), on the thread that does so.
     *
     * @return false when the connection was already given back: the action was not taken and the caller runs it
     */
    boolean whenReleased(Runnable action);
}
