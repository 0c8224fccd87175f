package dev.spool.bench;

/**
 * One request-response exchange as a workload performs it over and over; shared by all worker
 * threads of a contestant, so implementations are thread-safe. Closing releases the client.
 */
interface Exchange extends AutoCloseable {
    /**
     * Performs one exchange.
     *
     * @param buffer the calling thread's own buffer, for streamed bodies
     * @return body bytes received
     */
    long run(byte[] buffer) throws Exception;

    /** Releases the client behind the exchange, if any; failures are thrown unchecked. */
    @Override
    default void close() {
    }
}
