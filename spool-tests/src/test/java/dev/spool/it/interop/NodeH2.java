package dev.spool.it.interop;

import dev.spool.testkit.SelfSignedCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP/2 server for the interop tests: Node's own {@code http2} module (Debian's nodejs)
 * running {@code h2/node-server.js}, over plain TCP (h2c, prior knowledge) or TLS with ALPN. Stops
 * when closed (its standard input closes).
 */
public final class NodeH2 implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path dir;

    private NodeH2(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** What this machine lacks to run the server, or null. */
    public static String missing() {
        return Interop.executable("spool.node", List.of("/usr/bin/node", "/usr/bin/nodejs", "/usr/local/bin/node")) == null
                ? "node (Debian package nodejs)" : null;
    }

    /**
     * Starts the server.
     *
     * @param tls a certificate to serve h2 over TLS with, or null for h2c
     * @param goAwayEvery send GOAWAY after this many streams on a connection, or 0
     */
    public static NodeH2 start(SelfSignedCertificate tls, int goAwayEvery) throws IOException {
        String lacking = missing();
        if (lacking != null) {
            throw new IOException("cannot start Node's HTTP/2 server: no " + lacking);
        }
        Path dir = Files.createTempDirectory("spool-node-h2");
        Path script = dir.resolve("node-server.js");
        try (InputStream in = NodeH2.class.getResourceAsStream("/h2/node-server.js")) {
            Files.copy(in, script);
        }
        List<String> cmd = new ArrayList<>(List.of(
                Interop.executable("spool.node", List.of("/usr/bin/node", "/usr/bin/nodejs", "/usr/local/bin/node")).toString(),
                script.toString()));
        if (tls != null) {
            Path cert = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            Pem.write(tls, cert, key);
            cmd.addAll(List.of("--tls", cert.toString(), key.toString()));
        }
        if (goAwayEvery > 0) {
            cmd.addAll(List.of("--goaway-every", Integer.toString(goAwayEvery)));
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        Matcher m = line == null ? null : Pattern.compile("\"port\":(\\d+)").matcher(line);
        if (m == null || !m.find()) {
            p.destroyForcibly();
            throw new IOException("Node's HTTP/2 server did not start: " + line);
        }
        return new NodeH2(p, Integer.parseInt(m.group(1)), dir);
    }

    /** The server's port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** A URL on the server: {@code scheme://127.0.0.1:port/path}. */
    public String url(String scheme, String path) {
        return scheme + "://127.0.0.1:" + port + path;
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
        }
        Files.deleteIfExists(dir);
    }
}
