package dev.spool.internal.connection;

import dev.spool.ProxyException;
import dev.spool.internal.IoFailure;
import dev.spool.proxy.ProxyUrl;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Opens a CONNECT tunnel through an HTTP proxy (RFC 9110 section 9.3.6): sends {@code CONNECT host:port}
 * with the proxy's credentials, if any, and reads the proxy's answer. The credentials go on the CONNECT
 * only; nothing of them is ever sent inside the tunnel (CVE-2023-32681).
 */
final class HttpTunnel {
    /** The largest CONNECT response head read before giving up on the proxy. */
    static final int MAX_HEAD = 64 * 1024;

    private HttpTunnel() {
    }

    /**
     * Establishes the tunnel; when it returns, the streams carry the destination's bytes.
     *
     * @param authority {@code host:port} of the destination
     * @throws IOException an {@link IoFailure} carrying a {@link ProxyException} when the proxy answers
     *     with another status than 2xx or breaks the exchange
     */
    static void open(InputStream in, OutputStream out, ProxyUrl proxy, String authority) throws IOException {
        StringBuilder head = new StringBuilder(128)
                .append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n");
        String auth = proxy.basicAuthorization();
        if (auth != null) {
            head.append("Proxy-Authorization: ").append(auth).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String statusLine = readHead(in, proxy, authority);
        int status = parseStatus(statusLine);
        if (status < 0) {
            throw new IoFailure(new ProxyException("proxy " + proxy.origin() + " answered CONNECT " + authority
                    + " with a malformed status line: '" + statusLine + "'", proxy.origin(), authority, -1, null));
        }
        if (status / 100 != 2) {
            String reason = statusLine.length() > 13 ? statusLine.substring(13).trim() : "";
            String hint = status != 407 ? ""
                    : auth == null ? " (the proxy wants credentials: give them in the proxy URL, http://user:password@host:port)"
                    : " (it refused the credentials of the proxy URL)";
            throw new IoFailure(new ProxyException("proxy " + proxy.origin() + " refused CONNECT to " + authority
                    + ": " + status + (reason.isEmpty() ? "" : " " + reason) + hint, proxy.origin(), authority, status, null));
        }
    }

    /**
     * Reads the response head a byte at a time up to the empty line, so that not one byte of the tunnel
     * after it is taken from the stream; returns the status line.
     */
    private static String readHead(InputStream in, ProxyUrl proxy, String authority) throws IOException {
        byte[] buf = new byte[256];
        int len = 0;
        int statusEnd = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IoFailure(new ProxyException("proxy " + proxy.origin() + " closed the connection before"
                        + " answering CONNECT " + authority, proxy.origin(), authority, -1,
                        new EOFException("end of stream in the CONNECT response head")));
            }
            if (len == buf.length) {
                if (len >= MAX_HEAD) {
                    throw new IoFailure(new ProxyException("proxy " + proxy.origin() + " sent a CONNECT response head"
                            + " longer than " + MAX_HEAD + " bytes", proxy.origin(), authority, -1, null));
                }
                buf = java.util.Arrays.copyOf(buf, len * 2);
            }
            buf[len++] = (byte) b;
            if (b == '\n') {
                if (statusEnd < 0) {
                    statusEnd = len;
                }
                // The head ends at an empty line: CRLF CRLF, or a bare LF LF (RFC 9112 section 2.2 allows LF).
                if ((len >= 4 && buf[len - 4] == '\r' && buf[len - 3] == '\n' && buf[len - 2] == '\r')
                        || (len >= 2 && buf[len - 2] == '\n')) {
                    break;
                }
            }
        }
        String line = new String(buf, 0, statusEnd, StandardCharsets.ISO_8859_1);
        return line.strip();
    }

    /** The status of {@code HTTP/1.x NNN reason}, or -1 when the line is not a status line. */
    static int parseStatus(String line) {
        if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' ') {
            return -1;
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            status = status * 10 + (c - '0');
        }
        if (line.length() > 12 && line.charAt(12) != ' ') {
            return -1;
        }
        return status;
    }
}
