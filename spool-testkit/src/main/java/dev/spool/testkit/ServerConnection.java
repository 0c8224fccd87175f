package dev.spool.testkit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLSocket;

/**
 * One accepted TCP connection of a {@link MockServer} and the platform thread that serves it:
 * optional TLS handshake, then request after request until one side closes.
 *
 * <p>The connection's {@link State} is guarded by the server's state lock, so the server can pick
 * idle connections and close them without racing the thread that is about to read a request.
 */
final class ServerConnection implements Runnable {
    /** Where the connection is in its life; the server reads this under its state lock. */
    enum State {
        /** TLS handshake in progress. */
        HANDSHAKE,
        /** Waiting for the first byte of the next request. */
        IDLE,
        /** Reading a request or writing its response. */
        BUSY,
        /** The response is written and being flushed; the connection is about to become IDLE. */
        RESPONDED,
        /** Holding the connection silent, per a stall fault. */
        STALLED,
        /** The server has disconnected its side and waits for the client to close. */
        DRAINING,
        /** Closed. */
        CLOSED
    }

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** A fatal TLS alert record: type 21 (alert), TLS 1.2 record version, length 2, level fatal (2), handshake_failure (40). */
    private static final byte[] HANDSHAKE_FAILURE_ALERT = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
    /** Largest TLS record (RFC 8446 section 5.1) plus header, for reading the ClientHello before refusing it. */
    private static final int MAX_TLS_RECORD = 16384 + 2048 + 5;

    final int index;
    final Thread thread;
    final CountDownLatch ended = new CountDownLatch(1);
    private final MockServer server;
    private final Socket raw;
    /** The socket requests travel on: an SSLSocket layered on {@link #raw} for TLS, else raw itself. */
    private volatile Socket socket;

    // Guarded by the server's state lock.
    State state;
    boolean closedByServer;

    private volatile boolean clientClosed;

    ServerConnection(MockServer server, int index, Socket raw, boolean tls) {
        this.server = server;
        this.index = index;
        this.raw = raw;
        this.socket = raw;
        this.state = tls ? State.HANDSHAKE : State.IDLE;
        this.thread = new Thread(this, "mockserver-" + server.port() + "-" + index);
        this.thread.setDaemon(true);
    }

    /** Whether the connection ended because of the client: EOF, reset, or an error the server did not cause. */
    boolean clientClosed() {
        return clientClosed;
    }

    /** The socket to close from outside: the TLS one, so that a closed idle connection sends close_notify. */
    Socket socket() {
        return socket;
    }

    /** The TCP socket, closed directly on shutdown so that no TLS close can block. */
    Socket rawSocket() {
        return raw;
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (IOException e) {
            noteClientGone();
        } finally {
            Shutdowns.closeQuietly(socket);
            Shutdowns.closeQuietly(raw);
            server.connectionEnded(this);
            ended.countDown();
        }
    }

    private void noteClientGone() {
        if (!server.isClosedByServer(this)) {
            clientClosed = true;
        }
    }

