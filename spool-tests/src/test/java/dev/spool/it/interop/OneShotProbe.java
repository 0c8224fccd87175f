package dev.spool.it.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spool.Response;
import dev.spool.Spool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM that makes plain one-shot {@code Spool.get(url)} calls, as a requests user would, trusting
 * the server through {@code REQUESTS_CA_BUNDLE} (a one-shot call has no other way to be given a CA), and
 * prints one line per call: {@code <url> <call number> <Spool's resumed flag> <X-Reused> <X-Tls>}.
 */
public final class OneShotProbe {
    private OneShotProbe() {
    }

    /** Runs the probe in a fresh JVM with {@code REQUESTS_CA_BUNDLE=caPem}; {@code calls} one-shot GETs per URL. */
    static List<String[]> run(Path caPem, int calls, List<String> urls) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OneShotProbe.class.getName(), Integer.toString(calls)));
        cmd.addAll(urls);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        for (String v : List.of("CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
                "_JAVA_OPTIONS", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")) {
            pb.environment().remove(v);
        }
        pb.environment().putAll(Map.of("REQUESTS_CA_BUNDLE", caPem.toString()));
        Process p = pb.start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes(); // ends when the child exits
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        List<String[]> lines = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                lines.add(line.split(" "));
            }
        }
        return lines;
    }

    /** Arguments: calls per URL, then the URLs. */
    public static void main(String[] args) {
        int calls = Integer.parseInt(args[0]);
        for (int u = 1; u < args.length; u++) {
            for (int i = 1; i <= calls; i++) {
                try (Response r = Spool.get(args[u])) {
                    if (!NginxTls.HELLO.equals(r.text())) {
                        throw new AssertionError("unexpected body from " + args[u] + ": " + r.text());
                    }
                    System.out.println(args[u] + " " + i + " " + r.connection().tlsResumed() + " " + r.header("X-Reused")
                            + " " + r.header("X-Tls"));
                }
            }
        }
    }
}
