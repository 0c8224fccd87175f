package dev.spool.testkit;

import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.util.Set;

/** The upstream connection of one MockProxy client connection, reused while requests go to the same destination. */
final class ProxyUpstream {
    /** Opens a connection to a destination (MockProxy's loopback-only connect). */
    @FunctionalInterface
    interface Dialer {
        Socket connect(String host, int port) throws IOException;
    }

    private final Dialer dialer;
    private final Set<Closeable> live;
    private Socket socket;
    private WireInput in;
    private String destination;

    ProxyUpstream(Dialer dialer, Set<Closeable> live) {
        this.dialer = dialer;
        this.live = live;
    }

    /** The connection to {@code host:port}: the current one when it goes there and is open, else a new one. */
    Socket to(String host, int port) throws IOException {
        String d = host + ":" + port;
        if (socket != null && d.equals(destination) && !socket.isClosed()) {
            return socket;
        }
        close();
        socket = dialer.connect(host, port);
        in = new WireInput(socket.getInputStream());
        destination = d;
        return socket;
    }

    /** What the destination sends. */
    WireInput input() {
        return in;
    }

    /** Closes the connection, if any. */
    void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // the socket is unusable either way
            }
            live.remove(socket);
            socket = null;
            in = null;
            destination = null;
        }
    }
}
