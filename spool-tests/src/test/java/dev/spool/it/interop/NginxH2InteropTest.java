package dev.spool.it.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.Protocol;
import dev.spool.Response;
import dev.spool.Session;
import java.nio.file.Files;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * HTTP/2 against a real nginx (h2c with prior knowledge): concurrent requests share one connection
 * as nginx itself counts it ({@code X-Conn: $connection}), bodies are intact both ways, and nginx's
 * GOAWAY after {@code keepalive_requests} loses no request.
 */
@Tag("interop")
@Timeout(120)
@ExtendWith(NginxExtension.class)
class NginxH2InteropTest {
    static Session h2c() {
        return Session.builder().protocols(Protocol.H2_PRIOR_KNOWLEDGE).build();
    }

    @Test
    void sixteenThreadsTimesAHundredGetsUseOneConnection(Nginx nginx) throws Exception {
        Set<String> connections = ConcurrentHashMap.newKeySet();
        try (Session s = h2c()) {
            Concurrently.run(16, 100, 60, (thread, i) -> {
                Response r = s.get(nginx.h2cUrl("/hello.txt", false));
                assertEquals(Nginx.HELLO, r.text());
                assertEquals("h2", r.connection().protocol());
                connections.add(r.header("X-Conn"));
            });
            assertEquals(1, connections.size(), "nginx's own count: " + connections);
            assertEquals(1, s.poolStats().connectionsOpened());
        }
    }

    @Test
    void tenMebibyteUploadAndADownloadAreIntact(Nginx nginx) throws Exception {
        byte[] upload = new byte[10 << 20];
        new Random(11).nextBytes(upload);
        try (Session s = h2c()) {
            Response put = s.put(nginx.h2cUrl("/upload/h2.bin", false), Body.bytes(upload));
            assertTrue(put.status() == 201 || put.status() == 204, "PUT answered " + put.status());
            assertArrayEquals(upload, Files.readAllBytes(nginx.root().resolve("upload/h2.bin")));
            assertArrayEquals(upload, s.get(nginx.h2cUrl("/upload/h2.bin", false)).bytes());
            byte[] big = NginxInteropTest.big();
            assertArrayEquals(big, s.get(nginx.h2cUrl("/big.bin", false)).bytes());
        }
    }

    @Test
    void goAwayAfterFiftyRequestsLosesNoRequest(Nginx nginx) throws Exception {
        Set<String> connections = ConcurrentHashMap.newKeySet();
        try (Session s = h2c()) {
            Concurrently.run(8, 50, 60, (thread, i) -> {
                Response r = s.get(nginx.h2cUrl("/hello.txt", true));
                assertEquals(Nginx.HELLO, r.text());
                connections.add(r.header("X-Conn"));
            });
            assertTrue(connections.size() >= 400 / 50, "nginx closed each connection after 50 requests: "
                    + connections.size() + " connections");
        }
    }
}
