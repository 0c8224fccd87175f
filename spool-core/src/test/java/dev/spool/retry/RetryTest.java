package dev.spool.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.ConnectFailedException;
import dev.spool.ConnectTimeoutException;
import dev.spool.ConnectionException;
import dev.spool.InvalidRequestException;
import dev.spool.PoolTimeoutException;
import dev.spool.ProtocolException;
import dev.spool.ReadTimeoutException;
import dev.spool.SpoolException;
import dev.spool.TlsException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The retry decision as a pure function: tables of (policy, attempt outcome) to (retry?, wait). */
@Timeout(10)
class RetryTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private static final Map<String, Retry> POLICIES = Map.of(
            "force", Retry.builder().total(3).statusForcelist(500, 502, 503).backoffFactor(0.5).build(),
            "default", Retry.builder().build(),
            "noRespect", Retry.builder().respectRetryAfter(false).build(),
            "anyMethod", Retry.builder().statusForcelist(503).anyMethod().build(),
            "zero", Retry.of(0));

    @ParameterizedTest(name = "{0}: {1} {2} Retry-After={3} -> retry {4}, wait {5} ms")
    @CsvSource(nullValues = "null", value = {
        "force, GET, 503, null, true, 0",                           // the first retry goes at once
        "force, GET, 200, null, false, 0",
        "force, GET, 404, null, false, 0",
        "force, POST, 503, null, false, 0",                         // POST is not an allowed method
        "force, PUT, 502, null, true, 0",
        "force, GET, 503, 3, true, 3000",                           // Retry-After in seconds
        "force, GET, 503, 'Sun, 01 Jun 2025 12:00:10 GMT', true, 10000",   // or as an HTTP date
        "force, GET, 503, 'Sun, 01 Jun 2025 11:00:00 GMT', true, 0",       // a date in the past: at once
        "force, GET, 503, soon, true, 0",                           // unreadable: the backoff instead
        "force, GET, 502, 3, true, 0",                              // Retry-After only for 413, 429, 503
        "force, GET, 503, 100000, true, 120000",                    // capped at retryAfterMax
        "default, GET, 429, 2, true, 2000",                         // 429 with Retry-After is retried unasked
        "default, GET, 413, 1, true, 1000",
        "default, GET, 429, null, false, 0",
        "default, GET, 500, 1, false, 0",
        "default, POST, 429, 2, false, 0",
        "noRespect, GET, 429, 2, false, 0",
        "anyMethod, POST, 503, null, true, 0",
        "zero, GET, 429, 2, false, 0",                              // total 0: nothing is retried
    })
    void responseDecisions(String policy, String method, int status, String retryAfter, boolean retry, long waitMillis) {
        Retry.Decision d = POLICIES.get(policy).onResponse(method, status, retryAfter, true, NOW, 0.0);
        assertEquals(retry, d.retry(), d.reason());
        assertEquals(Duration.ofMillis(waitMillis), d.delay());
        assertFalse(d.exhausted());
    }

    @ParameterizedTest(name = "{0} {1} (body replayable: {2}) -> retry {3}")
    @CsvSource(nullValues = "null", value = {
        "GET, CONNECT, true, true",
        "POST, CONNECT, true, true",      // nothing was sent: any method may go again
        "POST, CONNECT, false, true",     // even with a one-shot body, which was not read yet
        "GET, READ, true, true",
        "POST, READ, true, false",        // the server may have acted on it
        "PUT, READ, false, false",        // a one-shot body cannot be sent again
        "GET, null, true, false",         // an error no retry can fix
    })
    void errorDecisions(String method, Retry.Failure failure, boolean replayable, boolean retry) {
        Retry.Decision d = Retry.of(3).onError(method, failure, replayable, 0.0);
        assertEquals(retry, d.retry(), d.reason());
        assertFalse(d.exhausted());
    }

    @Test
    void errorsAreClassified() {
        assertEquals(Retry.Failure.CONNECT, Retry.classify(new ConnectTimeoutException("t")));
        assertEquals(Retry.Failure.CONNECT, Retry.classify(new ConnectFailedException("refused")));
        assertEquals(Retry.Failure.READ, Retry.classify(new ReadTimeoutException("t")));
        assertEquals(Retry.Failure.READ, Retry.classify(new ProtocolException("garbage")));
        assertEquals(Retry.Failure.READ, Retry.classify(new ConnectionException("reset")));
        assertNull(Retry.classify(new TlsException("bad certificate", null)));
        assertNull(Retry.classify(new PoolTimeoutException("pool")));
        assertNull(Retry.classify(new InvalidRequestException("bad url")));
        assertNull(Retry.classify(new SpoolException("other")));
    }

    @Test
    void backoffGrowsExponentiallyUpToTheMaximum() {
        Retry r = Retry.builder().total(null).statusForcelist(503).backoffFactor(0.5).backoffMax(Duration.ofSeconds(3)).build();
        long[] expected = {0, 1000, 2000, 3000, 3000};
        for (long millis : expected) {
            Retry.Decision d = r.onResponse("GET", 503, null, true, NOW, 0.0);
            assertTrue(d.retry());
            assertEquals(Duration.ofMillis(millis), d.delay());
            r = d.next();
        }
        assertEquals(5, r.retries());
    }

    @Test
    void jitterAddsARandomPartOfItsRange() {
        Retry r = Retry.builder().statusForcelist(503).backoffFactor(1).backoffJitter(Duration.ofSeconds(1)).build();
        Retry second = r.onResponse("GET", 503, null, true, NOW, 0.0).next();
        assertEquals(Duration.ofMillis(2500), second.onResponse("GET", 503, null, true, NOW, 0.5).delay());
        assertEquals(Duration.ofMillis(2000), second.onResponse("GET", 503, null, true, NOW, 0.0).delay());
    }

    @Test
    void aRedirectResetsTheBackoff() {
        Retry r = Retry.builder().statusForcelist(503).backoffFactor(1).build();
        r = r.onResponse("GET", 503, null, true, NOW, 0).next();
        assertEquals(Duration.ofSeconds(2), r.onResponse("GET", 503, null, true, NOW, 0).delay());
        r = r.onRedirect().next();
        assertEquals(Duration.ZERO, r.onResponse("GET", 503, null, true, NOW, 0).delay());
    }

    @ParameterizedTest(name = "{0}: {1} retries allowed")
    @CsvSource({
        // budgets (total/connect/read/status/redirect, - for none) | outcome kind | retries before exhausted
        "3/-/-/-/-, CONNECT, 3, total",
        "5/1/-/-/-, CONNECT, 1, connect",
        "5/-/0/-/-, READ, 0, read",
        "-/-/2/-/-, READ, 2, read",
        "5/-/-/2/-, STATUS, 2, status",
        "1/-/-/5/-, STATUS, 1, total",
        "-/-/-/-/2, REDIRECT, 2, redirect",
        "4/-/-/-/-, REDIRECT, 4, total",
        "0/-/-/-/-, CONNECT, 0, total",
    })
    void budgetsRunOut(String budgets, String kind, int allowed, String budgetName) {
        String[] b = budgets.split("/");
        Retry r = Retry.builder().total(n(b[0])).connect(n(b[1])).read(n(b[2])).status(n(b[3])).redirect(n(b[4]))
                .statusForcelist(503).build();
        for (int i = 0; i <= allowed; i++) {
            Retry.Decision d;
            switch (kind) {
                case "CONNECT":
                    d = r.onError("GET", Retry.Failure.CONNECT, true, 0);
                    break;
                case "READ":
                    d = r.onError("GET", Retry.Failure.READ, true, 0);
                    break;
                case "STATUS":
                    d = r.onResponse("GET", 503, null, true, NOW, 0);
                    break;
                default:
                    d = r.onRedirect();
                    break;
            }
            if (i < allowed) {
                assertTrue(d.retry(), "attempt " + i + ": " + d.reason());
                r = d.next();
            } else {
                assertFalse(d.retry());
                assertTrue(d.exhausted());
                assertTrue(d.reason().startsWith(budgetName + " budget exhausted"), d.reason());
            }
        }
    }

    private static Integer n(String s) {
        return s.equals("-") ? null : Integer.valueOf(s);
    }

    @ParameterizedTest(name = "Retry-After: {0} -> {1}")
    @CsvSource(nullValues = "null", value = {
        "0, PT0S",
        "120, PT2M",
        "' 7 ', PT7S",
        "'Sun, 01 Jun 2025 12:01:00 GMT', PT1M",
        "'Sunday, 01-Jun-25 12:00:30 GMT', PT30S",
        "'Sun Jun  1 12:00:05 2025', PT5S",
        "-1, null",
        "1.5, null",
        "later, null",
    })
    void retryAfterValues(String value, String expected) {
        assertEquals(expected == null ? null : Duration.parse(expected), Retry.parseRetryAfter(value, NOW));
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Retry.builder().total(-1))
                .getMessage().contains("total"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Retry.builder().statusForcelist(42))
                .getMessage().contains("42"));
        assertThrows(IllegalArgumentException.class, () -> Retry.builder().backoffFactor(-1));
        assertThrows(IllegalArgumentException.class, () -> Retry.builder().backoffFactor(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Retry.builder().backoffMax(Duration.ofSeconds(-1)));
    }

    @Test
    void defaultsAreUrllib3s() {
        Retry r = Retry.builder().build();
        assertEquals(10, r.total());
        assertNull(r.connect());
        assertTrue(r.statusForcelist().isEmpty());
        assertEquals(Retry.DEFAULT_ALLOWED_METHODS, r.allowedMethods());
        assertTrue(r.isMethodAllowed("PUT"));
        assertFalse(r.isMethodAllowed("POST"));
        assertFalse(r.isMethodAllowed("PATCH"));
        assertTrue(r.raiseOnStatus());
    }
}
