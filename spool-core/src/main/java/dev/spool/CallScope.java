package dev.spool;

/**
 * The total deadline and cancellation that one call carries through its retries and redirects: made
 * by the session for a call with a {@code callTimeout} or sent with {@code sendAsync}, and read by
 * the transport, which stops the call where it stands once {@link #stopped()}.
 */
public interface CallScope {
    /** Whether the call's deadline passed or the call was cancelled. */
    boolean stopped();

    /** Stops the call now, wherever it is blocked; idempotent. */
    void cancel();
}
