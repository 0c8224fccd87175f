package dev.spool.internal.connection;

import dev.spool.ProxyException;
import dev.spool.internal.IoFailure;
import dev.spool.proxy.ProxyUrl;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * The client side of a SOCKS5 handshake (RFC 1928) with user name and password authentication
 * (RFC 1929), on a connected socket's streams: greeting, optional authentication, then CONNECT to the
 * destination by name ({@code socks5h}) or by address ({@code socks5}).
 */
final class Socks5 {
    /** RFC 1928 section 3: protocol version 5. */
    static final int VERSION = 5;
    /** RFC 1928 section 3: no authentication required. */
    static final int NO_AUTH = 0x00;
    /** RFC 1928 section 3 and RFC 1929: user name and password. */
    static final int USER_PASS = 0x02;
    /** RFC 1928 section 3: no acceptable methods. */
    static final int NO_ACCEPTABLE = 0xff;
    /** RFC 1929 section 2: version of the user name / password subnegotiation. */
    static final int USER_PASS_VERSION = 0x01;
    /** RFC 1928 section 4: the CONNECT command. */
    static final int CONNECT = 0x01;
    /** RFC 1928 section 5: address types. */
    static final int IPV4 = 0x01;
    static final int DOMAIN = 0x03;
    static final int IPV6 = 0x04;

    private Socks5() {
    }

    /**
     * Runs the handshake; when it returns the streams carry the destination's bytes.
     *
     * @param address the destination's address for {@code socks5}, or null to send the host name ({@code socks5h})
     * @throws IOException an {@link IoFailure} carrying a {@link ProxyException} when the proxy refuses
     */
    static void connect(InputStream in, OutputStream out, ProxyUrl proxy, String host, int port, InetAddress address)
            throws IOException {
        String destination = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        boolean credentials = proxy.username() != null;
        out.write(credentials ? new byte[] {VERSION, 2, NO_AUTH, USER_PASS} : new byte[] {VERSION, 1, NO_AUTH});
        out.flush();
        byte[] choice = readFully(in, 2, proxy, destination);
        if (choice[0] != VERSION) {
            throw refused(proxy, destination, -1, "is not a SOCKS5 proxy (it answered the greeting with version "
                    + (choice[0] & 0xff) + ")");
        }
        int method = choice[1] & 0xff;
        if (method == USER_PASS && credentials) {
            byte[] user = proxy.username().getBytes(StandardCharsets.UTF_8);
            byte[] pass = proxy.password().getBytes(StandardCharsets.UTF_8);
            if (user.length > 255 || pass.length > 255) {
                throw refused(proxy, destination, -1, "cannot take a user name or password longer than 255 bytes (RFC 1929)");
            }
            byte[] auth = new byte[3 + user.length + pass.length];
            auth[0] = USER_PASS_VERSION;
            auth[1] = (byte) user.length;
            System.arraycopy(user, 0, auth, 2, user.length);
            auth[2 + user.length] = (byte) pass.length;
            System.arraycopy(pass, 0, auth, 3 + user.length, pass.length);
            out.write(auth);
            out.flush();
            byte[] status = readFully(in, 2, proxy, destination);
            if (status[1] != 0) {
                throw refused(proxy, destination, status[1] & 0xff, "rejected the user name and password (RFC 1929 status "
                        + (status[1] & 0xff) + ")");
            }
        } else if (method == NO_ACCEPTABLE) {
            throw refused(proxy, destination, -1, "accepts none of the authentication methods offered ("
                    + (credentials ? "none, user name and password" : "none; give credentials in the proxy URL") + ")");
        } else if (method != NO_AUTH) {
            throw refused(proxy, destination, -1, "chose authentication method " + method + ", which was not offered");
        }
        byte[] addr;
        int type;
        if (address == null) {
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            if (name.length > 255) {
                throw refused(proxy, destination, -1, "cannot take a host name longer than 255 bytes (RFC 1928)");
            }
            addr = new byte[1 + name.length];
            addr[0] = (byte) name.length;
            System.arraycopy(name, 0, addr, 1, name.length);
            type = DOMAIN;
        } else {
            addr = address.getAddress();
            type = address instanceof Inet6Address ? IPV6 : IPV4;
        }
        byte[] request = new byte[6 + addr.length];
        request[0] = VERSION;
        request[1] = CONNECT;
        request[2] = 0; // reserved
        request[3] = (byte) type;
        System.arraycopy(addr, 0, request, 4, addr.length);
        request[4 + addr.length] = (byte) (port >>> 8);
        request[5 + addr.length] = (byte) port;
        out.write(request);
        out.flush();
        byte[] reply = readFully(in, 4, proxy, destination);
        int rep = reply[1] & 0xff;
        if (reply[0] != VERSION) {
            throw refused(proxy, destination, -1, "answered CONNECT with version " + (reply[0] & 0xff));
        }
        if (rep != 0) {
            throw refused(proxy, destination, rep, "refused CONNECT to " + destination + ": " + replyText(rep)
                    + " (SOCKS5 reply " + rep + ")");
        }
        int boundLength;
        switch (reply[3]) {
            case IPV4:
                boundLength = 4;
                break;
            case IPV6:
                boundLength = 16;
                break;
            case DOMAIN:
                boundLength = readFully(in, 1, proxy, destination)[0] & 0xff;
                break;
            default:
                throw refused(proxy, destination, -1, "answered with unknown address type " + (reply[3] & 0xff));
        }
        readFully(in, boundLength + 2, proxy, destination); // the bound address and port, unused
    }

    /** RFC 1928 section 6's reply field meanings. */
    static String replyText(int rep) {
        switch (rep) {
            case 1:
                return "general SOCKS server failure";
            case 2:
                return "connection not allowed by ruleset";
            case 3:
                return "network unreachable";
            case 4:
                return "host unreachable";
            case 5:
                return "connection refused";
            case 6:
                return "TTL expired";
            case 7:
                return "command not supported";
            case 8:
                return "address type not supported";
            default:
                return "unassigned reply code";
        }
    }

    private static byte[] readFully(InputStream in, int n, ProxyUrl proxy, String destination) throws IOException {
        byte[] b = new byte[n];
        int got = 0;
        while (got < n) {
            int r = in.read(b, got, n - got);
            if (r < 0) {
                throw new IoFailure(new ProxyException("SOCKS5 proxy " + proxy.origin() + " closed the connection during"
                        + " the handshake for " + destination, proxy.origin(), destination, -1,
                        new EOFException("SOCKS5 handshake cut short")));
            }
            got += r;
        }
        return b;
    }

    private static IoFailure refused(ProxyUrl proxy, String destination, int status, String what) {
        return new IoFailure(new ProxyException("SOCKS5 proxy " + proxy.origin() + " " + what
                + (what.contains(destination) ? "" : " (for " + destination + ")"), proxy.origin(), destination, status, null));
    }
}
