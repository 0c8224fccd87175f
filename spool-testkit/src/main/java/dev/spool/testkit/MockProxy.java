package dev.spool.testkit;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real proxy on 127.0.0.1 for tests: an HTTP proxy that forwards plain requests sent in absolute
 * form and opens CONNECT tunnels, and a SOCKS5 proxy (RFC 1928, with RFC 1929 user name and password)
 * on the same port, told apart by the first byte a client sends. It records what it received (the
 * forwarded requests with their {@code Proxy-Authorization}, the CONNECT requests, the SOCKS5
 * connects), counts client connections and tunnels, and can require credentials.
 *
 * <p>It forwards only to loopback addresses, so a test can never make it an open relay; names are
 * resolved by the proxy (so a client that lets the proxy resolve can use made-up names mapped with
 * {@link #alias(String, String)}). Forwarded requests go upstream on one connection per client
 * connection and destination, so connection reuse through the proxy is visible at the origin too.
 *
 * <p>Threads: one accept thread and one per client connection (a tunnel adds one), daemons named
 * {@code mockproxy-PORT-N}; {@link #close()} closes every socket and joins them.
 */
public final class MockProxy implements AutoCloseable {
    /** How long the proxy waits to connect upstream before answering 502. */
    private static final int UPSTREAM_CONNECT_MILLIS = 5000;
    /** How long {@link #close()} waits for each thread. */
    private static final Duration JOIN_BOUND = Duration.ofSeconds(5);
    /** Bodies of forwarded requests are read whole, up to this size (a test proxy, not a streaming one). */
    private static final int MAX_FORWARDED_BODY = 64 * 1024 * 1024;

    /** One SOCKS5 CONNECT as the proxy received it. */
    public static final class SocksConnect {
        private final String host;
        private final int port;
        private final boolean byName;
        private final String username;

        SocksConnect(String host, int port, boolean byName, String username) {
            this.host = host;
            this.port = port;
            this.byName = byName;
            this.username = username;
        }

        /** The destination host: a name when {@link #byName()}, else an address literal. */
        public String host() {
            return host;
        }

        /** The destination port. */
        public int port() {
            return port;
        }

        /** Whether the client sent a host name for the proxy to resolve ({@code socks5h}) rather than an address. */
        public boolean byName() {
            return byName;
        }

        /** The user name the client authenticated with, or null without authentication. */
        public String username() {
            return username;
        }

        @Override
        public String toString() {
            return "SOCKS5 CONNECT " + host + ":" + port + (byName ? " (by name)" : "") + (username == null ? "" : " as " + username);
        }
    }

    private final ServerSocket serverSocket;
    private final int port;
    private final Thread acceptThread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<Closeable> live = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final AtomicInteger tunnelCount = new AtomicInteger();
    private final ConcurrentLinkedQueue<RecordedRequest> forwarded = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<RecordedRequest> connects = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<SocksConnect> socksConnects = new ConcurrentLinkedQueue<>();
    private final Map<String, String> aliases = new ConcurrentHashMap<>();
    private volatile String username;
    private volatile String password;

    private MockProxy() {
        try {
            this.serverSocket = new ServerSocket(0, 128, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
        } catch (IOException e) {
            throw new UncheckedIOException("MockProxy cannot listen on 127.0.0.1", e);
        }
        this.port = serverSocket.getLocalPort();
        this.acceptThread = new Thread(this::acceptLoop, "mockproxy-" + port + "-accept");
        this.acceptThread.setDaemon(true);
        this.acceptThread.start();
    }

    /** Starts a proxy on 127.0.0.1 and an ephemeral port, requiring no credentials. */
    public static MockProxy start() {
        return new MockProxy();
    }

    /**
     * Requires these credentials: {@code Proxy-Authorization: Basic} on forwarded requests and CONNECT
     * (else {@code 407} with {@code Proxy-Authenticate}), user name and password for SOCKS5.
     */
    public MockProxy requireCredentials(String user, String pass) {
        this.username = user;
        this.password = pass;
        return this;
    }

    /** Makes the proxy resolve {@code host} to {@code address} (which must be a loopback address to be reached). */
    public MockProxy alias(String host, String address) {
        aliases.put(host.toLowerCase(Locale.ROOT), address);
        return this;
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}: the proxy URL for a client. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code http://user:password@127.0.0.1:PORT}, both percent-encoded. */
    public String url(String user, String pass) {
        return "http://" + encode(user) + ":" + encode(pass) + "@127.0.0.1:" + port;
    }

    /** {@code scheme://127.0.0.1:PORT} for another scheme ({@code socks5}, {@code socks5h}). */
    public String url(String scheme) {
        return scheme + "://127.0.0.1:" + port;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The plain HTTP requests the proxy received to forward, in order, exactly as sent to it (absolute-form targets). */
    public List<RecordedRequest> forwarded() {
        return List.copyOf(forwarded);
    }

    /** The CONNECT requests received, in order, refused ones included. */
    public List<RecordedRequest> connects() {
        return List.copyOf(connects);
    }

    /** The SOCKS5 CONNECT requests received, in order, refused ones included. */
    public List<SocksConnect> socksConnects() {
        return List.copyOf(socksConnects);
    }

    /** The number of client connections accepted. */
    public int connectionCount() {
        return connectionCount.get();
    }

    /** The number of tunnels established (CONNECT answered 200, or SOCKS5 CONNECT succeeded). */
    public int tunnelCount() {
        return tunnelCount.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(serverSocket);
        for (Closeable c : live) {
            closeQuietly(c);
        }
        long deadline = System.nanoTime() + JOIN_BOUND.toNanos();
        join(acceptThread, deadline);
        for (Thread t : threads) {
            join(t, deadline);
        }
    }

    @Override
    public String toString() {
        return "MockProxy[" + url() + ", " + connectionCount() + " connections, " + forwarded.size() + " forwarded, "
                + tunnelCount() + " tunnels]";
    }

    private void acceptLoop() {
        while (!closed.get()) {
            Socket s;
            try {
                s = serverSocket.accept();
            } catch (IOException e) {
                if (closed.get()) {
                    return;
                }
                continue;
            }
            int index = connectionCount.incrementAndGet();
            live.add(s);
            if (closed.get()) {
                closeQuietly(s);
                return;
            }
            spawn("mockproxy-" + port + "-" + index, () -> serve(s, index));
        }
    }

    private Thread spawn(String name, Runnable r) {
        Thread t = new Thread(() -> {
            try {
                r.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return t;
    }

    private void serve(Socket client, int index) {
        Upstream upstream = new Upstream(this);
        try {
            client.setTcpNoDelay(true);
            PushbackInputStream in = new PushbackInputStream(client.getInputStream(), 1);
            int first = in.read();
            if (first < 0) {
                return;
            }
            if (first == 5) {
                serveSocks(client, in);
                return;
            }
            in.unread(first);
            serveHttp(client, new WireInput(in), index, upstream);
        } catch (IOException | RuntimeException e) {
            // the client or the destination went away or sent what cannot be relayed; the connection is over
        } finally {
            upstream.close();
            closeQuietly(client);
            live.remove(client);
        }
    }

    // ---- HTTP: forwarding and CONNECT ----

    private void serveHttp(Socket client, WireInput in, int index, Upstream upstream) throws IOException {
        OutputStream out = new BufferedOutputStream(client.getOutputStream(), 16 * 1024);
        int sequence = 0;
        while (in.awaitByte()) {
            RequestHead head;
            RequestBody body;
            try {
                head = RequestReader.readHead(in);
                sequence++;
                body = head.method.equals("CONNECT") ? RequestBody.EMPTY : RequestReader.readBody(in, head, MAX_FORWARDED_BODY);
            } catch (BadRequestException e) {
                answer(out, 400, "Bad Request", e.getMessage(), true);
                return;
            }
            RecordedRequest recorded = new RecordedRequest(head, body, index, sequence, client.getPort(), false);
            if (head.method.equals("CONNECT")) {
                connects.add(recorded);
                tunnel(client, in, out, head);
                return; // a tunnel, or a refusal that ends the connection
            }
            forwarded.add(recorded);
            if (!authorized(head.headers.get("Proxy-Authorization"))) {
                refuseCredentials(out, false);
                continue;
            }
            if (!forward(head, body, out, upstream) || head.clientWantsClose) {
                return;
            }
        }
    }

    private boolean authorized(String header) {
        String user = username;
        if (user == null) {
            return true;
        }
        String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    private void refuseCredentials(OutputStream out, boolean close) throws IOException {
        String head = "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"MockProxy\"\r\n"
                + "Content-Length: 0\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void answer(OutputStream out, int status, String reason, String text, boolean close) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + body.length + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    private void tunnel(Socket client, WireInput in, OutputStream out, RequestHead head) throws IOException {
        if (!authorized(head.headers.get("Proxy-Authorization"))) {
            refuseCredentials(out, true);
            return;
        }
        String target = head.target;
        int colon = target.lastIndexOf(':');
        if (colon <= 0 || target.endsWith("]")) {
            answer(out, 400, "Bad Request", "CONNECT target " + target + " is not host:port", true);
            return;
        }
        String host = target.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int targetPort;
        try {
            targetPort = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            answer(out, 400, "Bad Request", "CONNECT target " + target + " has a bad port", true);
            return;
        }
        Socket up;
        try {
            up = connectUpstream(host, targetPort);
        } catch (IOException e) {
            answer(out, 502, "Bad Gateway", "MockProxy cannot reach " + target + ": " + e.getMessage(), true);
            return;
        }
        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        tunnelCount.incrementAndGet();
        pipe(client, in::read, up);
    }

    /**
     * Forwards one request upstream in origin form and relays the response.
     *
     * @return whether the client connection can carry another request
     */
    private boolean forward(RequestHead head, RequestBody body, OutputStream out, Upstream upstream) throws IOException {
        String target = head.target;
        if (!target.regionMatches(true, 0, "http://", 0, 7)) {
            answer(out, 400, "Bad Request", "MockProxy forwards absolute-form http:// targets, not " + target, false);
            return true;
        }
        int pathStart = target.indexOf('/', 7);
        String authority = pathStart < 0 ? target.substring(7) : target.substring(7, pathStart);
        String path = pathStart < 0 ? "/" : target.substring(pathStart);
        String host = authority;
        int targetPort = 80;
        int colon = authority.lastIndexOf(':');
        if (colon > 0 && !authority.endsWith("]")) {
            host = authority.substring(0, colon);
            targetPort = Integer.parseInt(authority.substring(colon + 1));
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        Socket up;
        try {
            up = upstream.to(host, targetPort);
        } catch (IOException e) {
            answer(out, 502, "Bad Gateway", "MockProxy cannot reach " + authority + ": " + e.getMessage(), false);
            return true;
        }
        StringBuilder sb = new StringBuilder().append(head.method).append(' ').append(path).append(" HTTP/1.1\r\n");
        for (int i = 0; i < head.headers.size(); i++) {
            String name = head.headers.name(i);
            if (name.equalsIgnoreCase("Proxy-Authorization") || name.equalsIgnoreCase("Proxy-Connection")
                    || name.equalsIgnoreCase("Transfer-Encoding") || name.equalsIgnoreCase("Content-Length")) {
                continue;
            }
            sb.append(name).append(": ").append(head.headers.value(i)).append("\r\n");
        }
        if (head.hasBody()) {
            sb.append("Content-Length: ").append(body.bytes.length).append("\r\n");
        }
        sb.append("\r\n");
        OutputStream upOut = up.getOutputStream();
        upOut.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        upOut.write(body.bytes);
        upOut.flush();
        return relayResponse(upstream, head.method.equals("HEAD"), out);
    }

    /** Copies one response from upstream to the client; false when the client connection must end after it. */
    private static boolean relayResponse(Upstream upstream, boolean head, OutputStream out) throws IOException {
        WireInput in = upstream.in;
        while (true) {
            String statusLine;
            List<String> lines = new ArrayList<>();
            try {
                statusLine = in.readLine(64 * 1024, "status line");
                String line;
                while (!(line = in.readLine(64 * 1024, "header line")).isEmpty()) {
                    lines.add(line);
                }
            } catch (BadRequestException e) {
                throw new IOException("upstream sent a malformed response: " + e.getMessage());
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean upstreamCloses = false;
            StringBuilder sb = new StringBuilder(statusLine).append("\r\n");
            for (String l : lines) {
                int c = l.indexOf(':');
                String name = l.substring(0, c).trim();
                String value = l.substring(c + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    upstreamCloses = true;
                    continue; // the upstream connection's business, not the client's
                }
                sb.append(l).append("\r\n");
            }
            boolean noBody = head || status / 100 == 1 || status == 204 || status == 304;
            boolean untilClose = !noBody && !chunked && length < 0;
            if (untilClose) {
                sb.append("Connection: close\r\n");
            }
            sb.append("\r\n");
            out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (status / 100 == 1 && status != 101) {
                out.flush();
                continue; // an interim response; the final one follows
            }
            if (!noBody) {
                if (chunked) {
                    relayChunked(in, out);
                } else if (length >= 0) {
                    copy(in, out, length);
                } else {
                    copy(in, out, Long.MAX_VALUE);
                }
            }
            out.flush();
            if (upstreamCloses || untilClose) {
                upstream.close();
            }
            return !untilClose;
        }
    }

    private static void relayChunked(WireInput in, OutputStream out) throws IOException {
        try {
            while (true) {
                String sizeLine = in.readLine(4096, "chunk size line");
                out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int semi = sizeLine.indexOf(';');
                long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                if (size == 0) {
                    String trailer;
                    do {
                        trailer = in.readLine(64 * 1024, "trailer line");
                        out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    } while (!trailer.isEmpty());
                    return;
                }
                copy(in, out, size + 2); // the data and its CRLF
            }
        } catch (BadRequestException e) {
            throw new IOException("upstream sent malformed chunks: " + e.getMessage());
        }
    }

    private static void copy(WireInput in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[16 * 1024];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                if (n == Long.MAX_VALUE) {
                    return;
                }
                throw new IOException("upstream closed with " + left + " body bytes still to come");
            }
            out.write(buf, 0, r);
            left -= r;
        }
    }

    /** The upstream connection of one client connection, reused while requests go to the same destination. */
    private static final class Upstream {
        Socket socket;
        WireInput in;
        String destination;

        private final MockProxy proxy;

        Upstream(MockProxy proxy) {
            this.proxy = proxy;
        }

        Socket to(String host, int port) throws IOException {
            String d = host + ":" + port;
            if (socket != null && d.equals(destination) && !socket.isClosed()) {
                return socket;
            }
            close();
            socket = proxy.connectUpstream(host, port);
            in = new WireInput(socket.getInputStream());
            destination = d;
            return socket;
        }

        void close() {
            if (socket != null) {
                closeQuietly(socket);
                proxy.live.remove(socket);
                socket = null;
                in = null;
                destination = null;
            }
        }
    }

    private Socket connectUpstream(String host, int targetPort) throws IOException {
        String alias = aliases.get(host.toLowerCase(Locale.ROOT));
        InetAddress address;
        try {
            address = InetAddress.getByName(alias != null ? alias : host);
        } catch (UnknownHostException e) {
            throw new IOException("name " + host + " not resolved", e);
        }
        if (!address.isLoopbackAddress()) {
            throw new IOException("MockProxy forwards to loopback addresses only, not " + address.getHostAddress());
        }
        Socket s = new Socket();
        live.add(s);
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(address, targetPort), UPSTREAM_CONNECT_MILLIS);
        } catch (IOException e) {
            closeQuietly(s);
            live.remove(s);
            throw e;
        }
        return s;
    }

    // ---- SOCKS5 ----

    /** What a SOCKS5 reply says (RFC 1928 section 6). */
    private static final int SOCKS_OK = 0;
    private static final int SOCKS_NOT_ALLOWED = 2;
    private static final int SOCKS_HOST_UNREACHABLE = 4;
    private static final int SOCKS_REFUSED = 5;
    private static final int SOCKS_COMMAND_UNSUPPORTED = 7;

    private void serveSocks(Socket client, InputStream in) throws IOException {
        OutputStream out = client.getOutputStream();
        int n = readByte(in);
        byte[] methods = in.readNBytes(n);
        String user = username;
        String authenticated = null;
        if (user != null) {
            if (!contains(methods, 2)) {
                out.write(new byte[] {5, (byte) 0xff});
                out.flush();
                return;
            }
            out.write(new byte[] {5, 2});
            out.flush();
            readByte(in); // subnegotiation version 1
            String u = new String(in.readNBytes(readByte(in)), StandardCharsets.UTF_8);
            String p = new String(in.readNBytes(readByte(in)), StandardCharsets.UTF_8);
            boolean ok = u.equals(user) && p.equals(password);
            out.write(new byte[] {1, (byte) (ok ? 0 : 1)});
            out.flush();
            if (!ok) {
                return;
            }
            authenticated = u;
        } else {
            if (!contains(methods, 0)) {
                out.write(new byte[] {5, (byte) 0xff});
                out.flush();
                return;
            }
            out.write(new byte[] {5, 0});
            out.flush();
        }
        readByte(in); // version
        int command = readByte(in);
        readByte(in); // reserved
        int type = readByte(in);
        String host;
        boolean byName;
        if (type == 1 || type == 4) {
            host = InetAddress.getByAddress(in.readNBytes(type == 1 ? 4 : 16)).getHostAddress();
            byName = false;
        } else if (type == 3) {
            host = new String(in.readNBytes(readByte(in)), StandardCharsets.US_ASCII);
            byName = true;
        } else {
            socksReply(out, 8);
            return;
        }
        int targetPort = (readByte(in) << 8) | readByte(in);
        socksConnects.add(new SocksConnect(host, targetPort, byName, authenticated));
        if (command != 1) {
            socksReply(out, SOCKS_COMMAND_UNSUPPORTED);
            return;
        }
        Socket up;
        try {
            up = connectUpstream(host, targetPort);
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            socksReply(out, m.contains("loopback") ? SOCKS_NOT_ALLOWED : m.contains("not resolved") ? SOCKS_HOST_UNREACHABLE : SOCKS_REFUSED);
            return;
        }
        socksReply(out, SOCKS_OK);
        tunnelCount.incrementAndGet();
        pipe(client, in::read, up);
    }

    private static void socksReply(OutputStream out, int code) throws IOException {
        out.write(new byte[] {5, (byte) code, 0, 1, 127, 0, 0, 1, 0, 0});
        out.flush();
    }

    private static boolean contains(byte[] methods, int m) {
        for (byte b : methods) {
            if (b == m) {
                return true;
            }
        }
        return false;
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("client closed the connection during the SOCKS5 handshake");
        }
        return b;
    }

    // ---- tunnels ----

    /** Reads client bytes (through whatever buffer already holds some). */
    @FunctionalInterface
    private interface Source {
        int read(byte[] b, int off, int len) throws IOException;
    }

    /**
     * Copies bytes both ways until both directions end (each passes on the end of its side as a
     * half-close), upstream-to-client on a second thread; then closes the upstream socket.
     */
    private void pipe(Socket client, Source fromClient, Socket up) throws IOException {
        Thread back = spawn(Thread.currentThread().getName() + "-tunnel", () -> {
            try {
                InputStream upIn = up.getInputStream();
                OutputStream clientOut = client.getOutputStream();
                byte[] buf = new byte[16 * 1024];
                int r;
                while ((r = upIn.read(buf)) >= 0) {
                    clientOut.write(buf, 0, r);
                    clientOut.flush();
                }
                client.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(client); // one side broke: the tunnel is over
            }
        });
        try {
            OutputStream upOut = up.getOutputStream();
            byte[] buf = new byte[16 * 1024];
            int r;
            while ((r = fromClient.read(buf, 0, buf.length)) >= 0) {
                upOut.write(buf, 0, r);
                upOut.flush();
            }
            up.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(up); // one side broke: the tunnel is over
        } finally {
            join(back, System.nanoTime() + JOIN_BOUND.toNanos() * 12);
            closeQuietly(up);
            live.remove(up);
        }
    }

    private static boolean join(Thread t, long deadline) {
        try {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    private static void closeQuietly(Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // closing on the way out; the socket is unusable either way
            }
        }
    }
}
