package dev.spool.it;

import dev.spool.Body;
import dev.spool.ConnectionException;
import dev.spool.ReadTimeoutException;
import dev.spool.RequestBuilder;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.SpoolException;
import dev.spool.testkit.Fault;
import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import dev.spool.testkit.RecordedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One stress run: many workers share one session against a MockServer that randomly answers
 * normally, with an error status, by closing (announced or silently), by dropping or resetting the
 * connection, or after a short stall, while the client sets random per-request timeouts and closes
 * streamed responses early. Every request's action is drawn from a seeded {@link Random} per worker
 * and written into its URL, so the server's answer follows from the request alone. Each outcome is
 * checked against what its action allows; anything else is collected as unexpected.
 */
final class StressRun {
    /** What the server is asked to do with a request. */
    enum Action { OK, ERROR, CLOSE, SILENT_CLOSE, DROP, RESET, STALL }

    /** Body sizes: empty, small, a few KiB, and above the 64 KiB a close drains (so early closes discard). */
    static final int[] SIZES = {0, 100, 5_000, 70_000};
    /** Stall lengths: one well inside every timeout, one past the short timeouts. */
    static final int[] STALL_MILLIS = {20, 400};
    /** Short per-request timeouts, used only with stalls. */
    static final int[] SHORT_TIMEOUT_MILLIS = {100, 200};
    /** Timeouts for everything else: long enough that a loaded machine never hits them. */
    static final Duration LONG_TIMEOUT = Duration.ofSeconds(30);

    final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong earlyCloses = new AtomicLong();

    private final Session session;
    private final MockServer server;
    private final long seed;

    StressRun(Session session, MockServer server, long seed) {
        this.session = session;
        this.server = server;
        this.seed = seed;
        server.dispatcher(StressRun::answer);
    }

    /** The server's side: the action named in the path, sized and timed by the query. */
    static MockResponse answer(RecordedRequest r) {
        String path = r.path();
        String q = r.query() == null ? "" : r.query();
        int size = q.startsWith("size=") ? Integer.parseInt(q.substring(5)) : 0;
        switch (path) {
            case "/ok":
                return new MockResponse().bodyOfSize(size);
            case "/okc":
                return new MockResponse().bodyOfSize(size).chunked(4096);
            case "/error":
                return new MockResponse().status(500).body("error");
            case "/close":
                return new MockResponse().bodyOfSize(size).closeConnection();
            case "/silent":
                return new MockResponse().bodyOfSize(size).fault(Fault.CLOSE_AFTER_RESPONSE);
            case "/drop":
                return new MockResponse().fault(Fault.DISCONNECT_AFTER_REQUEST);
            case "/reset":
                return new MockResponse().bodyOfSize(20_000).fault(Fault.RESET_MID_BODY);
            case "/stall":
                return new MockResponse().bodyOfSize(100).headersDelay(Duration.ofMillis(Long.parseLong(q.substring(3))));
            default:
                return new MockResponse().status(404).body("no such action " + path);
        }
    }

