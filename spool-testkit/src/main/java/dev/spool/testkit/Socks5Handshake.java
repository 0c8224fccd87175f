package dev.spool.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * The server side of a SOCKS5 handshake for MockProxy (RFC 1928, with RFC 1929 user name and
 * password), from the method selection up to the client's request.
 */
final class Socks5Handshake {
    /** Reply codes (RFC 1928 section 6). */
    static final int OK = 0;
    static final int NOT_ALLOWED = 2;
    static final int HOST_UNREACHABLE = 4;
    static final int REFUSED = 5;
    static final int COMMAND_UNSUPPORTED = 7;
    static final int ADDRESS_UNSUPPORTED = 8;
    /** The CONNECT command. */
    static final int CONNECT = 1;

    /** What the client asked for: its command and destination. */
    record Request(int command, MockProxy.SocksConnect destination) {
    }

    private Socks5Handshake() {
    }

    /**
     * Runs the handshake after the version byte (already read) and returns the client's request, or
     * null when the handshake ended with a refusal already answered (no acceptable method, wrong
     * credentials, an unknown address type).
     *
     * @param user the user name to require, or null for none
     */
    static Request read(InputStream in, OutputStream out, String user, String password) throws IOException {
        int n = readByte(in);
        byte[] methods = in.readNBytes(n);
        String authenticated = null;
        int method = user != null ? 2 : 0;
        if (!contains(methods, method)) {
            out.write(new byte[] {5, (byte) 0xff});
            out.flush();
            return null;
        }
        out.write(new byte[] {5, (byte) method});
        out.flush();
        if (user != null) {
            readByte(in); // subnegotiation version 1
            String u = new String(in.readNBytes(readByte(in)), StandardCharsets.UTF_8);
            String p = new String(in.readNBytes(readByte(in)), StandardCharsets.UTF_8);
            boolean ok = u.equals(user) && p.equals(password);
            out.write(new byte[] {1, (byte) (ok ? 0 : 1)});
            out.flush();
            if (!ok) {
                return null;
            }
            authenticated = u;
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
            reply(out, ADDRESS_UNSUPPORTED);
            return null;
        }
        int port = (readByte(in) << 8) | readByte(in);
        return new Request(command, new MockProxy.SocksConnect(host, port, byName, authenticated));
    }

    /** Sends a reply with {@code code} and a bound address of 127.0.0.1:0. */
    static void reply(OutputStream out, int code) throws IOException {
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
}
