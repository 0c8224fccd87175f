package dev.spool.bench.clients;

import java.io.IOException;
import java.io.InputStream;

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

    /**
     * GETs a URL once and tells the protocol the exchange used, as the library reports it:
     * {@code h2} or {@code http/1.1}. The HTTP/2 workloads check it before they measure.
     */
    String protocol(String url) throws Exception;

    /**
     * Reads a body stream to its end through {@code buffer}: the loop every client's {@link #stream}
     * uses, so they all read alike.
     *
     * @return the number of bytes read
     */
    static long drain(InputStream in, byte[] buffer) throws IOException {
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
        }
        return total;
    }

    /** Releases the client's connections and threads; a failure to do so is thrown unchecked. */
    @Override
    void close();
}
