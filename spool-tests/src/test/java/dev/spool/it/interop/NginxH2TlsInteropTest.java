package dev.spool.it.interop;

import dev.spool.Session;

/**
 * HTTP/2 against a real nginx over TLS ({@code listen ... ssl http2}, h2 chosen by ALPN, a
 * self-signed certificate the session trusts alone): the same checks as over h2c.
 */
class NginxH2TlsInteropTest extends NginxH2InteropTest {
    @Override
    protected Session session() {
        return tlsSession(nginx.certificate());
    }

    @Override
    protected String url(String path) {
        return nginx.h2TlsUrl(path, false);
    }

    @Override
    protected String goAwayUrl(String path) {
        return nginx.h2TlsUrl(path, true);
    }
}
