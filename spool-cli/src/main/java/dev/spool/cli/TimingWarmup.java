package dev.spool.cli;

import dev.spool.EventListener;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.SpoolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs one throwaway exchange over loopback before {@code -v}'s first real request, so that request's
 * timings measure the network and not the JVM. The first call through the connection pool loads
 * and links its classes; most of that cost is the bootstrap of the pool key's record
 * {@code hashCode} (java.lang.runtime.ObjectMethods), which ran inside the pool-wait phase and made
 * the first request of every command report tens of milliseconds of "pool wait" against an empty
 * pool; the first reuse of an idle connection, after a redirect, cost as much again. A local socket
 * answers three throwaway requests on one kept-alive connection (a redirect, the empty 204 it leads
 * to, another 204); a separate session with an event listener sends them, so the same code paths
 * are linked, the user's session numbers its connections from 1 and no log line mentions them.
 */
final class TimingWarmup {
    /** Bound on each step of the throwaway exchange; it takes a few milliseconds. */
    static final Duration LIMIT = Duration.ofSeconds(2);

    private TimingWarmup() {
    }

    /**
     * Sends the throwaway request; best effort: should it fail, the first request's timings are only
     * as cold as they were without it.
     */
    static void run() {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) LIMIT.toMillis());
            Thread answer = new Thread(() -> answer(server), "spool-timing-warmup");
            answer.setDaemon(true);
            answer.start();
            String url = "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort() + "/";
            try (Session s = Session.builder().trustEnv(false).connectTimeout(LIMIT).readTimeout(LIMIT)
                    .eventListener(new EventListener() {
                    }).build()) {
                for (String path : new String[] {"", "b"}) { // a new connection and a redirect, then the same one reused
                    try (Response r = s.get(url + path)) {
                        r.bytes();
                    }
                }
            }
        } catch (IOException | SpoolException e) {
            // nothing to warm with: the timings stay correct, the first one just includes class loading
        }
    }

    /** Answers three request heads on one connection: a redirect, then empty 204s, the last closing it. */
    private static void answer(ServerSocket server) {
        try (Socket c = server.accept()) {
            c.setSoTimeout((int) LIMIT.toMillis());
            InputStream in = c.getInputStream();
            OutputStream out = c.getOutputStream();
            for (String answer : new String[] {"302 Found\r\nLocation: /b\r\nContent-Length: 0", "204 No Content",
                    "204 No Content\r\nConnection: close"}) {
                if (!skipHead(in)) {
                    return;
                }
                out.write(("HTTP/1.1 " + answer + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // the client gives up on its own timeout
        }
    }

    /** Reads up to the empty line that ends a request head (a GET has no body); false at the end of the stream. */
    private static boolean skipHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return true;
    }
}
