package dev.spool.it.interop;

import dev.spool.Session;

/** HTTP/2 against Apache httpd with mod_http2 over h2c (prior knowledge): the same checks as over TLS. */
class ApacheH2cInteropTest extends ApacheH2InteropTest {
    @Override
    protected Session session() {
        return h2cSession();
    }

    @Override
    protected String url(String path) {
        return apache.h2cUrl(path);
    }
}
