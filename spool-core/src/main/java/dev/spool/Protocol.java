package dev.spool;

/**
 * The HTTP versions a session may speak, chosen with {@code Session.Builder.protocols(...)}.
 */
public enum Protocol {
    /** HTTP/1.1 (RFC 9112): one exchange at a time per connection. */
    HTTP_1_1,
    /** HTTP/2 over TLS (RFC 9113), offered by ALPN alongside HTTP/1.1 and used when the server picks it. */
    HTTP_2,
    /** HTTP/2 over plain TCP without an upgrade (h2c with prior knowledge, RFC 9113 section 3.3). */
    H2_PRIOR_KNOWLEDGE
}
