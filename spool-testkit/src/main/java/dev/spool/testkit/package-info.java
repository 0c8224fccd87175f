/**
 * Test support for Spool users: a real-socket {@code MockServer} with fault injection, and {@code MockTransport}.
 *
 * <p>{@link dev.spool.testkit.MockServer} is an HTTP/1.1 (and HTTPS) server on 127.0.0.1 built on
 * plain JDK sockets, so it tests a client without depending on any other HTTP code. It records which
 * TCP connection carried each request, which is how a test proves that a client reused a connection:
 *
 * <pre>{@code
 * try (MockServer server = MockServer.start()) {
 *     server.enqueue(new MockResponse().body("a"));
 *     server.enqueue(new MockResponse().body("b").fault(Fault.CLOSE_AFTER_RESPONSE));
 *     // ... a client sends three requests ...
 *     RecordedRequest first = server.takeRequest(Duration.ofSeconds(5));
 *     assertEquals(1, first.connectionIndex());
 *     assertEquals(2, server.connectionCount());            // the stale connection was replaced
 *     assertTrue(server.awaitClientClose(1, Duration.ofSeconds(5)));
 * }
 * }</pre>
 *
 * <p>{@link dev.spool.testkit.MockTransport} replaces the network below a session for tests of
 * redirects, retries, auth and cookies; {@link dev.spool.testkit.SelfSignedCertificate} makes the
 * certificates for HTTPS tests at run time.
 */
package dev.spool.testkit;
