package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Headers;
import dev.spool.Request;
import dev.spool.Url;
import dev.spool.auth.Auth;
import dev.spool.retry.Retry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy behind --retry N and the -u grammar: pure decisions, tabled, no sockets. */
class RetryPolicyTest {
    @Test
    void backoffIsAtOnceThenDoublesFromOneSecondUntilTheBudgetIsSpent() {
        List<Duration> waits = new ArrayList<>();
        Retry r = RetryOptions.policy(5);
        while (true) {
            Retry.Decision d = r.onError("GET", Retry.Failure.CONNECT, true, 0.5);
            if (!d.retry()) {
                assertTrue(d.exhausted(), d.reason());
                break;
            }
            waits.add(d.delay());
            r = d.next();
        }
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8)), waits, "--retry 5: five retries, no jitter");
    }

    @ParameterizedTest(name = "{0} {1}: retried {2}")
    @CsvSource({
        "GET, 408, true", "GET, 429, true", "GET, 500, true", "GET, 502, true", "GET, 503, true", "GET, 504, true",
        "PUT, 503, true", "DELETE, 500, true", "HEAD, 504, true",
        "GET, 501, false", "GET, 404, false", "GET, 200, false",
        "POST, 503, false", "PATCH, 502, false",
    })
    void transientStatusesOfIdempotentMethods(String method, int status, boolean retried) {
        Retry.Decision d = RetryOptions.policy(1).onResponse(method, status, null, true, Instant.EPOCH, 0);
        assertEquals(retried, d.retry(), d.reason());
    }

    @Test
    void readErrorsOnlyForIdempotentMethodsAndConnectErrorsForAny() {
        Retry r = RetryOptions.policy(1);
        assertTrue(r.onError("PUT", Retry.Failure.READ, true, 0).retry());
        assertFalse(r.onError("POST", Retry.Failure.READ, true, 0).retry());
        assertTrue(r.onError("POST", Retry.Failure.CONNECT, true, 0).retry(), "nothing was sent: safe for any method");
        assertEquals(Duration.ofSeconds(7), r.onResponse("GET", 503, "7", true, Instant.EPOCH, 0).delay(),
                "Retry-After wins over the backoff");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0, 0 s", "1000000000, 1 s", "500000000, 0.5 s", "2250000000, 2.25 s", "1234567, 0 s", "120000000000, 120 s"})
    void waitsAreWrittenAsAPersonWritesThem(long nanos, String text) {
        assertEquals(text, Retrying.seconds(Duration.ofNanos(nanos)));
    }

    @Test
    void userIsSplitAtTheFirstColonAndAMissingPasswordIsAskedForOrRefused() {
        AuthOptions o = new AuthOptions();
        o.user = "alice:pa:ss";
        assertEquals(Auth.basic("alice", "pa:ss").apply(request()).headers().get("Authorization"), o.auth((AuthOptions.PasswordPrompt) null)
                .apply(request()).headers().get("Authorization"));
        o.user = "alice:";
        assertEquals(Auth.basic("alice", "").apply(request()).headers().get("Authorization"), o.auth((AuthOptions.PasswordPrompt) null)
                .apply(request()).headers().get("Authorization"), "an empty password is a password: nothing is asked");

        o.user = "alice";
        List<String> asked = new ArrayList<>();
        assertEquals(Auth.basic("alice", "typed").apply(request()).headers().get("Authorization"), o.auth(u -> {
            asked.add(u);
            return "typed".toCharArray();
        }).apply(request()).headers().get("Authorization"));
        assertEquals(List.of("alice"), asked);
        assertEquals("no password entered for -u alice",
                assertThrows(CliException.class, () -> o.auth(u -> null)).getMessage());
        o.user = ":secret";
        assertEquals("-u ':secret' has no user name before the ':'",
                assertThrows(CliException.class, () -> o.auth((AuthOptions.PasswordPrompt) null)).getMessage());
    }

    private static Request request() {
        return new Request("GET", Url.parse("http://h/"), Headers.EMPTY, null, null);
    }
}
