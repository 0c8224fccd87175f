package dev.spool.cli;

import dev.spool.InvalidRequestException;
import dev.spool.Protocol;
import dev.spool.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options that configure the command's one {@link Session}: TLS, timeouts, proxies and credentials. */
final class SessionOptions {
    @Option(names = {"-k", "--insecure"},
            description = "Do not verify the server's TLS certificate; spool warns once per origin.")
    boolean insecure;

    @Option(names = "--cacert", paramLabel = "FILE",
            description = "Trust the CA certificates of this PEM file instead of the JDK's trust store.")
    Path caBundle;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = Seconds.class,
            description = "Connect and read timeout (defaults: connect 10 s, read 60 s); fractions allowed.")
    Duration timeout;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", converter = Seconds.class,
            description = "Connect timeout (TCP and TLS handshake) alone; overrides --timeout for connecting.")
    Duration connectTimeout;

    @Option(names = {"-m", "--max-time"}, paramLabel = "SECONDS", converter = Seconds.class,
            description = "The most time each request may take, all in (curl's --max-time): pool wait, connect, TLS, "
                    + "sending, the response and its body, redirects and retries; exit code 28 when it passes.")
    Duration maxTime;

    @Option(names = {"-x", "--proxy"}, paramLabel = "URL",
            description = "Send every request through this proxy: http://[user:password@]host:port, socks5://host:port or "
                    + "socks5h://host:port; '' goes direct, ignoring HTTP_PROXY and the like.")
    String proxy;

    @Option(names = "--noproxy", paramLabel = "HOSTS",
            description = "Hosts that bypass every proxy, this one and the environment's: a NO_PROXY list "
                    + "(example.org,.internal,10.0.0.0/8,*).")
    String noProxy;

    @Option(names = "--http1.1", description = "Speak HTTP/1.1 only (by default HTTPS offers HTTP/2 and HTTP/1.1).")
    boolean http11;

    @Option(names = "--http2",
            description = "Offer HTTP/2 to HTTPS servers (ALPN h2, with HTTP/1.1 as the fallback; the default); plain HTTP stays HTTP/1.1.")
    boolean http2;

    @Option(names = "--http2-prior-knowledge",
            description = "Speak HTTP/2 to plain-HTTP servers without an upgrade (h2c), and offer it to HTTPS servers.")
    boolean http2PriorKnowledge;

    @Mixin
    AuthOptions auth;

    /**
     * A session builder with these settings.
     *
     * @param terminal whether a missing {@code -u} password may be asked for
     */
    Session.Builder builder(boolean terminal) {
        Session.Builder b = Session.builder();
        if (proxy != null) {
            // requests' key for "whatever the scheme"; an empty value means direct, over the environment's
            proxies(b, "all", proxy, "--proxy");
        }
        if (noProxy != null) {
            proxies(b, "no_proxy", noProxy, "--noproxy");
        }
        if (insecure && caBundle != null) {
            throw CliException.usage("--insecure and --cacert contradict each other: choose one");
        }
        if (insecure) {
            b.verify(false);
        }
        if (caBundle != null) {
            if (!Files.isRegularFile(caBundle) || !Files.isReadable(caBundle)) {
                throw new CliException(ExitCodes.READ, "--cacert " + caBundle + ": no readable file " + caBundle.toAbsolutePath());
            }
            b.caBundle(caBundle);
        }
        if (timeout != null) {
            b.connectTimeout(timeout).readTimeout(timeout);
        }
        if (connectTimeout != null) {
            b.connectTimeout(connectTimeout);
        }
        if (http11 && (http2 || http2PriorKnowledge)) {
            throw CliException.usage("--http1.1 and --http2 contradict each other: choose one");
        }
        if (http2PriorKnowledge) {
            b.protocols(Protocol.H2_PRIOR_KNOWLEDGE, Protocol.HTTP_2, Protocol.HTTP_1_1);
        } else if (http2) {
            b.protocols(Protocol.HTTP_2, Protocol.HTTP_1_1);
        } else if (http11) {
            b.protocols(Protocol.HTTP_1_1);
        }
        if (maxTime != null) {
            b.callTimeout(maxTime); // the total deadline of each call
        }
        b.auth(auth.auth(terminal)); // last: a prompt comes after every other option was found good
        return b;
    }

    private static void proxies(Session.Builder b, String key, String value, String option) {
        try {
            b.proxies(Collections.singletonMap(key, value));
        } catch (InvalidRequestException e) {
            throw CliException.usage(option + " '" + value + "': " + e.getMessage());
        }
    }
}
