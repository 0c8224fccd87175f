package dev.spool.cookies;

import dev.spool.Url;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The default cookie jar: RFC 6265 in memory, thread-safe. Cookies are matched by domain (host-only
 * or domain cookies), path and {@code Secure}; they expire by {@code Max-Age} or {@code Expires}
 * against the jar's clock; {@code Domain} set to a public suffix is refused (see {@link Cookie#parse},
 * whose public-suffix guard is a short list, not the full Public Suffix List). To bound the memory a
 * hostile server can take, it keeps at most {@value #MAX_PER_DOMAIN} cookies per domain and
 * {@value #MAX_COOKIES} in all (RFC 6265 section 6.1's minimums), dropping the oldest first.
 */
public final class MemoryCookieJar implements CookieJar {
    /** Cookies kept in all: RFC 6265 section 6.1 asks for at least 3000. */
    public static final int MAX_COOKIES = 3000;
    /** Cookies kept per domain: RFC 6265 section 6.1 asks for at least 50. */
    public static final int MAX_PER_DOMAIN = 50;

    private static final Comparator<Entry> SEND_ORDER =
            Comparator.comparingInt((Entry e) -> -e.cookie.path().length()).thenComparingLong(e -> e.created);

    private final Clock clock;
    /** Guards {@link #entries} and {@link #sequence}; never held during I/O. */
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Entry> entries = new ArrayList<>();
    /** The entry count, read without the lock so an empty jar costs nothing per request. */
    private volatile int size;
    private long sequence;

    /** A jar on the system clock. */
    public MemoryCookieJar() {
        this(Clock.systemUTC());
    }

    /** A jar on the given clock (tests pass a fixed one to check expiry without waiting). */
    public MemoryCookieJar(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void saveFromResponse(Url url, List<String> setCookieHeaders) {
        Instant now = clock.instant();
        for (String header : setCookieHeaders) {
            Cookie c = Cookie.parse(url, header, now);
            if (c != null) {
                store(c, now);
            }
        }
    }

    @Override
    public List<Cookie> loadForRequest(Url url) {
        if (size == 0) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Entry> found = null;
        lock.lock();
        try {
            for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (e.cookie.isExpired(now)) {
                    it.remove();
                } else if (e.cookie.matches(url)) {
                    if (found == null) {
                        found = new ArrayList<>(4);
                    }
                    found.add(e);
                }
            }
            size = entries.size();
        } finally {
            lock.unlock();
        }
        if (found == null) {
            return List.of();
        }
        // RFC 6265 section 5.4 step 2: longer paths first, then earlier creation first.
        found.sort(SEND_ORDER);
        List<Cookie> out = new ArrayList<>(found.size());
        for (Entry e : found) {
            out.add(e.cookie);
        }
        return out;
    }

    @Override
    public void add(Cookie cookie) {
        store(Objects.requireNonNull(cookie, "cookie"), clock.instant());
    }

    @Override
    public List<Cookie> all() {
        Instant now = clock.instant();
        List<Cookie> out = new ArrayList<>();
        lock.lock();
        try {
            entries.removeIf(e -> e.cookie.isExpired(now));
            size = entries.size();
            for (Entry e : entries) {
                out.add(e.cookie);
            }
        } finally {
            lock.unlock();
        }
        return out;
    }

    @Override
    public void clear() {
        lock.lock();
        try {
            entries.clear();
            size = 0;
        } finally {
            lock.unlock();
        }
    }

    /** RFC 6265 section 5.3 step 11: replace the cookie of the same name, domain and path, keeping its creation time. */
    private void store(Cookie c, Instant now) {
        lock.lock();
        try {
            long created = -1;
            for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
                Entry e = it.next();
                if (e.cookie.sameIdentity(c)) {
                    created = e.created;
                    it.remove();
                    break;
                }
            }
            if (!c.isExpired(now)) { // an expiry in the past deletes the cookie
                entries.add(new Entry(c, created >= 0 ? created : sequence++));
                enforceLimits(c.domain(), now);
            }
            size = entries.size();
        } finally {
            lock.unlock();
        }
    }

    private void enforceLimits(String domain, Instant now) {
        if (countDomain(domain) > MAX_PER_DOMAIN || entries.size() > MAX_COOKIES) {
            entries.removeIf(e -> e.cookie.isExpired(now));
        }
        while (countDomain(domain) > MAX_PER_DOMAIN) {
            removeOldest(domain);
        }
        while (entries.size() > MAX_COOKIES) {
            removeOldest(null);
        }
    }

    private int countDomain(String domain) {
        int n = 0;
        for (Entry e : entries) {
            if (e.cookie.domain().equals(domain)) {
                n++;
            }
        }
        return n;
    }

    private void removeOldest(String domain) {
        int oldest = -1;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if ((domain == null || e.cookie.domain().equals(domain))
                    && (oldest < 0 || e.created < entries.get(oldest).created)) {
                oldest = i;
            }
        }
        entries.remove(oldest);
    }

    @Override
    public String toString() {
        return "MemoryCookieJar" + all();
    }

    /** A stored cookie and its creation order (kept when a server replaces the cookie). */
    private static final class Entry {
        final Cookie cookie;
        final long created;

        Entry(Cookie cookie, long created) {
            this.cookie = cookie;
            this.created = created;
        }
    }
}
