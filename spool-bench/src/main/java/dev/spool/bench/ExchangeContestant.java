package dev.spool.bench;

import java.time.Duration;

/**
 * An in-process contestant: an {@link Exchange} opened once (a client, a session) and run by
 * {@link LoadRunner} on a fixed number of threads each round.
 */
final class ExchangeContestant implements Contestant {
    /** Opens the exchange; called once, in {@link #prepare}. */
    @FunctionalInterface
    interface Opener {
        Exchange open() throws Exception;
    }

    private final String name;
    private final Role role;
    private final int threads;
    private final long maxRequests;
    private final int bufferSize;
    private final long expectedBytes;
    private final Opener opener;
    private Exchange exchange;

    /**
     * @param expectedBytes the body length every exchange must return; anything else fails the
     *     contestant, so a client that silently reads less cannot look fast
     */
    ExchangeContestant(String name, Role role, int threads, long maxRequests, int bufferSize,
                       long expectedBytes, Opener opener) {
        this.name = name;
        this.role = role;
        this.threads = threads;
        this.maxRequests = maxRequests;
        this.bufferSize = bufferSize;
        this.expectedBytes = expectedBytes;
        this.opener = opener;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public void prepare(Duration warmup) throws Exception {
        Exchange opened = opener.open();
        exchange = opened;
        long n = opened.run(new byte[bufferSize]);
        if (n != expectedBytes) {
            throw new IllegalStateException(name + " read " + n + " body bytes, expected " + expectedBytes);
        }
        if (!warmup.isZero()) {
            LoadRunner.run(threads, warmup, maxRequests, bufferSize, checked(opened));
        }
    }

    @Override
    public RoundStats measure(Duration duration) throws Exception {
        return LoadRunner.run(threads, duration, maxRequests, bufferSize, checked(exchange));
    }

    /** Wraps the exchange with the body-length check; the lambda is made once per round, not per call. */
    private Exchange checked(Exchange inner) {
        long expected = expectedBytes;
        return buffer -> {
            long n = inner.run(buffer);
            if (n != expected) {
                throw new IllegalStateException(name + " read " + n + " body bytes, expected " + expected);
            }
            return n;
        };
    }

    @Override
    public void close() {
        Exchange e = exchange;
        exchange = null;
        if (e != null) {
            try {
                e.close();
            } catch (RuntimeException ignored) {
                // Closing is best effort: the run goes on with the other clients either way.
            }
        }
    }
}
