/**
 * Spool: a requests-style HTTP client with a keep-alive connection pool. Exports only the public
 * API packages; everything under {@code dev.spool.internal} stays private to the module.
 */
module dev.spool {
    requires static com.fasterxml.jackson.databind;
    requires java.logging; // Logs.toStderr() configures java.util.logging, System.Logger's default backend

    exports dev.spool;
    exports dev.spool.transport;
    exports dev.spool.tls;
    exports dev.spool.auth;
    exports dev.spool.cookies;
    exports dev.spool.redirect;
    exports dev.spool.retry;
    exports dev.spool.proxy;
}
