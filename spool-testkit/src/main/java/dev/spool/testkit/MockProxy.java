package dev.spool.testkit;

import java.io.BufferedOutputStream;
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
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
    private final ProxyThreads threads = new ProxyThreads(JOIN_BOUND);
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
        Shutdowns.closeQuietly(serverSocket);
        threads.closeAll(acceptThread);
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
            threads.live().add(s);
            if (closed.get()) {
                Shutdowns.closeQuietly(s);
                return;
            }
            threads.spawn("mockproxy-" + port + "-" + index, () -> serve(s, index));
        }
    }

    private void serve(Socket client, int index) {
        ProxyUpstream upstream = new ProxyUpstream(this::connectUpstream, threads.live());
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
            Shutdowns.closeQuietly(client);
            threads.live().remove(client);
        }
    }

    // ---- HTTP: forwarding and CONNECT ----

    private void serveHttp(Socket client, WireInput in, int index, ProxyUpstream upstream) throws IOException {
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
        ProxyTarget to;
        try {
            to = ProxyTarget.parse(target, -1);
        } catch (IllegalArgumentException e) {
            answer(out, 400, "Bad Request", "CONNECT target " + e.getMessage(), true);
            return;
        }
        Socket up;
        try {
            up = connectUpstream(to.host(), to.port());
        } catch (IOException e) {
            answer(out, 502, "Bad Gateway", "MockProxy cannot reach " + target + ": " + e.getMessage(), true);
            return;
        }
        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        tunnelCount.incrementAndGet();
        threads.pipe(client, in::read, up);
    }

    /**
     * Forwards one request upstream in origin form and relays the response.
     *
     * @return whether the client connection can carry another request
     */
    private boolean forward(RequestHead head, RequestBody body, OutputStream out, ProxyUpstream upstream) throws IOException {
        String target = head.target;
        if (!target.regionMatches(true, 0, "http://", 0, 7)) {
            answer(out, 400, "Bad Request", "MockProxy forwards absolute-form http:// targets, not " + target, false);
            return true;
        }
        int pathStart = target.indexOf('/', 7);
        String authority = pathStart < 0 ? target.substring(7) : target.substring(7, pathStart);
        String path = pathStart < 0 ? "/" : target.substring(pathStart);
        ProxyTarget to;
        try {
            to = ProxyTarget.parse(authority, 80);
        } catch (IllegalArgumentException e) {
            answer(out, 400, "Bad Request", "MockProxy cannot forward to " + e.getMessage(), false);
            return true;
        }
        Socket up;
        try {
            up = upstream.to(to.host(), to.port());
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
        return ProxyRelay.relayResponse(upstream, head.method.equals("HEAD"), out);
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
        threads.live().add(s);
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(address, targetPort), UPSTREAM_CONNECT_MILLIS);
        } catch (IOException e) {
            Shutdowns.closeQuietly(s);
            threads.live().remove(s);
            throw e;
        }
        return s;
    }

    // ---- SOCKS5 ----

    private void serveSocks(Socket client, InputStream in) throws IOException {
        OutputStream out = client.getOutputStream();
        Socks5Handshake.Request request = Socks5Handshake.read(in, out, username, password);
        if (request == null) {
            return;
        }
        SocksConnect to = request.destination();
        socksConnects.add(to);
        if (request.command() != Socks5Handshake.CONNECT) {
            Socks5Handshake.reply(out, Socks5Handshake.COMMAND_UNSUPPORTED);
            return;
        }
        Socket up;
        try {
            up = connectUpstream(to.host(), to.port());
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            Socks5Handshake.reply(out, m.contains("loopback") ? Socks5Handshake.NOT_ALLOWED
                    : m.contains("not resolved") ? Socks5Handshake.HOST_UNREACHABLE : Socks5Handshake.REFUSED);
            return;
        }
        Socks5Handshake.reply(out, Socks5Handshake.OK);
        tunnelCount.incrementAndGet();
        threads.pipe(client, in::read, up);
    }
}
