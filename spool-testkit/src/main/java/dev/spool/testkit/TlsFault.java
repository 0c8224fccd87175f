package dev.spool.testkit;

/** A TLS failure that a whole {@link MockServer} shows, chosen with {@link MockServer#startTls(TlsFault)}. */
public enum TlsFault {
    /**
     * The server accepts TCP, reads the client's first TLS record, answers with a fatal
     * {@code handshake_failure} alert and disconnects: the client's handshake fails.
     */
    HANDSHAKE_FAILURE,
    /**
     * The certificate names only {@code wrong.example}; it is self-signed and trusted through
     * {@link MockServer#certificate()}, so only hostname verification fails.
     */
    WRONG_HOST,
    /**
     * The certificate for {@code localhost} and {@code 127.0.0.1} expired 29 days ago. It is issued by
     * a test CA which {@link MockServer#certificate()} makes clients trust, because JDK clients do not
     * check the validity dates of a self-signed certificate they trust directly.
     */
    EXPIRED
}
