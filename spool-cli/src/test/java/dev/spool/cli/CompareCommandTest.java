package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.testkit.MockServer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code spool compare} and {@code spool demo} as processes: the table, the chart, the connection counts. */
@Timeout(180)
class CompareCommandTest {
    /** A table row: target, mode, requests, connections opened by Spool. */
    private static final Pattern ROW = Pattern.compile("(?m)^(HTTPS?)\\s+(one-shot|session)\\s+(\\d+)\\s+(\\d+)\\s");

    @TempDir
    Path dir;

    @Test
    void compareMeasuresBothModesAgainstAUrlAndDrawsTheChart() throws Exception {
        try (MockServer server = MockServer.start()) {
            Path chart = dir.resolve("compare.png");
            Cli.Result r = Cli.run("compare", server.url("/c"), "-n", "4", "--chart", chart.toString());
            assertEquals(0, r.exit(), r.toString());
            Matcher m = ROW.matcher(r.stdout());
            assertTrue(m.find(), r.stdout());
            assertEquals("one-shot 4 4", m.group(2) + " " + m.group(3) + " " + m.group(4), "a connection per one-shot call");
            assertTrue(m.find(), r.stdout());
            assertEquals("session 4 1", m.group(2) + " " + m.group(3) + " " + m.group(4), "one connection for the session");
            assertTrue(r.stdout().contains("why connections were opened (ConnectionInfo.openReason(), poolStats()):\n"
                    + "  HTTP one-shot: FIRST 4\n  HTTP session: FIRST 1\n"), r.stdout());
            assertTrue(r.stdout().contains("chart: " + chart), r.stdout());
            BufferedImage png = ImageIO.read(chart.toFile());
            assertEquals(800, png.getWidth());
            assertEquals(500, png.getHeight());
        }
    }

    @Test
    void compareRejectsANonPositiveCount() {
        Cli.Result r = Cli.run("compare", "http://127.0.0.1:1/", "-n", "0");
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertTrue(r.stderr().startsWith("spool: -n must be at least 1, got 0"), r.stderr());
    }

    @Test
    void demoRunsOnLocalHttpAndHttpsServers() {
        Cli.Result r = Cli.run("demo", "-n", "3");
        assertEquals(0, r.exit(), r.toString());
        Matcher m = ROW.matcher(r.stdout());
        StringBuilder rows = new StringBuilder();
        while (m.find()) {
            rows.append(m.group(1)).append(' ').append(m.group(2)).append(' ').append(m.group(4)).append('\n');
        }
        assertEquals("HTTP one-shot 3\nHTTP session 1\nHTTPS one-shot 3\nHTTPS session 1\n", rows.toString(), r.stdout());
        assertTrue(r.stdout().contains("DEBUG dev.spool.pool: Starting new HTTPS connection (1): 127.0.0.1:"), r.stdout());
        // The HTTP/2 part: 50 requests at once on one connection, by Spool's count and the server's.
        assertTrue(r.stdout().contains("in flight at once: 50 streams; responses over h2 on connection 1"), r.stdout());
        assertTrue(r.stdout().contains("connections: opened by Spool 1, server saw 1"), r.stdout());
        assertFalse(r.stderr().contains("SLF4J"), "the embedded server's logging stays out: " + r.stderr());
    }
}
