package dev.spool.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback listener that never accepts, its backlog filled: Linux then drops further SYNs, so a
 * connect to it hangs until the client gives up (a non-answering address without leaving the host).
 */
final class FullBacklog implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> fillers = new ArrayList<>();

    FullBacklog() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        for (int i = 0; i < 8; i++) {
            Socket f = new Socket();
            try {
                f.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 200);
                fillers.add(f);
            } catch (IOException timedOut) {
                f.close();
                return; // full: connects now hang
            }
        }
        throw new IllegalStateException("the backlog of port " + listener.getLocalPort() + " never filled up");
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket f : fillers) {
            f.close();
        }
        listener.close();
    }
}
