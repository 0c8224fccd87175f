package dev.spool.internal;

/**
 * A response body stream that holds a pooled resource and can give it back without I/O: called when
 * the response was garbage collected unclosed, so its state is unknown and the connection is closed.
 */
public interface Abandonable {
    /** Frees what the stream holds without reading or writing; safe from any thread, idempotent. */
    void abandon();

    /** Whether the stream still holds its resource (its body was neither read to the end nor closed). */
    boolean holdsResource();
}
