package dev.spool.bench.clients;

/**
 * One HTTP client under test, reduced to the two things the workloads ask of it; implementations
 * use each library the way its own documentation shows, so the figures are what its users get.
 */
public interface BenchClient extends AutoCloseable {
    /**
     * GETs a URL and reads the whole body into memory.
     *
     * @return the body length in bytes
     * @throws Exception on any failure, including a status other than 200
     */
    long getFully(String url) throws Exception;

    /**
     * GETs a URL and streams the body through {@code buffer}, never holding more of it than fits.
     *
     * @return the number of body bytes read
     * @throws Exception on any failure, including a status other than 200
     */
    long stream(String url, byte[] buffer) throws Exception;

    /** Releases the client's connections and threads; a failure to do so is thrown unchecked. */
    @Override
    void close();
}
