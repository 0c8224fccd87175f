package dev.spool.internal.connection;

/**
 * Speaks the protocol a connection negotiated and hands out an {@link ExchangeCodec} per exchange:
 * the same codec each time for HTTP/1.1 (one exchange at a time), a new stream each time for HTTP/2.
 */
public interface ExchangeCarrier {
    /** The protocol's ALPN identifier: {@code http/1.1} or {@code h2}. */
    String protocol();

    /** Whether exchanges share the connection concurrently (HTTP/2). */
    boolean isMultiplexed();

    /** How many exchanges the connection can carry at once now; 0 once it takes no new one. */
    int maxConcurrentExchanges();

    /** The codec for the next exchange on this connection. */
    ExchangeCodec newExchange();

    /**
     * For a multiplexed connection, whose socket its reader owns: whether it still takes exchanges
     * (no failure, no GOAWAY), known without touching the socket.
     */
    default boolean isHealthy() {
        return true;
    }

    /**
     * As {@link #isHealthy()}, for a connection idle {@code idleNanos} before this reuse: an HTTP/2
     * connection idle a while is first asked with a PING, and answers false when no ACK comes in time.
     */
    default boolean isHealthy(long idleNanos) {
        return isHealthy();
    }

    /** Tells the peer the connection is going away, best effort, before its socket is closed. */
    default void shutdown() {
    }
}
