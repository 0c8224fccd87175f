package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spool.ConnectTimeoutException;
import dev.spool.ConnectFailedException;
import dev.spool.ConnectionException;
import dev.spool.InvalidRequestException;
import dev.spool.PoolTimeoutException;
import dev.spool.ProtocolException;
import dev.spool.ProxyException;
import dev.spool.ReadTimeoutException;
import dev.spool.SpoolException;
import dev.spool.TlsException;
import dev.spool.TooManyRedirectsException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Every library failure gets one sentence and its documented exit code; built from exceptions, no network. */
class FailureTest {
    @Test
    void connectionFailures() {
        assertEquals(new Failure(6, "cannot connect to example.invalid:443 (name not resolved)"), Failure.of(
                new ConnectFailedException("cannot connect to example.invalid:443 (name not resolved)",
                        new UnknownHostException("example.invalid"))));
        assertEquals(new Failure(7, "cannot connect to 127.0.0.1:1 (connection refused)"), Failure.of(
                new ConnectFailedException("cannot connect to 127.0.0.1:1 (connection refused)", new ConnectException())));
        assertEquals(new Failure(56, "connection to h:80 failed: Connection reset"), Failure.of(
                new ConnectionException("connection to h:80 failed: Connection reset")));
    }

    @Test
    void proxyFailuresUseCurlsProxyCodes() {
        assertEquals(new Failure(5, "cannot connect to proxy http://proxy.invalid:3128 (name not resolved)"), Failure.of(
                new ProxyException("cannot connect to proxy http://proxy.invalid:3128 (name not resolved)",
                        "http://proxy.invalid:3128", null, -1, new UnknownHostException("proxy.invalid"))));
        assertEquals(new Failure(7, "cannot connect to proxy http://127.0.0.1:9 (connection refused)"), Failure.of(
                new ProxyException("cannot connect to proxy http://127.0.0.1:9 (connection refused)",
                        "http://127.0.0.1:9", null, -1, new ConnectException("Connection refused"))));
        assertEquals(56, Failure.of(new ProxyException("proxy http://127.0.0.1:3128 refused CONNECT to h:443: 407 Proxy "
                + "Authentication Required", "http://127.0.0.1:3128", "h:443", 407, null)).exitCode());
        assertEquals(56, Failure.of(new ProxyException("proxy http://127.0.0.1:3128 closed the connection before answering "
                + "CONNECT h:443", "http://127.0.0.1:3128", "h:443", -1, new EOFException("end of stream"))).exitCode());
    }

    @Test
    void tooManyRedirectsIsExitCode47() {
        assertEquals(new Failure(47, "Exceeded 1 redirects: the last, a 302 from http://h/b, pointed to /c"),
                Failure.of(new TooManyRedirectsException("Exceeded 1 redirects: the last, a 302 from http://h/b, pointed to /c")));
    }

    @Test
    void timeoutsInvalidRequestsAndProtocolErrors() {
        assertEquals(28, Failure.of(new ConnectTimeoutException("connect to h:443 timed out after 10000 ms")).exitCode());
        assertEquals(28, Failure.of(new ReadTimeoutException("read from h:443 timed out after 50 ms (read timeout)")).exitCode());
        assertEquals(28, Failure.of(new PoolTimeoutException("no free connection to http://h:80 within 30 s")).exitCode());
        assertEquals(new Failure(3, "URL \"x\" has no scheme"), Failure.of(new InvalidRequestException("URL \"x\" has no scheme")));
        assertEquals(8, Failure.of(new ProtocolException("bad status line (from h:80)")).exitCode());
        assertEquals(new Failure(1, "JSON needs Jackson"), Failure.of(new SpoolException("JSON needs Jackson")));
        assertEquals(new Failure(1, "unexpected IllegalStateException: odd (run with --debug to see where)"),
                Failure.of(new IllegalStateException("odd")));
        assertEquals(new Failure(23, "cannot write f"), Failure.of(new CliException(23, "cannot write f")));
    }

    @Test
    void certificateProblemsGetASentenceAndExitCode60() {
        String pkix = "PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: "
                + "unable to find valid certification path to requested target";
        TlsException untrusted = new TlsException("TLS handshake with h.example:443 failed: " + pkix,
                new SSLHandshakeException(pkix).initCause(new CertPathBuilderException("unable to find valid certification path")));
        assertEquals(new Failure(60, "TLS handshake failed: h.example:443's certificate is not trusted (no path to a trusted CA); "
                + "trust its CA with --cacert FILE, or skip verification with --insecure"), Failure.of(untrusted));

        TlsException name = new TlsException("TLS handshake with 127.0.0.2:8443 failed: No subject alternative names matching IP "
                + "address 127.0.0.2 found", new SSLHandshakeException("x").initCause(
                        new CertificateException("No subject alternative names matching IP address 127.0.0.2 found")));
        assertEquals(new Failure(60, "TLS handshake failed: 127.0.0.2:8443's certificate does not name the host (No subject "
                + "alternative names matching IP address 127.0.0.2 found); trust its CA with --cacert FILE, or skip verification "
                + "with --insecure"), Failure.of(name));

        TlsException expired = new TlsException("TLS handshake with h:443 failed: validity check failed",
                new SSLHandshakeException("x").initCause(new CertificateExpiredException("NotAfter: Mon Jan 01 2024")));
        assertEquals(60, Failure.of(expired).exitCode());
        assertEquals(true, Failure.of(expired).message().startsWith("TLS handshake failed: h:443's certificate has expired"));

        TlsException other = new TlsException("TLS handshake with h:443 failed: Received fatal alert: handshake_failure",
                new SSLHandshakeException("Received fatal alert: handshake_failure"));
        assertEquals(new Failure(35, "TLS handshake with h:443 failed: Received fatal alert: handshake_failure"), Failure.of(other));
    }
}
