package dev.spool.internal;

import dev.spool.EventListener;
import dev.spool.Request;
import dev.spool.Response;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Passes events to one or more listeners, catching what they throw: a faulty metrics hook must never
 * break a request or keep a connection from going back to the pool. What a listener throws is logged at
 * WARNING on {@code dev.spool.events}.
 */
public final class GuardedListener implements EventListener {
    private static final System.Logger LOG = System.getLogger("dev.spool.events");

    private final EventListener[] delegates;

    private GuardedListener(EventListener[] delegates) {
        this.delegates = delegates;
    }

    /**
     * A guard around the listeners: {@link EventListener#NONE} when there is nothing to hear the events
     * (so callers can skip work by comparing with it), the listener itself when it is already guarded.
     */
    public static EventListener of(EventListener... listeners) {
        if (listeners.length == 0 || (listeners.length == 1 && listeners[0] == NONE)) {
            return NONE;
        }
        if (listeners.length == 1 && listeners[0] instanceof GuardedListener) {
            return listeners[0];
        }
        return new GuardedListener(listeners.clone());
    }

    private static void failed(EventListener l, String event, RuntimeException e) {
        LOG.log(Level.WARNING, "event listener " + l.getClass().getName() + " threw from " + event
                + "; the event is skipped for it", e);
    }

    @Override
    public void callStart(Request request) {
        for (EventListener l : delegates) {
            try {
                l.callStart(request);
            } catch (RuntimeException e) {
                failed(l, "callStart", e);
            }
        }
    }

    @Override
    public void poolLeaseStart(Request request, String origin) {
        for (EventListener l : delegates) {
            try {
                l.poolLeaseStart(request, origin);
            } catch (RuntimeException e) {
                failed(l, "poolLeaseStart", e);
            }
        }
    }

    @Override
    public void poolLeaseEnd(Request request, int connection, boolean reused) {
        for (EventListener l : delegates) {
            try {
                l.poolLeaseEnd(request, connection, reused);
            } catch (RuntimeException e) {
                failed(l, "poolLeaseEnd", e);
            }
        }
    }

    @Override
    public void dnsStart(Request request, String host) {
        for (EventListener l : delegates) {
            try {
                l.dnsStart(request, host);
            } catch (RuntimeException e) {
                failed(l, "dnsStart", e);
            }
        }
    }

    @Override
    public void dnsEnd(Request request, String host, List<InetAddress> addresses) {
        for (EventListener l : delegates) {
            try {
                l.dnsEnd(request, host, addresses);
            } catch (RuntimeException e) {
                failed(l, "dnsEnd", e);
            }
        }
    }

    @Override
    public void connectStart(Request request, InetSocketAddress address) {
        for (EventListener l : delegates) {
            try {
                l.connectStart(request, address);
            } catch (RuntimeException e) {
                failed(l, "connectStart", e);
            }
        }
    }

    @Override
    public void connectEnd(Request request, InetSocketAddress address) {
        for (EventListener l : delegates) {
            try {
                l.connectEnd(request, address);
            } catch (RuntimeException e) {
                failed(l, "connectEnd", e);
            }
        }
    }

    @Override
    public void tlsStart(Request request, String host) {
        for (EventListener l : delegates) {
            try {
                l.tlsStart(request, host);
            } catch (RuntimeException e) {
                failed(l, "tlsStart", e);
            }
        }
    }

    @Override
    public void tlsEnd(Request request, String version, String cipherSuite, boolean resumed) {
        for (EventListener l : delegates) {
            try {
                l.tlsEnd(request, version, cipherSuite, resumed);
            } catch (RuntimeException e) {
                failed(l, "tlsEnd", e);
            }
        }
    }

    @Override
    public void requestSent(Request request) {
        for (EventListener l : delegates) {
            try {
                l.requestSent(request);
            } catch (RuntimeException e) {
                failed(l, "requestSent", e);
            }
        }
    }

    @Override
    public void responseHeaders(Request request, int status) {
        for (EventListener l : delegates) {
            try {
                l.responseHeaders(request, status);
            } catch (RuntimeException e) {
                failed(l, "responseHeaders", e);
            }
        }
    }

    @Override
    public void responseBodyEnd(Request request, long bytes) {
        for (EventListener l : delegates) {
            try {
                l.responseBodyEnd(request, bytes);
            } catch (RuntimeException e) {
                failed(l, "responseBodyEnd", e);
            }
        }
    }

    @Override
    public void connectionReleased(Request request, int connection, boolean kept) {
        for (EventListener l : delegates) {
            try {
                l.connectionReleased(request, connection, kept);
            } catch (RuntimeException e) {
                failed(l, "connectionReleased", e);
            }
        }
    }

    @Override
    public void callEnd(Request request, Response response) {
        for (EventListener l : delegates) {
            try {
                l.callEnd(request, response);
            } catch (RuntimeException e) {
                failed(l, "callEnd", e);
            }
        }
    }

    @Override
    public void callFailed(Request request, RuntimeException error) {
        for (EventListener l : delegates) {
            try {
                l.callFailed(request, error);
            } catch (RuntimeException e) {
                failed(l, "callFailed", e);
            }
        }
    }
}
