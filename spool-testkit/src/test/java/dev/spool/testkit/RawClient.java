package dev.spool.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** A test client on a bare socket: writes request bytes and parses response bytes, with no HTTP library in between. */
final class RawClient implements AutoCloseable {
    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(10_000); // a hung read fails the test instead of hanging it
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawClient connect(MockServer server) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        return new RawClient(s);
    }

    /** A TLS connection that trusts the server's certificate and verifies the host name 127.0.0.1. */
    static RawClient connectTls(MockServer server) throws IOException {
        SSLSocket s = (SSLSocket) server.certificate().clientSslContext().getSocketFactory()
                .createSocket("127.0.0.1", server.port());
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        s.setSoTimeout(10_000);
        s.startHandshake();
        return new RawClient(s);
    }

    RawClient timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
        return this;
    }

    int localPort() {
        return socket.getLocalPort();
    }

    RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends {@code GET path} with Host, nothing else. */
    RawClient get(String path) throws IOException {
        return send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }

    /** Reads one response to a request that was not HEAD. */
    Reply read() throws IOException {
        return read(false);
    }

    /** Reads one response; the body is framed by Content-Length, chunked coding, or the end of the stream. */
    Reply read(boolean head) throws IOException {
        String statusLine = line();
        List<String> headers = new ArrayList<>();
        for (String l = line(); !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            headers.add(l.substring(0, colon));
            headers.add(l.substring(colon + 1).trim());
        }
        Reply r = new Reply(statusLine, headers);
        int status = r.status();
        if (head || status < 200 || status == 204 || status == 304) {
            return r;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String te = r.header("Transfer-Encoding");
        String cl = r.header("Content-Length");
        if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
            while (true) {
                String size = line();
                int semi = size.indexOf(';');
                int n = Integer.parseInt(semi < 0 ? size : size.substring(0, semi), 16);
                if (n == 0) {
                    break;
                }
                body.write(exactly(n));
                if (!line().isEmpty()) {
                    throw new IOException("chunk not followed by CRLF");
                }
            }
            for (String l = line(); !l.isEmpty(); l = line()) {
                int colon = l.indexOf(':');
                r.trailers.add(l.substring(0, colon));
                r.trailers.add(l.substring(colon + 1).trim());
            }
        } else if (cl != null) {
            body.write(exactly(Integer.parseInt(cl)));
        } else {
            body.write(in.readAllBytes());
        }
        r.body = body.toByteArray();
        return r;
    }

    /** Reads one CRLF line (without it). */
    String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("end of stream after " + b.size() + " bytes of a line: " + b);
            }
            if (c == '\n') {
                byte[] bytes = b.toByteArray();
                if (bytes.length == 0 || bytes[bytes.length - 1] != '\r') {
                    throw new IOException("bare LF");
                }
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
    }

    byte[] exactly(int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException("end of stream after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    /** Reads everything until the server closes. */
    byte[] readToEnd() throws IOException {
        return in.readAllBytes();
    }

    /** Whether the next read finds the end of the stream. */
    boolean atEof() throws IOException {
        return in.read() < 0;
    }

    int readByte() throws IOException {
        return in.read();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A parsed response. */
    static final class Reply {
        final String statusLine;
        final List<String> headers;
        final List<String> trailers = new ArrayList<>();
        byte[] body = new byte[0];

        Reply(String statusLine, List<String> headers) {
            this.statusLine = statusLine;
            this.headers = headers;
        }

        int status() {
            return Integer.parseInt(statusLine.split(" ", 3)[1]);
        }

        String header(String name) {
            for (int i = 0; i < headers.size(); i += 2) {
                if (headers.get(i).equalsIgnoreCase(name)) {
                    return headers.get(i + 1);
                }
            }
            return null;
        }

        List<String> all(String name) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < headers.size(); i += 2) {
                if (headers.get(i).equalsIgnoreCase(name)) {
                    out.add(headers.get(i + 1));
                }
            }
            return out;
        }

        String trailer(String name) {
            for (int i = 0; i < trailers.size(); i += 2) {
                if (trailers.get(i).equalsIgnoreCase(name)) {
                    return trailers.get(i + 1);
                }
            }
            return null;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
