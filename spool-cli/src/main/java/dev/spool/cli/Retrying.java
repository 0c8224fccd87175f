package dev.spool.cli;

import dev.spool.Body;
import dev.spool.Response;
import dev.spool.SpoolException;
import dev.spool.retry.Retry;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Sends one request, and again as a {@link Retry} policy decides, around the whole call. Each attempt
 * follows its redirects inside the library, so redirects never spend the retry budget, as with curl's
 * {@code --retry} and requests' adapter (the library's own retry stage counts redirects in its total,
 * as urllib3 does, which would make {@code --retry 1} fail on a two-hop redirect). The decisions are
 * the policy's pure functions; this loop only waits, tells the user, and counts attempts.
 */
final class Retrying {
    /**
     * A response and how many attempts it took.
     *
     * @param response the last response
     * @param attempts 1 when the first attempt answered
     */
    record Outcome(Response response, int attempts) {
    }

    private final Retry policy;
    private final int retries;
    private final PrintStream err;

    /**
     * @param policy the policy, or null to send once
     * @param retries the {@code --retry} value, for messages
     * @param err where each retry is announced
     */
    Retrying(Retry policy, int retries, PrintStream err) {
        this.policy = policy;
        this.retries = retries;
        this.err = err;
    }

    /**
     * Sends with {@code attempt} until a response that is not retried, or until the policy gives up.
     *
     * @param method the request method (the policy retries read errors and statuses of idempotent ones)
     * @param body the request body, or null (a one-shot body is never resent)
     * @param attempt sends the request once
     * @throws CliException with the last error's exit code when the attempts ran out, naming them
     */
    Outcome send(String method, Body body, Supplier<Response> attempt) {
        if (policy == null) {
            return new Outcome(attempt.get(), 1);
        }
        boolean replayable = body == null || body.isReplayable();
        Retry retry = policy;
        int attempts = 1;
        while (true) {
            Response response;
            try {
                response = attempt.get();
            } catch (SpoolException e) {
                Retry.Failure kind = Retry.classify(e);
                Retry.Decision d = retry.onError(method, kind, replayable, random());
                if (!d.retry()) {
                    if (kind == null) {
                        throw e; // TLS, a pool timeout, a refused request: no retry would fix it
                    }
                    Failure f = Failure.of(e);
                    throw new CliException(f.exitCode(), f.message() + (d.exhausted()
                            ? "; gave up after " + attempts(attempts) + " (--retry " + retries + ")"
                            : "; not retried: " + d.reason()), e);
                }
                announce(Failure.of(e).message(), d.delay(), attempts);
                waitFor(retry, d.delay());
                retry = d.next();
                attempts++;
                continue;
            }
            String retryAfter = response.header("Retry-After");
            if (!retry.isRetry(method, response.status(), retryAfter != null)) {
                return new Outcome(response, attempts); // the common case
            }
            Retry.Decision d = retry.onResponse(method, response.status(), retryAfter, replayable,
                    retry.clock().instant(), random());
            String status = "HTTP " + response.status() + (response.reason().isEmpty() ? "" : " " + response.reason())
                    + " from " + response.url();
            if (!d.retry()) {
                if (d.exhausted()) {
                    err.println("spool: " + status + " after " + attempts(attempts) + " (--retry " + retries + "); giving up");
                    err.flush();
                }
                return new Outcome(response, attempts);
            }
            response.close(); // drains a small body, so the next attempt reuses the connection
            announce(status, d.delay(), attempts);
            waitFor(retry, d.delay());
            retry = d.next();
            attempts++;
        }
    }

    private void announce(String what, Duration delay, int attempts) {
        err.println("spool: " + what + "; retrying " + (delay.isZero() ? "at once" : "in " + seconds(delay))
                + " (attempt " + (attempts + 1) + " of " + (retries + 1) + ")");
        err.flush();
    }

    /** {@code 1 s}, {@code 0.5 s}, {@code 2.25 s}: the wait as a person writes it, to the hundredth. */
    static String seconds(Duration d) {
        BigDecimal s = BigDecimal.valueOf(d.toNanos(), 9).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return s.toPlainString() + " s";
    }

    /** {@code 1 attempt}, {@code 3 attempts}. */
    static String attempts(int n) {
        return n + (n == 1 ? " attempt" : " attempts");
    }

    private static double random() {
        return ThreadLocalRandom.current().nextDouble();
    }

    private static void waitFor(Retry retry, Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            retry.sleeper().sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.OTHER, "interrupted while waiting " + seconds(delay) + " to retry", e);
        }
    }
}