    /**
     * Runs {@code tasks} tasks of {@code perTask} requests each on the executor and waits for them, at
     * most until {@code deadlineNanos}.
     *
     * @return how long it took
     */
    Duration run(ExecutorService executor, int tasks, int perTask, long deadlineNanos) throws Exception {
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            Random random = new Random(seed * 1_000_003L + t);
            futures.add(executor.submit(() -> {
                for (int i = 0; i < perTask && System.nanoTime() - deadlineNanos < 0; i++) {
                    one(random);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private void one(Random random) {
        Action action = pick(random);
        boolean post = random.nextInt(8) == 0;
        boolean stream = random.nextInt(4) == 0;
        int size = SIZES[random.nextInt(SIZES.length)];
        String url;
        Duration timeout = LONG_TIMEOUT;
        switch (action) {
            case OK:
                url = server.url((random.nextBoolean() ? "/ok" : "/okc") + "?size=" + size);
                break;
            case CLOSE:
                url = server.url("/close?size=" + size);
                break;
            case SILENT_CLOSE:
                url = server.url("/silent?size=" + size);
                break;
            case STALL: {
                int stall = STALL_MILLIS[random.nextInt(STALL_MILLIS.length)];
                url = server.url("/stall?ms=" + stall);
                timeout = random.nextBoolean() ? Duration.ofMillis(SHORT_TIMEOUT_MILLIS[random.nextInt(2)]) : LONG_TIMEOUT;
                size = 100;
                break;
            }
            case RESET:
                url = server.url("/reset");
                size = 20_000;
                break;
            case ERROR:
                url = server.url("/error");
                size = 5; // "error"
                break;
            default:
                url = server.url("/" + action.name().toLowerCase(java.util.Locale.ROOT));
                break;
        }
        int readFirst = stream && random.nextBoolean() ? random.nextInt(size + 1) : -1; // early close after this many
        requests.incrementAndGet();
        String what = action + (post ? " POST" : " GET") + (stream ? " streamed" : "");
        RequestBuilder rb = session.request(post ? "POST" : "GET", url).timeout(timeout).stream(stream);
        if (post) {
            rb.body(Body.text("stress"));
        }
        try {
            if (!stream) {
                Response r = rb.send();
                check(action, what, r.status(), r.bytes(), size, false);
                return;
            }
            try (Response r = rb.send()) {
                InputStream in = r.inputStream();
                byte[] got = readUpTo(in, readFirst >= 0 ? readFirst : Integer.MAX_VALUE);
                boolean early = readFirst >= 0 && readFirst < size;
                if (early) {
                    earlyCloses.incrementAndGet();
                }
                check(action, what, r.status(), got, size, early);
            } // an early close: drains up to 64 KiB or discards the connection
        } catch (SpoolException e) {
            failure(action, what, post, e);
        } catch (UncheckedIOException e) {
            if (e.getCause().getCause() instanceof SpoolException) {
                failure(action, what, post, (SpoolException) e.getCause().getCause());
            } else {
                unexpected(what + ": " + e);
            }
        } catch (RuntimeException | Error e) {
            unexpected(what + ": " + e);
        }
    }

    private static Action pick(Random random) {
        int r = random.nextInt(100);
        if (r < 70) {
            return Action.OK;
        } else if (r < 76) {
            return Action.ERROR;
        } else if (r < 81) {
            return Action.CLOSE;
        } else if (r < 86) {
            return Action.SILENT_CLOSE;
        } else if (r < 90) {
            return Action.DROP;
        } else if (r < 94) {
            return Action.RESET;
        }
        return Action.STALL;
    }

    private static byte[] readUpTo(InputStream in, int max) {
        try {
            return in.readNBytes(max);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response: its status and body must be what the action asked for. */
    private void check(Action action, String what, int status, byte[] body, int size, boolean early) {
        switch (action) {
            case ERROR:
                if (status != 500 || !"error".startsWith(new String(body, java.nio.charset.StandardCharsets.US_ASCII))
                        || !early && body.length != 5) {
                    unexpected(what + ": status " + status + ", " + body.length + " bytes");
                    return;
                }
                count(early ? "status 500, closed early" : "status 500");
                return;
            case DROP:
            case RESET:
                // The server fails mid-way: only a response closed before that point may look whole.
                if (!early) {
                    unexpected(what + ": a response (" + status + ", " + body.length + " bytes) where the server failed");
                    return;
                }
                break;
            default:
                break;
        }
        if (status != 200) {
            unexpected(what + ": status " + status);
            return;
        }
        if (!early && body.length != size) {
            unexpected(what + ": " + body.length + " body bytes of " + size);
            return;
        }
        for (int i = 0; i < body.length; i++) {
            if (body[i] != MockResponse.generatedByte(i)) {
                unexpected(what + ": wrong body byte at " + i);
                return;
            }
        }
        count(early ? "ok, closed early" : "ok");
    }

    /** A failure: its type must be one the action allows. */
    private void failure(Action action, String what, boolean post, SpoolException e) {
        String type = e.getClass().getSimpleName();
        boolean allowed;
        switch (action) {
            case DROP:
            case RESET:
                allowed = e instanceof ConnectionException;
                break;
            case STALL:
                allowed = e instanceof ReadTimeoutException
                        || post && isPostNotRetried(e);
                break;
            default:
                // A POST on a pooled connection that the server had just closed silently is not
                // retried (not idempotent): the keep-alive race, named in the message.
                allowed = post && isPostNotRetried(e);
                break;
        }
        if (!allowed) {
            unexpected(what + ": " + e);
            return;
        }
        count(type + (isPostNotRetried(e) ? " (POST not retried)" : ""));
    }

    private static boolean isPostNotRetried(SpoolException e) {
        return e instanceof ConnectionException && e.getMessage().contains("not retried because POST is not idempotent");
    }

    private void count(String key) {
        outcomes.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    private void unexpected(String what) {
        count("UNEXPECTED");
        if (unexpected.size() < 20) {
            unexpected.add(what);
        }
    }

    /** The outcomes, sorted by name, for the report. */
    Map<String, Long> outcomeCounts() {
        Map<String, Long> out = new TreeMap<>();
        outcomes.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** File descriptors this process has open now (Linux). */
    static long openFds() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    /**
     * Waits (bounded, polling) until at most {@code baseline} descriptors are open, and returns the
     * last count: sockets close synchronously, so this only absorbs a JVM-internal descriptor that
     * closes a moment later.
     */
    static long awaitFdsAtMost(long baseline, Duration bound) throws IOException {
        long deadline = System.nanoTime() + bound.toNanos();
        long n = openFds();
        while (n > baseline && System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
            n = openFds();
        }
        return n;
    }
}
