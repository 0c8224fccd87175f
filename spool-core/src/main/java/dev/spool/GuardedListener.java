package dev.spool;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * Passes events to one or more listeners, catching what they throw: a faulty metrics hook must never
 * break a request or keep a connection from going back to the pool. What a listener throws is logged at
 * WARNING on {@code dev.spool.events}. Every event goes through one loop, {@link #forward}; each method
 * only names its event and how to call it.
 */
final class GuardedListener implements EventListener {
    private static final System.Logger LOG = System.getLogger("dev.spool.events");

    private final EventListener[] delegates;

    private GuardedListener(EventListener[] delegates) {
        this.delegates = delegates;
    }

    /**
     * A guard around the listeners: {@link EventListener#NONE} when there is nothing to hear the events
     * (so callers can skip work by comparing with it), the listener itself when it is already guarded.
     */
    static EventListener of(EventListener... listeners) {
        if (listeners.length == 0 || (listeners.length == 1 && listeners[0] == NONE)) {
            return NONE;
        }
        if (listeners.length == 1 && listeners[0] instanceof GuardedListener) {
            return listeners[0];
        }
        return new GuardedListener(listeners.clone());
    }

    /** Calls {@code event} on each listener in order; one that throws is logged and skipped. */
    private void forward(String name, Consumer<EventListener> event) {
        for (EventListener l : delegates) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "event listener " + l.getClass().getName() + " threw from " + name
                        + "; the event is skipped for it", e);
            }
        }
    }

    @Override
    public void callStart(Request request) {
        forward("callStart", l -> l.callStart(request));
    }

    @Override
    public void poolLeaseStart(Request request, String origin) {
        forward("poolLeaseStart", l -> l.poolLeaseStart(request, origin));
    }

    @Override
    public void poolLeaseEnd(Request request, int connection, boolean reused) {
        forward("poolLeaseEnd", l -> l.poolLeaseEnd(request, connection, reused));
    }

    @Override
    public void connectionOpened(Request request, int connection, OpenReason reason, String detail) {
        forward("connectionOpened", l -> l.connectionOpened(request, connection, reason, detail));
    }

    @Override
    public void connectionClosed(String origin, int connection, CloseReason reason, String detail) {
        forward("connectionClosed", l -> l.connectionClosed(origin, connection, reason, detail));
    }

    @Override
    public void dnsStart(Request request, String host) {
        forward("dnsStart", l -> l.dnsStart(request, host));
    }

    @Override
    public void dnsEnd(Request request, String host, List<InetAddress> addresses) {
        forward("dnsEnd", l -> l.dnsEnd(request, host, addresses));
    }

    @Override
    public void connectStart(Request request, InetSocketAddress address) {
        forward("connectStart", l -> l.connectStart(request, address));
    }

    @Override
    public void connectEnd(Request request, InetSocketAddress address) {
        forward("connectEnd", l -> l.connectEnd(request, address));
    }

    @Override
    public void tlsStart(Request request, String host) {
        forward("tlsStart", l -> l.tlsStart(request, host));
    }

    @Override
    public void tlsEnd(Request request, String version, String cipherSuite, boolean resumed) {
        forward("tlsEnd", l -> l.tlsEnd(request, version, cipherSuite, resumed));
    }

    @Override
    public void requestSent(Request request) {
        forward("requestSent", l -> l.requestSent(request));
    }

    @Override
    public void responseHeaders(Request request, int status) {
        forward("responseHeaders", l -> l.responseHeaders(request, status));
    }

    @Override
    public void responseBodyEnd(Request request, long bytes) {
        forward("responseBodyEnd", l -> l.responseBodyEnd(request, bytes));
    }

    @Override
    public void connectionReleased(Request request, int connection, boolean kept) {
        forward("connectionReleased", l -> l.connectionReleased(request, connection, kept));
    }

    @Override
    public void callEnd(Request request, Response response) {
        forward("callEnd", l -> l.callEnd(request, response));
    }

    @Override
    public void callFailed(Request request, RuntimeException error) {
        forward("callFailed", l -> l.callFailed(request, error));
    }
}
