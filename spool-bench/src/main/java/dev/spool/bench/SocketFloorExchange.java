package dev.spool.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The floor of a blocking Java client: a GET written to a plain {@link Socket} and its answer read
 * back with nothing around it (no headers beyond {@code Host}, no parsing beyond the status and
 * {@code Content-Length}, no body copy for whole bodies, no timeouts, no allocation per exchange).
 * Every blocking client pays at least this much for an exchange on this machine, so its CPU per
 * request and its stream rate show how much of a target is left to a client at all.
 *
 * <p>Connections are kept in a queue, one per thread at a time: the least a client sharing
 * connections between threads can do.
 */
final class SocketFloorExchange implements Exchange {
    /** Read buffer of a connection: the head and a 1 KiB body fit with room to spare. */
    private static final int BUFFER = 16 * 1024;
    private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);

    private final InetSocketAddress address;
    private final byte[] request;
    private final Queue<Conn> idle = new ConcurrentLinkedQueue<>();
    private final Queue<Conn> all = new ConcurrentLinkedQueue<>();

    SocketFloorExchange(String url) {
        URI u = URI.create(url);
        if (!"http".equals(u.getScheme())) {
            throw new IllegalArgumentException("the socket floor speaks plain HTTP only, not " + url);
        }
        this.address = new InetSocketAddress(u.getHost(), u.getPort());
        this.request = ("GET " + u.getRawPath() + " HTTP/1.1\r\nHost: " + u.getHost() + ":" + u.getPort() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** One kept-alive connection and its read buffer. */
    private static final class Conn {
        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final byte[] buffer = new byte[BUFFER];

        Conn(InetSocketAddress address) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }
    }

    @Override
    public long run(byte[] buffer) throws Exception {
        Conn c = idle.poll();
        if (c == null) {
            c = new Conn(address);
            all.add(c);
        }
        long n = exchange(c, buffer);
        idle.add(c);
        return n;
    }

    /** Writes the request and reads the answer: the body into {@code sink} when it has room, else counted in place. */
    private long exchange(Conn c, byte[] sink) throws IOException {
        c.out.write(request);
        byte[] b = c.buffer;
        int filled = 0;
        int headEnd;
        while ((headEnd = headEnd(b, filled)) < 0) {
            if (filled == b.length) {
                throw new IOException("response head longer than " + b.length + " bytes");
            }
            filled += readSome(c.in, b, filled, b.length - filled);
        }
        if (b[9] != '2' || b[10] != '0' || b[11] != '0') {
            throw new IOException("status " + new String(b, 9, 3, StandardCharsets.US_ASCII) + ", not 200");
        }
        long length = contentLength(b, headEnd);
        long got = filled - headEnd;
        while (got < length) {
            int want = (int) Math.min(length - got, sink.length > 0 ? sink.length : b.length);
            got += sink.length > 0 ? readSome(c.in, sink, 0, want) : readSome(c.in, b, 0, want);
        }
        if (got != length) {
            throw new IOException("read " + got + " body bytes for Content-Length " + length);
        }
        return length;
    }

    private static int readSome(InputStream in, byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            throw new EOFException("the server closed the connection mid-response");
        }
        return n;
    }

    /** The index just past the head's blank line, or -1 while it has not all arrived. */
    private static int headEnd(byte[] b, int filled) {
        for (int i = 3; i < filled; i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    private static long contentLength(byte[] b, int headEnd) throws IOException {
        outer:
        for (int i = 0; i + CONTENT_LENGTH.length < headEnd; i++) {
            for (int j = 0; j < CONTENT_LENGTH.length; j++) {
                if (Character.toLowerCase(b[i + j]) != CONTENT_LENGTH[j]) {
                    continue outer;
                }
            }
            long v = 0;
            int k = i + CONTENT_LENGTH.length;
            while (b[k] == ' ') {
                k++;
            }
            for (; b[k] >= '0' && b[k] <= '9'; k++) {
                v = v * 10 + (b[k] - '0');
            }
            return v;
        }
        throw new IOException("no Content-Length in the response head");
    }

    @Override
    public void close() {
        for (Conn c; (c = all.poll()) != null; ) {
            try {
                c.socket.close();
            } catch (IOException ignored) {
                // The run is over; a close that fails leaves nothing to do.
            }
        }
        idle.clear();
    }
}
