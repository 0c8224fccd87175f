package dev.spool.cli;

import dev.spool.retry.Retry;
import java.io.PrintStream;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --retry N}: up to N more attempts after a transient failure, decided by the library's
 * {@link Retry} policy (urllib3's rules) with curl's notion of "transient" and a curl-like backoff.
 */
final class RetryOptions {
    /**
     * The statuses retried: the responses curl's {@code --retry} calls transient (its manual: "an HTTP 408,
     * 429, 500, 502, 503 or 504 response code"). The policy also retries a 413 that carries
     * {@code Retry-After}, and waits as {@code Retry-After} asks on 413, 429 and 503 (at most 120 s,
     * urllib3's cap).
     */
    static final Integer[] TRANSIENT_STATUSES = {408, 429, 500, 502, 503, 504};
    /**
     * The backoff factor in seconds: urllib3's formula {@code factor × 2^(n-1)} then waits 0 s (the
     * first retry goes at once), 1 s, 2 s, 4 s...: curl's doubling from 1 s, after a first retry
     * without a wait.
     */
    static final double BACKOFF_FACTOR = 0.5;
    /** The longest wait between attempts: curl's cap on its doubling backoff, 10 minutes. */
    static final Duration BACKOFF_MAX = Duration.ofMinutes(10);

    @Option(names = "--retry", paramLabel = "N",
            description = "Retry up to N times after a connect error (any method), or a timeout, a broken connection or "
                    + "a 408, 429, 500, 502, 503 or 504 (idempotent methods); waits 0 s, 1 s, 2 s, 4 s..., or as "
                    + "Retry-After says.")
    int retries;

    /** The policy for {@code --retry n}: n retries in all, the transient statuses, curl-like backoff. */
    static Retry policy(int n) {
        return Retry.builder()
                .total(n)
                .statusForcelist(TRANSIENT_STATUSES)
                .backoffFactor(BACKOFF_FACTOR)
                .backoffMax(BACKOFF_MAX)
                .build();
    }

    /** The loop that sends each request as {@code --retry} allows, telling {@code err} about each retry. */
    Retrying retrying(PrintStream err) {
        if (retries < 0) {
            throw CliException.usage("--retry must be 0 or more, got " + retries);
        }
        return new Retrying(retries == 0 ? null : policy(retries), retries, err);
    }
}
