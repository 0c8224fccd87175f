/** Test support for Spool users: a real-socket {@code MockServer} with fault injection, and {@code MockTransport}. */
package dev.spool.testkit;
