package dev.spool.cli;

import dev.spool.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options that configure the command's one {@link Session}: TLS and timeouts. */
final class SessionOptions {
    @Option(names = {"-k", "--insecure"},
            description = "Do not verify the server's TLS certificate (Session.Builder.verify(false)); the library logs a warning.")
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

    /** A session builder with these settings. */
    Session.Builder builder() {
        Session.Builder b = Session.builder();
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
        return b;
    }
}
