package dev.spool.it;

import dev.spool.internal.http2.FrameWriter;
import dev.spool.internal.http2.Settings;
import dev.spool.internal.http2.hpack.HeaderField;
import dev.spool.internal.http2.hpack.HpackDecoder;
import dev.spool.internal.http2.hpack.HpackEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/2 server (h2c, prior knowledge) written frame by frame over real sockets, for hostile-peer
 * tests: connection {@code i} (from 0) runs script {@code i} (the last one for any later connection),
 * each on its own thread. A script that returns closes its connection. An {@link IOException} in a
 * script is the client hanging up, which is often the point; any other failure is kept and thrown
 * by {@link #close()}, so a broken script fails its test.
 */
final class H2Peer implements AutoCloseable {
    /** What the server does on one connection. */
    interface Script {
        void run(Conn c) throws Exception;
    }

    /**
     * A frame as read off the wire; a HEADERS frame's block is decoded as it is read (so the server's
     * HPACK table stays in step with the client's), into {@code fields}, else null.
     */
    record Frame(int type, int flags, int stream, byte[] payload, List<HeaderField> fields) {
        static final int DATA = 0;
        static final int HEADERS = 1;
        static final int RST_STREAM = 3;
        static final int SETTINGS = 4;
        static final int PING = 6;
        static final int GOAWAY = 7;
        static final int WINDOW_UPDATE = 8;

        boolean endStream() {
            return (flags & 1) != 0;
        }

        boolean ack() {
            return (flags & 1) != 0;
        }

        /** The error code of RST_STREAM or GOAWAY. */
        int errorCode() {
            int at = type == GOAWAY ? 4 : 0;
            return (payload[at] & 0xff) << 24 | (payload[at + 1] & 0xff) << 16 | (payload[at + 2] & 0xff) << 8
                    | payload[at + 3] & 0xff;
        }
    }

    /** One request as the server read it: its stream, its fields and body. */
    record Request(int stream, List<HeaderField> fields, byte[] body) {
        String get(String name) {
            for (HeaderField f : fields) {
                if (f.name().equals(name)) {
                    return f.value();
                }
            }
            return null;
        }
    }

    /** One accepted connection and what a script may do on it. */
    static final class Conn {
        final int index;
        final InputStream in;
        final OutputStream out;
        final HpackEncoder encoder = new HpackEncoder();
        final HpackDecoder decoder = new HpackDecoder();
        /** Every frame the client sent, in order, as {@link #next()} read them. */
        final List<Frame> seen = new CopyOnWriteArrayList<>();

        Conn(int index, Socket s) throws IOException {
            this.index = index;
            this.in = s.getInputStream();
            this.out = s.getOutputStream();
        }

        /** Reads the client's preface and answers with empty SETTINGS; returns the client's SETTINGS. */
        Frame greet() throws IOException {
            byte[] preface = new byte[24];
            if (!readFully(in, preface)) {
                throw new IOException("no client preface");
            }
            FrameWriter w = new FrameWriter();
            w.writeSettings(Settings.RFC_DEFAULTS);
            send(w.toByteArray());
            return await(Frame.SETTINGS);
        }

        /** The next frame, or null when the client closed. */
        Frame next() throws IOException {
            byte[] head = new byte[9];
            if (!readFully(in, head)) {
                return null;
            }
            int length = (head[0] & 0xff) << 16 | (head[1] & 0xff) << 8 | head[2] & 0xff;
            byte[] payload = new byte[length];
            if (!readFully(in, payload)) {
                return null;
            }
            int stream = (head[5] & 0x7f) << 24 | (head[6] & 0xff) << 16 | (head[7] & 0xff) << 8 | head[8] & 0xff;
            int type = head[3] & 0xff;
            List<HeaderField> fields = null;
            if (type == Frame.HEADERS) {
                try {
                    fields = decoder.decode(payload, 0, payload.length);
                } catch (dev.spool.internal.http2.hpack.HpackException e) {
                    throw new IllegalStateException("the client sent a bad header block", e);
                }
            }
            Frame f = new Frame(type, head[4] & 0xff, stream, payload, fields);
            seen.add(f);
            return f;
        }

        /** Reads frames until one of {@code type} arrives; IOException if the client closes first. */
        Frame await(int type) throws IOException {
            for (Frame f = next(); f != null; f = next()) {
                if (f.type() == type) {
                    return f;
                }
            }
            throw new IOException("the client closed before sending a frame of type " + type);
        }

        /** Reads the next whole request: its HEADERS (no CONTINUATION from our client here) and DATA. */
        Request request() throws Exception {
            return requests(1).get(0);
        }

        /**
         * Reads the next {@code n} whole requests, whose frames may interleave, in the order their
         * HEADERS came; frames of other types are skipped.
         */
        List<Request> requests(int n) throws Exception {
            java.util.Map<Integer, Request> open = new java.util.LinkedHashMap<>();
            java.util.Map<Integer, ByteArrayOutputStream> bodies = new java.util.HashMap<>();
            List<Request> done = new ArrayList<>();
            while (done.size() < n) {
                Frame f = next();
                if (f == null) {
                    throw new IOException("the client closed after " + done.size() + " of " + n + " requests");
                }
                if (f.type() == Frame.HEADERS) {
                    Request r = new Request(f.stream(), f.fields(), null);
                    if (f.endStream()) {
                        done.add(new Request(r.stream(), r.fields(), new byte[0]));
                    } else {
                        open.put(f.stream(), r);
                        bodies.put(f.stream(), new ByteArrayOutputStream());
                    }
                } else if (f.type() == Frame.DATA && open.containsKey(f.stream())) {
                    bodies.get(f.stream()).write(f.payload());
                    if (f.endStream()) {
                        Request r = open.remove(f.stream());
                        done.add(new Request(r.stream(), r.fields(), bodies.remove(f.stream()).toByteArray()));
                    }
                }
            }
            return done;
        }

        /** An HPACK block of {@code :status} and these name, value pairs (lowercase, as a good server sends). */
        byte[] block(int status, String... nameValues) {
            encoder.startBlock();
            encoder.addField(":status", Integer.toString(status), false);
            for (int i = 0; i < nameValues.length; i += 2) {
                encoder.addField(nameValues[i], nameValues[i + 1], false);
            }
            return java.util.Arrays.copyOf(encoder.buffer(), encoder.length());
        }

        /** Answers {@code stream} with {@code status} and a text body, ending the stream. */
        void respond(int stream, int status, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            byte[] head = block(status, "content-length", Integer.toString(b.length));
            FrameWriter w = new FrameWriter();
            w.writeHeaders(stream, head, 0, head.length, b.length == 0);
            if (b.length > 0) {
                w.writeData(stream, b, 0, b.length, true);
            }
            send(w.toByteArray());
        }

        /** Writes bytes (frames) to the client. */
        void send(byte[]... frames) throws IOException {
            for (byte[] f : frames) {
                out.write(f);
            }
            out.flush();
        }
    }

    final ServerSocket socket;
    private final List<Script> scripts;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> open = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    /** Counted down as each connection's script ends. */
    final CountDownLatch[] done;

    H2Peer(Script... scripts) throws IOException {
        this.scripts = List.of(scripts);
        this.done = new CountDownLatch[8];
        for (int i = 0; i < done.length; i++) {
            done[i] = new CountDownLatch(1);
        }
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "h2peer-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (true) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                return; // closed
            }
            int i = accepted.getAndIncrement();
            open.add(s);
            Script script = scripts.get(Math.min(i, scripts.size() - 1));
            Thread t = new Thread(() -> {
                try (Socket closing = s) {
                    script.run(new Conn(i, s));
                } catch (IOException e) {
                    // the client hung up on us
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    if (i < done.length) {
                        done[i].countDown();
                    }
                }
            }, "h2peer-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    /** Connections accepted so far. */
    int connections() {
        return accepted.get();
    }

    /** Waits for connection {@code i}'s script to end (the client closed it, or the script returned). */
    boolean awaitDone(int i) throws InterruptedException {
        return done[i].await(10, TimeUnit.SECONDS);
    }

    /** Stops accepting, closes every connection, waits for the scripts and throws what failed in them. */
    @Override
    public void close() throws Exception {
        socket.close();
        synchronized (open) {
            for (Socket s : open) {
                try {
                    s.close();
                } catch (SocketException e) {
                    // already closed
                }
            }
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError("a server script failed: " + failures.get(0), failures.get(0));
            throw e;
        }
    }

    /** One frame's bytes: the 9-byte header and the payload. */
    static byte[] frame(int type, int flags, int stream, byte[] payload) {
        byte[] f = new byte[9 + payload.length];
        f[0] = (byte) (payload.length >>> 16);
        f[1] = (byte) (payload.length >>> 8);
        f[2] = (byte) payload.length;
        f[3] = (byte) type;
        f[4] = (byte) flags;
        f[5] = (byte) (stream >>> 24);
        f[6] = (byte) (stream >>> 16);
        f[7] = (byte) (stream >>> 8);
        f[8] = (byte) stream;
        System.arraycopy(payload, 0, f, 9, payload.length);
        return f;
    }

    /** A 4-byte big-endian value: a WINDOW_UPDATE increment, an error code. */
    static byte[] int32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** An HPACK literal field without indexing and without Huffman: any name, exactly as given. */
    static byte[] literal(String name, String value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x00);
        string(b, name);
        string(b, value);
        return b.toByteArray();
    }

    /** An HPACK literal field with incremental indexing (it enters the dynamic table), new name. */
    static byte[] indexedLiteral(String name, String value) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x40);
        string(b, name);
        string(b, value);
        return b.toByteArray();
    }

    /** Concatenates byte arrays. */
    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static void string(ByteArrayOutputStream b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        integer(b, 0, 7, bytes.length);
        b.writeBytes(bytes);
    }

    /** An HPACK integer (RFC 7541 section 5.1) with {@code prefixBits} bits in a first byte starting with {@code first}. */
    static void integer(ByteArrayOutputStream b, int first, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            b.write(first | value);
            return;
        }
        b.write(first | max);
        value -= max;
        while (value >= 128) {
            b.write(value % 128 + 128);
            value /= 128;
        }
        b.write(value);
    }

    static boolean readFully(InputStream in, byte[] b) throws IOException {
        int off = 0;
        while (off < b.length) {
            int n = in.read(b, off, b.length - off);
            if (n < 0) {
                return false;
            }
            off += n;
        }
        return true;
    }
}
