package dev.spool.it.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import dev.spool.Protocol;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.testkit.SelfSignedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTTP/2 checks every real server of the interop suite passes (issue 12): one session's 16
 * threads x 100 GETs ride one connection by the server's own count, a 10 MiB upload and a 100 MiB
 * streamed download are intact, a server that sends GOAWAY every 50 requests loses none, and an
 * unread streamed response blocks no other request. A subclass names the server and how to reach it.
 *
 * <p>Every server serves the same routes: {@code GET /hello/<tag>} answers {@code hello /hello/<tag>};
 * {@code POST /digest} answers the SHA-1 (hex) and length of the body it read, {@code <hex> <length>};
 * {@code GET /pattern.bin} answers {@link #PATTERN_SIZE} bytes of {@link #patternByte}; and every
 * response carries {@code X-Conn}, the server's own name for the connection that served it.
 */
@Timeout(120)
public abstract class H2Checks {
    /** Size of {@code /pattern.bin}: 100 MiB. */
    public static final long PATTERN_SIZE = 100L << 20;

    /** A session that speaks HTTP/2 to the server: prior knowledge for h2c, or TLS trusting its certificate. */
    protected abstract Session session();

    /** A URL on the server under test. */
    protected abstract String url(String path);

    /** A URL on the same kind of server that sends GOAWAY on a connection after 50 requests. */
    protected abstract String goAwayUrl(String path);

    /** The server's own name for the connection that served {@code r}. */
    protected String connectionOf(Response r) {
        String id = r.header("X-Conn");
        assertTrue(id != null && !id.isEmpty(), "the server named its connection (X-Conn)");
        return id;
    }

    /**
     * The SHA-1 (hex) and length of the body as the server received it, {@code <hex> <length>}: by
     * default what {@code POST /digest} answers.
     */
    protected String uploadDigest(Session s, Body body) throws IOException {
        Response r = s.post(url("/digest"), body);
        assertEquals(200, r.status(), r.text());
        return r.text().trim();
    }

    /**
     * The fewest connections the GOAWAY check's 400 requests can have used: 8 where the server serves
     * at most 50 requests on a connection.
     */
    protected int leastGoAwayConnections() {
        return 400 / 50;
    }

    /** Byte {@code i} of {@code /pattern.bin}: it depends on the byte's place within and across 64 KiB blocks. */
    public static byte patternByte(long i) {
        return (byte) (i * 31 + (i >>> 8) * 7 + (i >>> 16) * 13);
    }

    /** Writes {@code /pattern.bin}'s {@link #PATTERN_SIZE} bytes to a file. */
    public static void writePattern(Path file) throws IOException {
        byte[] block = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long at = 0; at < PATTERN_SIZE; at += block.length) {
                for (int j = 0; j < block.length; j++) {
                    block[j] = patternByte(at + j);
                }
                out.write(block);
            }
        }
    }

    /** A session speaking h2 over TLS with ALPN, trusting {@code cert} alone. */
    public static Session tlsSession(SelfSignedCertificate cert) {
        // The session reads its CA bundle when it first connects: one file per certificate, kept for the run.
        Path pem = CA_FILES.computeIfAbsent(cert, c -> {
            try {
                Path p = Files.createTempFile("spool-h2-ca", ".pem");
                p.toFile().deleteOnExit();
                return c.writePem(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return Session.builder().protocols(Protocol.HTTP_2).caBundle(pem).build();
    }

    private static final java.util.Map<SelfSignedCertificate, Path> CA_FILES = new ConcurrentHashMap<>();

    /** A session speaking h2c with prior knowledge. */
    public static Session h2cSession() {
        return Session.builder().protocols(Protocol.H2_PRIOR_KNOWLEDGE).build();
    }

    /** {@code <SHA-1 hex> <length>} of a file: what a server that stores uploads received. */
    public static String fileDigest(Path file) throws IOException {
        try (java.security.DigestInputStream in = new java.security.DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-1"))) {
            long length = in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest()) + " " + length;
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Uploads by PUT to {@code /upload/<name>} of a server that stores it (WebDAV), and gives the
     * digest of the file it stored under {@code root}; the file is deleted.
     */
    protected String putAndDigest(Session s, Body body, Path root) throws IOException {
        String name = "upload/h2-" + UPLOADS.incrementAndGet() + ".bin";
        Response put = s.put(url("/" + name), body);
        assertTrue(put.status() == 201 || put.status() == 204, "PUT answered " + put.status());
        Path stored = root.resolve(name);
        try {
            return fileDigest(stored);
        } finally {
            Files.deleteIfExists(stored);
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger UPLOADS = new java.util.concurrent.atomic.AtomicInteger();

    private static String sha1(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** GETs {@code /hello/<tag>} (from {@code base}, or the server's {@link #url}), checks it, and names its connection. */
    protected String hello(Session s, String base, String tag) {
        Response r = s.get((base == null ? url("/hello/" + tag) : base + "/hello/" + tag));
        assertEquals(200, r.status());
        assertEquals("hello /hello/" + tag, r.text());
        assertEquals("h2", r.connection().protocol());
        return connectionOf(r);
    }

    @Test
    void sixteenThreadsTimesAHundredGetsUseOneConnection() throws Exception {
        Set<String> connections = ConcurrentHashMap.newKeySet();
        try (Session s = session()) {
            Concurrently.run(16, 100, 90, (thread, i) -> connections.add(hello(s, null, "t" + thread + "-" + i)));
            assertEquals(1, connections.size(), "the server's own count of connections: " + connections);
            assertEquals(1, s.poolStats().connectionsOpened());
        }
    }

    @Test
    void aTenMebibyteUploadArrivesIntact() throws IOException {
        byte[] upload = new byte[10 << 20];
        new Random(12).nextBytes(upload);
        String expected = sha1(upload) + " " + upload.length;
        try (Session s = session()) {
            assertEquals(expected, uploadDigest(s, Body.bytes(upload)), "a body of known length");
            assertEquals(expected, uploadDigest(s, Body.stream(new java.io.ByteArrayInputStream(upload))),
                    "a body of unknown length");
            assertEquals(1, s.poolStats().connectionsOpened());
        }
    }

    @Test
    void aHundredMebibyteStreamedDownloadIsIntact() throws IOException {
        try (Session s = session();
             Response r = s.request("GET", url("/pattern.bin")).stream(true).send()) {
            assertEquals("h2", r.connection().protocol());
            assertPatternBody(r);
        }
    }

    /** Reads {@code /pattern.bin}'s response to its end and checks every byte of it. */
    protected static void assertPatternBody(Response r) throws IOException {
        assertEquals(200, r.status());
        InputStream in = r.inputStream();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            for (int i = 0; i < n; i++) {
                if (buf[i] != patternByte(total + i)) {
                    throw new AssertionError("byte " + (total + i) + " is " + buf[i] + ", not " + patternByte(total + i));
                }
            }
            total += n;
        }
        assertEquals(PATTERN_SIZE, total);
    }

    @Test
    void goAwayEveryFiftyRequestsLosesNoRequest() throws Exception {
        Set<String> connections = ConcurrentHashMap.newKeySet();
        String base = goAwayUrl("");
        try (Session s = session()) {
            Concurrently.run(8, 50, 90, (thread, i) -> {
                connections.add(hello(s, base, "g" + thread + "-" + i));
            });
            int least = leastGoAwayConnections();
            assertTrue(connections.size() >= least, "the server closed its connections with GOAWAY: 400 requests over "
                    + connections.size() + " connections, at least " + least + " expected");
            assertTrue(s.poolStats().connectionsOpened() >= least, "opened " + s.poolStats().connectionsOpened());
        }
    }

    @Test
    void anUnreadStreamedResponseBlocksNoOtherRequest() throws Exception {
        try (Session s = session()) {
            String first;
            try (Response unread = s.request("GET", url("/pattern.bin")).stream(true).send()) {
                assertEquals(200, unread.status());
                first = connectionOf(unread);
                for (int i = 0; i < 20; i++) {
                    assertEquals(first, hello(s, null, "beside-" + i), "the same connection carried it");
                }
            }
            assertEquals(first, hello(s, null, "after"), "closing the unread one reset only its stream");
            assertEquals(1, s.poolStats().connectionsOpened());
        }
    }
}
