package dev.spool.testkit;

/**
 * Where a MockProxy client asked to go: the host (without IPv6 brackets) and port of a CONNECT
 * target or of an absolute-form URL's authority.
 */
record ProxyTarget(String host, int port) {
    /**
     * Parses {@code host:port} (the host may be a bracketed IPv6 literal).
     *
     * @param defaultPort the port when none is given, or -1 when one is required
     * @throws IllegalArgumentException naming what is wrong with {@code authority}
     */
    static ProxyTarget parse(String authority, int defaultPort) {
        String host = authority;
        int port = defaultPort;
        int colon = authority.lastIndexOf(':');
        if (colon > 0 && !authority.endsWith("]")) {
            host = authority.substring(0, colon);
            try {
                port = Integer.parseInt(authority.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(authority + " has a bad port");
            }
        }
        if (port < 0) {
            throw new IllegalArgumentException(authority + " is not host:port");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new ProxyTarget(host, port);
    }
}
