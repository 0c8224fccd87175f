package dev.spool.internal.http2.hpack;

/** Receives the fields of a header block from {@link HpackDecoder}, in order. */
@FunctionalInterface
public interface FieldSink {
    /** How a field was represented on the wire (RFC 7541 section 6). */
    enum Representation {
        /** Indexed field (section 6.1): taken whole from the static or dynamic table. */
        INDEXED,
        /** Literal with incremental indexing (section 6.2.1): added to the dynamic table. */
        INCREMENTAL_INDEXING,
        /** Literal without indexing (section 6.2.2). */
        WITHOUT_INDEXING,
        /**
         * Literal never indexed (section 6.2.3): a sensitive field that an intermediary must forward
         * with the same representation.
         */
        NEVER_INDEXED
    }

    /**
     * One decoded field. Names and values hold one char per octet (ISO-8859-1); the decoder does not
     * validate them (RFC 9113 section 8.2 is the frame layer's job).
     */
    void field(String name, String value, Representation representation);
}
