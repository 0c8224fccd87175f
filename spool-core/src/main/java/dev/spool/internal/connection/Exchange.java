package dev.spool.internal.connection;

import dev.spool.EventListener;
import dev.spool.Request;
import dev.spool.Timings;
import dev.spool.internal.pool.LeaseTrace;
import dev.spool.internal.pool.OriginKey;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * One request on the wire as the transport sees it: the moments its phases began and ended (plain
 * {@code nanoTime} longs, so measuring costs no allocation), and the listener that hears them. It
 * becomes the response's {@link Timings} when asked. Written by the thread that sends the request;
 * the end of a streamed body may be written by another, hence the volatile end.
 */
public final class Exchange implements LeaseTrace, Supplier<Timings> {
    private final Request request;
    /** The call's guard, told each phase (for the message if it is stopped), or null. */
    private final CallGuard call;
    /** {@link EventListener#NONE} or a guarded listener; compared by identity to skip work. */
    private final EventListener listener;
    private final long start;
    private long leaseStart;
    private long leased;
    /** When the current name resolution began; resolutions add up in {@link #dnsNanos} (SOCKS5 makes two). */
    private long dnsStart;
    private long dnsNanos;
    private long connectStart;
    private long connectEnd;
    private long tlsStart;
    private long tlsEnd;
    private long writeStart;
    private long firstByte;
    private volatile long end;
    private volatile Timings finished;

    /**
     * Starts the record of one exchange.
     *
     * @param listener a guarded listener, or {@link EventListener#NONE}
     * @param start nanoTime when the transport began (the start of {@link Timings#total()})
     */
    public Exchange(Request request, EventListener listener, long start) {
        this.request = request;
        this.call = CallGuard.of(request);
        this.listener = listener;
        this.start = start;
    }

    /** The request being exchanged. */
    public Request request() {
        return request;
    }

    /** The transport asks the pool for a connection (again, after a stale one: phases start over). */
    public void leaseStart(OriginKey key) {
        if (call != null) {
            call.phase(CallGuard.Phase.POOL_WAIT);
        }
        leaseStart = System.nanoTime();
        leased = 0;
        dnsStart = 0;
        dnsNanos = 0;
        connectStart = 0;
        connectEnd = 0;
        tlsStart = 0;
        tlsEnd = 0;
        if (listener != EventListener.NONE) {
            listener.poolLeaseStart(request, key.origin()); // built only for a listener: origin() allocates
        }
    }

    @Override
    public void leased(int number, boolean reused) {
        leased = System.nanoTime();
        if (listener != EventListener.NONE) {
            listener.poolLeaseEnd(request, number, reused);
        }
    }

    @Override
    public void opening(int number, dev.spool.OpenReason reason, String detail) {
        if (listener != EventListener.NONE) {
            listener.connectionOpened(request, number, reason, detail);
        }
    }

    @Override
    public void dnsStart(String host) {
        if (call != null) {
            call.phase(CallGuard.Phase.DNS);
        }
        dnsStart = System.nanoTime();
        if (listener != EventListener.NONE) {
            listener.dnsStart(request, host);
        }
    }

    @Override
    public void opening(Closeable socket) throws IOException {
        if (call != null) {
            call.attach(socket); // a timeout or cancel closes it, which ends the connect or handshake
        }
    }

    @Override
    public long await(Lock lock, Condition condition, long nanos) throws IOException, InterruptedException {
        return call == null ? condition.awaitNanos(nanos) : call.awaitPool(lock, condition, nanos);
    }

    /** The call's guard, or null. */
    public CallGuard call() {
        return call;
    }

    @Override
    public void dnsEnd(String host, InetAddress[] addresses) {
        if (dnsStart != 0) {
            dnsNanos += System.nanoTime() - dnsStart;
        }
        if (listener != EventListener.NONE) {
            listener.dnsEnd(request, host, List.of(addresses));
        }
    }

    @Override
    public void connectStart(InetSocketAddress address) {
        if (call != null) {
            call.phase(CallGuard.Phase.CONNECT);
        }
        if (connectStart == 0) {
            connectStart = System.nanoTime(); // the first address tried: failed attempts count as connect time
        }
        if (listener != EventListener.NONE) {
            listener.connectStart(request, address);
        }
    }

    @Override
    public void connectEnd(InetSocketAddress address) {
        connectEnd = System.nanoTime();
        if (listener != EventListener.NONE) {
            listener.connectEnd(request, address);
        }
    }

    @Override
    public void tlsStart(String host) {
        if (call != null) {
            call.phase(CallGuard.Phase.TLS);
        }
        tlsStart = System.nanoTime();
        if (listener != EventListener.NONE) {
            listener.tlsStart(request, host);
        }
    }

    @Override
    public void tlsEnd(String version, String cipherSuite, boolean resumed) {
        tlsEnd = System.nanoTime();
        if (listener != EventListener.NONE) {
            listener.tlsEnd(request, version, cipherSuite, resumed);
        }
    }

    /** The request head is about to be written. */
    public void writeStart() {
        if (call != null) {
            call.phase(CallGuard.Phase.WRITE);
        }
        writeStart = System.nanoTime();
        firstByte = 0;
    }

    /** Bytes of the response arrived; only the first call counts. */
    public void bytesArrived() {
        if (firstByte == 0) {
            firstByte = System.nanoTime();
        }
    }

    /** The request head and body are written. */
    public void requestSent() {
        if (call != null) {
            call.phase(CallGuard.Phase.HEAD);
        }
        if (listener != EventListener.NONE) {
            listener.requestSent(request);
        }
    }

    /** The response head was parsed. */
    public void responseHeaders(int status) {
        if (call != null) {
            call.phase(CallGuard.Phase.BODY);
        }
        if (listener != EventListener.NONE) {
            listener.responseHeaders(request, status);
        }
    }

    /** The body ended (or was closed early) after {@code bytes} bytes. */
    public void bodyEnd(long bytes) {
        end = System.nanoTime();
        if (listener != EventListener.NONE) {
            listener.responseBodyEnd(request, bytes);
        }
    }

    /** The connection went back to the pool ({@code kept}) or was closed. */
    public void released(int number, boolean kept) {
        if (listener != EventListener.NONE) {
            listener.connectionReleased(request, number, kept);
        }
    }

    /** The timings so far; final (and kept) once the body has ended. */
    @Override
    public Timings get() {
        Timings t = finished;
        if (t != null) {
            return t;
        }
        long e = end;
        long last = e != 0 ? e : System.nanoTime();
        t = new Timings(span(leaseStart, leased), Duration.ofNanos(Math.max(0, dnsNanos)), span(connectStart, connectEnd),
                span(tlsStart, tlsEnd), span(writeStart, firstByte), span(start, last));
        if (e != 0) {
            finished = t;
        }
        return t;
    }

    private static Duration span(long from, long to) {
        return from == 0 || to == 0 || to - from < 0 ? Duration.ZERO : Duration.ofNanos(to - from);
    }
}
