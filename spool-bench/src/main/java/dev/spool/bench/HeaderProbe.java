package dev.spool.bench;

import dev.spool.bench.clients.BenchClient;
import dev.spool.bench.clients.ClientKind;
import dev.spool.bench.clients.ClientSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A one-connection-at-a-time loopback server that records the request head each client sends, so the
 * report can show that every client asks nginx the same question (same Accept and Accept-Encoding).
 */
final class HeaderProbe implements AutoCloseable {
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
            + "Connection: close\r\n\r\nok").getBytes(StandardCharsets.US_ASCII);
    /** A request head larger than this is cut; the heads here are a few hundred bytes. */
    private static final int MAX_HEAD = 16 * 1024;

    private final ServerSocket server;
    private final BlockingQueue<String> heads = new LinkedBlockingQueue<>();
    private final Thread acceptor;

    private HeaderProbe() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "bench-header-probe");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Sends one GET from each client and returns the head each sent, or the reason it could not. */
    static Map<String, String> capture(List<ClientKind> kinds, ClientSettings settings) {
        Map<String, String> out = new LinkedHashMap<>();
        try (HeaderProbe probe = new HeaderProbe()) {
            String url = "http://127.0.0.1:" + probe.server.getLocalPort() + "/1k.bin";
            for (ClientKind k : kinds) {
                probe.heads.clear();
                try (BenchClient c = k.create(settings)) {
                    c.getFully(url);
                    String head = probe.heads.poll(5, TimeUnit.SECONDS);
                    out.put(k.id(), head == null ? "(no request arrived)" : head);
                } catch (Exception e) {
                    out.put(k.id(), "(failed: " + Failures.describe(e) + ")");
                }
            }
        } catch (IOException e) {
            for (ClientKind k : kinds) {
                out.putIfAbsent(k.id(), "(probe server failed: " + Failures.describe(e) + ")");
            }
        }
        return out;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5_000);
                String head = readHead(s.getInputStream());
                if (head != null) {
                    heads.add(head);
                    OutputStream out = s.getOutputStream();
                    out.write(RESPONSE);
                    out.flush();
                }
            } catch (IOException e) {
                // A client that connects and gives up is not the probe's concern; the caller sees a
                // missing head and says so.
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int state = 0; // how much of CR LF CR LF has been seen
        for (int b; (b = in.read()) != -1 && buf.size() < MAX_HEAD; ) {
            buf.write(b);
            state = (b == '\r') ? (state == 2 ? 3 : 1) : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                // Lines end in LF in the report: a markdown page with CR LF inside a code block renders
                // the same but makes noisy diffs.
                return buf.toString(StandardCharsets.ISO_8859_1).strip().replace("\r\n", "\n");
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