    private void serve() throws IOException {
        if (server.isTls()) {
            if (server.tlsFault() == TlsFault.HANDSHAKE_FAILURE) {
                refuseHandshake();
                return;
            }
            SSLSocket ssl = server.wrapTls(raw);
            socket = ssl;
            ssl.startHandshake();
        }
        WireInput in = new WireInput(socket.getInputStream());
        OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        int sequence = 0;
        while (true) {
            if (!awaitRequestStart(in)) {
                return;
            }
            MockResponse atStart = server.takeAtStartFault();
            if (atStart != null) {
                end(atStart.faultValue() == Fault.RESET_AT_START ? ResponseWriter.Ending.RESET
                        : ResponseWriter.Ending.DISCONNECT, in);
                return;
            }
            RequestHead head;
            try {
                head = RequestReader.readHead(in);
            } catch (BadRequestException e) {
                refuse(out, e, in);
                return;
            }
            sequence++;
            MockResponse planned = server.takeQueued();
            boolean expectsContinue = head.expectContinue && head.hasBody();
            boolean refuseContinue = expectsContinue && planned != null && planned.noContinueSet();
            RequestBody body = RequestBody.EMPTY;
            if (!refuseContinue) {
                if (expectsContinue && (planned == null || !planned.silentContinueSet())) {
                    out.write(CONTINUE);
                    out.flush();
                }
                try {
                    body = RequestReader.readBody(in, head, server.recordBodyLimitValue());
                } catch (BadRequestException e) {
                    if (planned != null) {
                        server.requeueFirst(planned); // the response was meant for a request that never came whole
                    }
                    refuse(out, e, in);
                    return;
                }
            }
            RecordedRequest recorded = new RecordedRequest(head, body, index, sequence, raw.getPort(), server.isTls());
            server.record(recorded);
            MockResponse response = planned != null ? planned : server.dispatch(recorded);
            int limit = server.closeAfterRequestsValue();
            boolean silentClose = limit > 0 && sequence >= limit;
            ResponseWriter.Ending ending = ResponseWriter.write(response, head, head.clientWantsClose || refuseContinue,
                    silentClose, out, server);
            if (ending == ResponseWriter.Ending.KEEP_ALIVE) {
                if (!server.transition(this, State.RESPONDED)) {
                    return;
                }
                out.flush();
                continue;
            }
            out.flush();
            end(ending, in);
            return;
        }
    }

    /**
     * Waits for the first byte of the next request, as an idle connection (unless a pipelined request
     * is already buffered). Returns false when the connection is over: the client closed it, or the
     * server closed it while idle.
     */
    private boolean awaitRequestStart(WireInput in) throws IOException {
        if (in.buffered() > 0) {
            return server.transition(this, State.BUSY);
        }
        if (!server.transition(this, State.IDLE)) {
            return false;
        }
        if (!in.awaitByte()) {
            noteClientGone();
            return false;
        }
        return server.transition(this, State.BUSY);
    }

    /** Answers a request that cannot be parsed with 400 and disconnects. */
    private void refuse(OutputStream out, BadRequestException e, WireInput in) throws IOException {
        byte[] text = (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                + text.length + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(text);
        out.flush();
        end(ResponseWriter.Ending.DISCONNECT, in);
    }

    /** Ends the connection the way the response asked; every path leaves the socket closed or to be closed by run(). */
    private void end(ResponseWriter.Ending ending, WireInput in) throws IOException {
        switch (ending) {
            case RESET:
                // SO_LINGER 0 makes close() send RST; on the raw socket so TLS sends no close_notify first.
                raw.setSoLinger(true, 0);
                raw.close();
                return;
            case STALL:
                if (server.transition(this, State.STALLED)) {
                    in.discardUntilEof();
                    noteClientGone();
                }
                return;
            case DISCONNECT:
                // FIN (after close_notify for TLS), then read until the client closes: closing with
                // unread bytes would make the kernel send RST, and the client must see a clean EOF.
                // The FIN goes out before the connection counts as DRAINING, so once awaitIdle()
                // returns, a client checking its pooled connection already sees the close.
                socket.shutdownOutput();
                if (server.transition(this, State.DRAINING)) {
                    in.discardUntilEof();
                    noteClientGone();
                }
                return;
            default:
                throw new IllegalStateException("connection cannot end with " + ending);
        }
    }

    /**
     * TlsFault.HANDSHAKE_FAILURE: reads the client's first TLS record, answers with a fatal alert,
     * and disconnects. Reading the record first means the client is waiting for the answer, and no
     * unread bytes turn the close into a reset.
     */
    private void refuseHandshake() throws IOException {
        InputStream in = raw.getInputStream();
        byte[] header = in.readNBytes(5);
        if (header.length == 5) {
            int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
            in.readNBytes(Math.min(length, MAX_TLS_RECORD));
        }
        OutputStream out = raw.getOutputStream();
        out.write(HANDSHAKE_FAILURE_ALERT);
        out.flush();
        if (server.transition(this, State.DRAINING)) {
            raw.shutdownOutput();
            in.transferTo(OutputStream.nullOutputStream());
            noteClientGone();
        }
    }
}
