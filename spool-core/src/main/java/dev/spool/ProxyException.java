package dev.spool;

/**
 * Thrown when a proxy refuses or fails a request's connection: a CONNECT tunnel answered with a status
 * other than 2xx (407 when the proxy wants credentials, 502 when it cannot reach the destination), a
 * SOCKS proxy's refusal, or a proxy that cannot be reached. The message names the proxy (without its
 * password), the destination and the status.
 */
public class ProxyException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    /** The proxy, as {@code scheme://host:port}, without credentials. */
    private final String proxy;
    /** The {@code host:port} the tunnel was for. */
    private final String destination;
    /** The proxy's HTTP status or SOCKS reply code, or -1. */
    private final int status;

    /**
     * Creates the exception.
     *
     * @param proxy the proxy, as {@code scheme://host:port} (never with credentials)
     * @param destination the {@code host:port} the tunnel was for
     * @param status the proxy's HTTP status (or SOCKS reply code), or -1 when it gave none
     */
    public ProxyException(String message, String proxy, String destination, int status, Throwable cause) {
        super(message, cause);
        this.proxy = proxy;
        this.destination = destination;
        this.status = status;
    }

    /** The proxy, as {@code scheme://host:port}. */
    public String proxy() {
        return proxy;
    }

    /** The {@code host:port} the connection was for. */
    public String destination() {
        return destination;
    }

    /** The proxy's HTTP status for a CONNECT (SOCKS: its reply code), or -1 when it gave none. */
    public int status() {
        return status;
    }
}
