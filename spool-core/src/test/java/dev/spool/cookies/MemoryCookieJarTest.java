package dev.spool.cookies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Url;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The default jar: storage, replacement, send order, expiry on a clock we move by hand, limits, threads. */
@Timeout(20)
class MemoryCookieJarTest {
    /** A clock the test moves; no sleeping. */
    static final class MovableClock extends Clock {
        volatile Instant now = Instant.parse("2025-06-01T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final MemoryCookieJar jar = new MemoryCookieJar(clock);

    private void set(String url, String... headers) {
        jar.saveFromResponse(Url.parse(url), List.of(headers));
    }

    private String header(String url) {
        StringBuilder sb = new StringBuilder();
        for (Cookie c : jar.loadForRequest(Url.parse(url))) {
            sb.append(sb.length() == 0 ? "" : "; ").append(c.name()).append('=').append(c.value());
        }
        return sb.toString();
    }

    @Test
    void hostOnlyAndDomainCookiesGoWhereTheyShould() {
        set("http://www.example.org/", "host=1", "dom=2; Domain=example.org");
        assertEquals("host=1; dom=2", header("http://www.example.org/"));
        assertEquals("dom=2", header("http://api.example.org/"));
        assertEquals("dom=2", header("http://example.org/"));
        assertEquals("", header("http://example.com/"));
    }

    @Test
    void longerPathsFirstThenOlderFirst() {
        set("http://example.org/", "a=1; Path=/", "b=2; Path=/docs", "c=3; Path=/docs/api");
        clock.now = clock.now.plusSeconds(1);
        set("http://example.org/", "d=4; Path=/");
        assertEquals("c=3; b=2; a=1; d=4", header("http://example.org/docs/api/x"));
        assertEquals("a=1; d=4", header("http://example.org/other"));
    }

    @Test
    void aCookieOfTheSameNameDomainAndPathIsReplacedAndKeepsItsPlace() {
        set("http://example.org/", "a=1", "b=2");
        set("http://example.org/", "a=changed");
        assertEquals("a=changed; b=2", header("http://example.org/"));
        set("http://example.org/", "a=other; Path=/x");
        assertEquals(3, jar.all().size(), "a different path is a different cookie");
    }

    @Test
    void expiryFollowsTheClock() {
        set("http://example.org/", "short=1; Max-Age=60", "long=2; Expires=Wed, 09 Jun 2027 10:18:14 GMT", "session=3");
        assertEquals("short=1; long=2; session=3", header("http://example.org/"));
        clock.now = clock.now.plus(Duration.ofSeconds(60));
        assertEquals("long=2; session=3", header("http://example.org/"), "Max-Age=60 is gone after 60 s");
        clock.now = Instant.parse("2027-06-09T10:18:14Z");
        assertEquals("session=3", header("http://example.org/"));
    }

    @Test
    void anExpiredSetCookieDeletesTheCookie() {
        set("http://example.org/", "a=1", "b=2");
        set("http://example.org/", "a=; Max-Age=0");
        set("http://example.org/", "b=; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
        assertEquals("", header("http://example.org/"));
        assertTrue(jar.all().isEmpty());
    }

    @Test
    void secureCookiesGoOverHttpsOnly() {
        set("https://example.org/", "s=1; Secure", "p=2");
        assertEquals("p=2", header("http://example.org/"));
        assertEquals("s=1; p=2", header("https://example.org/"));
    }

    @Test
    void publicSuffixCookiesAreRefused() {
        set("http://www.example.co.uk/", "bad=1; Domain=co.uk", "good=2; Domain=example.co.uk");
        assertEquals("good=2", header("http://other.example.co.uk/"));
        assertEquals("", header("http://victim.co.uk/"));
    }

    @Test
    void getAddAndClear() {
        set("http://example.org/", "a=1");
        jar.add(Cookie.builder("manual", "x").domain("example.org").build());
        assertEquals("1", jar.get("a"));
        assertEquals("x", jar.get("manual"));
        assertNull(jar.get("missing"));
        jar.clear();
        assertTrue(jar.all().isEmpty());
        assertEquals("", header("http://example.org/"));
    }

    @Test
    void limitsDropTheOldestCookiesOfADomain() {
        for (int i = 0; i < MemoryCookieJar.MAX_PER_DOMAIN + 10; i++) {
            set("http://example.org/", "c" + i + "=" + i);
        }
        List<Cookie> all = jar.all();
        assertEquals(MemoryCookieJar.MAX_PER_DOMAIN, all.size());
        assertNull(jar.get("c0"), "the oldest went first");
        assertEquals("59", jar.get("c59"));
    }

    @Test
    void manyThreadsSetAndReadAtOnce() throws Exception {
        int threads = 4;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                String host = "h" + t + ".example.org";
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        set("http://" + host + "/", "k" + (i % 40) + "=" + i);
                        jar.loadForRequest(Url.parse("http://" + host + "/"));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(15, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * 40, jar.all().size());
        assertEquals(40, jar.loadForRequest(Url.parse("http://h1.example.org/")).size());
    }
}
