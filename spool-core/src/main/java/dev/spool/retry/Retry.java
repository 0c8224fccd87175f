package dev.spool.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * When and how soon to try a request again: urllib3's {@code Retry}, in Java. Immutable; each
 * decision returns the policy with its budgets spent, so one value can be shared by every call.
 *
 * <p>Budgets (null means not limited by that budget): {@code total} counts every retry;
 * {@code connect} errors (nothing was sent: refused, unresolved, connect timeout), {@code read}
 * errors (the request may have reached the server: read timeout, reset, broken response),
 * {@code status} retries (a status in the force-list, or 413/429/503 with {@code Retry-After}) and
 * {@code redirect}s each count too. A connect error is retried whatever the method; a read error
 * or a status only for the {@linkplain Builder#allowedMethods allowed methods} (the idempotent ones by
 * default) and a body that can be sent again. TLS errors, pool timeouts and invalid requests are
 * never retried: trying again would not change them.
 *
 * <p>Waits: the first retry goes at once, then {@code backoffFactor × 2^(n-1)} seconds for the n-th
 * consecutive retry, plus up to {@code backoffJitter} at random, at most {@code backoffMax}
 * (urllib3 2.x). A {@code Retry-After} on 413, 429 or 503, in seconds or as an HTTP date, is waited
 * for instead, at most {@code retryAfterMax}.
 *
 * <p>The decisions ({@link #onError}, {@link #onResponse}, {@link #onRedirect}) are pure functions:
 * time and randomness are passed in. The session's retry stage calls them, waits with the
 * {@link Sleeper}, and throws {@link RetryExhaustedException} when a budget runs out.
 */
public final class Retry {
    /** urllib3's {@code DEFAULT_ALLOWED_METHODS}: the idempotent methods of RFC 9110 section 9.2.2. */
    public static final Set<String> DEFAULT_ALLOWED_METHODS =
            Collections.unmodifiableSet(new TreeSet<>(Arrays.asList("DELETE", "GET", "HEAD", "OPTIONS", "PUT", "TRACE")));
    /** Statuses whose {@code Retry-After} is honoured (urllib3's {@code RETRY_AFTER_STATUS_CODES}). */
    public static final Set<Integer> RETRY_AFTER_STATUS_CODES =
            Collections.unmodifiableSet(new TreeSet<>(Arrays.asList(413, 429, 503)));
    /** The longest backoff wait by default: urllib3's {@code DEFAULT_BACKOFF_MAX}, 120 s. */
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(120);
    /** The total budget of {@link #builder()}: urllib3's {@code Retry()} default of 10. */
    public static final int DEFAULT_TOTAL = 10;

    /** What kind of error ended an attempt that got no response. */
    public enum Failure {
        /** The connection could not be opened: the request was not sent. */
        CONNECT,
        /** The connection broke or timed out after the request may have been sent. */
        READ
    }

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        /** Thread.sleep: the default. */
        Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

        /**
         * Waits this long.
         *
         * @throws InterruptedException when the waiting thread is interrupted
         */
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * The outcome of one decision.
     *
     * @param retry whether to send the request again
     * @param delay how long to wait first (zero when not retrying)
     * @param next the policy to use for the next attempt, budgets spent (this one when not retrying)
     * @param exhausted whether the attempt was retryable but a budget ran out (else it was not retryable at all)
     * @param reason why: which budget ran out, or why the attempt may not be retried, or what is retried
     */
    public record Decision(boolean retry, Duration delay, Retry next, boolean exhausted, String reason) {
    }

    private final RetryBudgets budgets;
    private final Set<Integer> statusForcelist;
    private final Set<String> allowedMethods;
    private final double backoffFactor;
    private final Duration backoffMax;
    private final Duration backoffJitter;
    private final boolean respectRetryAfter;
    private final Duration retryAfterMax;
    private final boolean raiseOnStatus;
    private final boolean raiseOnRedirect;
    private final Sleeper sleeper;
    private final Clock clock;

    private Retry(Builder b, RetryBudgets budgets) {
        this.budgets = budgets;
        this.statusForcelist = b.statusForcelist;
        this.allowedMethods = b.allowedMethods;
        this.backoffFactor = b.backoffFactor;
        this.backoffMax = b.backoffMax;
        this.backoffJitter = b.backoffJitter;
        this.respectRetryAfter = b.respectRetryAfter;
        this.retryAfterMax = b.retryAfterMax;
        this.raiseOnStatus = b.raiseOnStatus;
        this.raiseOnRedirect = b.raiseOnRedirect;
        this.sleeper = b.sleeper;
        this.clock = b.clock;
    }

    /** A policy with up to {@code total} retries and the other settings at their defaults. */
    public static Retry of(int total) {
        return builder().total(total).build();
    }

    /** A builder with urllib3's defaults: total 10, no other budget, no force-list, no backoff. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts from this policy's settings and remaining budgets. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.total = budgets.total();
        b.connect = budgets.connect();
        b.read = budgets.read();
        b.status = budgets.status();
        b.redirect = budgets.redirect();
        b.statusForcelist = statusForcelist;
        b.allowedMethods = allowedMethods;
        b.backoffFactor = backoffFactor;
        b.backoffMax = backoffMax;
        b.backoffJitter = backoffJitter;
        b.respectRetryAfter = respectRetryAfter;
        b.retryAfterMax = retryAfterMax;
        b.raiseOnStatus = raiseOnStatus;
        b.raiseOnRedirect = raiseOnRedirect;
        b.sleeper = sleeper;
        b.clock = clock;
        return b;
    }

    // --- the pure decisions --------------------------------------------------------------------

    /**
     * After an attempt that ended in an error.
     *
     * @param failure the error's kind ({@link #classify}), or null for an error that is never retried
     * @param bodyReplayable whether the request's body (if any) can be sent again
     * @param random a number in [0, 1) for the jitter
     */
    public Decision onError(String method, Failure failure, boolean bodyReplayable, double random) {
        return RetryDecisions.onError(this, method, failure, bodyReplayable, random);
    }

    /**
     * After an attempt that got a response (its headers).
     *
     * @param retryAfter the response's {@code Retry-After} value, or null
     * @param now the current time, for a {@code Retry-After} given as a date
     * @param random a number in [0, 1) for the jitter
     */
    public Decision onResponse(String method, int statusCode, String retryAfter, boolean bodyReplayable,
                               Instant now, double random) {
        return RetryDecisions.onResponse(this, method, statusCode, retryAfter, bodyReplayable, now, random);
    }

    /** After a redirect that is about to be followed: spends the redirect and total budgets. */
    public Decision onRedirect() {
        return RetryDecisions.onRedirect(this);
    }

    /**
     * urllib3's {@code is_retry}: whether a response with this status should be retried, budgets aside.
     * Yes for an allowed method when the status is in the force-list, or when it is 413, 429 or 503
     * with a {@code Retry-After} that is honoured.
     */
    public boolean isRetry(String method, int statusCode, boolean hasRetryAfter) {
        return RetryDecisions.isRetry(this, method, statusCode, hasRetryAfter);
    }

    /** Whether read errors and statuses may be retried for this method (case-sensitive, as HTTP methods are). */
    public boolean isMethodAllowed(String method) {
        return allowedMethods == null || allowedMethods.contains(method);
    }

    /**
     * The wait before the next retry: none for the first consecutive one, then
     * {@code backoffFactor × 2^(n-1)} seconds plus {@code random × backoffJitter}, between 0 and {@code backoffMax}.
     */
    public Duration backoff(double random) {
        return RetryWait.backoff(backoffFactor, backoffMax, backoffJitter, budgets.consecutive(), random);
    }

    /**
     * Reads a {@code Retry-After} value (RFC 9110 section 10.2.3): delay-seconds or an HTTP date; a date
     * in the past means no wait. Null when the value is neither.
     */
    public static Duration parseRetryAfter(String value, Instant now) {
        return RetryWait.parseRetryAfter(value, now);
    }

    /** The kind of an error for the retry decision, or null for errors that are never retried. */
    public static Failure classify(Throwable error) {
        return RetryDecisions.classify(error);
    }

    /** This policy with one more retry of this kind spent. */
    Retry spend(RetryBudgets.Kind kind, boolean isRedirect) {
        return new Retry(toBuilder(), budgets.spend(kind, isRedirect));
    }

    RetryBudgets budgets() {
        return budgets;
    }

    boolean respectRetryAfter() {
        return respectRetryAfter;
    }

    Duration retryAfterMax() {
        return retryAfterMax;
    }

    String methods() {
        return allowedMethods == null ? "any" : String.join(", ", allowedMethods);
    }

    // --- settings ------------------------------------------------------------------------------

    /** Retries left in all, or null when not limited. */
    public Integer total() {
        return budgets.total();
    }

    /** Connect-error retries left, or null when not limited. */
    public Integer connect() {
        return budgets.connect();
    }

    /** Read-error retries left, or null when not limited. */
    public Integer read() {
        return budgets.read();
    }

    /** Status retries left, or null when not limited. */
    public Integer status() {
        return budgets.status();
    }

    /** Redirects left, or null when only the session's redirect limit applies. */
    public Integer redirect() {
        return budgets.redirect();
    }

    /** Statuses retried for the allowed methods. */
    public Set<Integer> statusForcelist() {
        return statusForcelist;
    }

    /** Methods whose read errors and statuses are retried, or null for any method. */
    public Set<String> allowedMethods() {
        return allowedMethods;
    }

    /** Whether an exhausted status budget throws {@link RetryExhaustedException} (true) or returns the last response. */
    public boolean raiseOnStatus() {
        return raiseOnStatus;
    }

    /** Whether an exhausted redirect budget throws {@link RetryExhaustedException} (true) or returns the redirect. */
    public boolean raiseOnRedirect() {
        return raiseOnRedirect;
    }

    /** How the retry stage waits. */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** The clock the retry stage reads for {@code Retry-After} dates. */
    public Clock clock() {
        return clock;
    }

    /** Retries made so far with this policy value. */
    public int retries() {
        return budgets.retries();
    }

    @Override
    public String toString() {
        return "Retry(total=" + total() + ", connect=" + connect() + ", read=" + read() + ", status=" + status()
                + ", redirect=" + redirect() + ", statusForcelist=" + statusForcelist + ", allowedMethods=" + methods()
                + ", backoffFactor=" + backoffFactor + ", backoffMax=" + backoffMax + ", backoffJitter=" + backoffJitter
                + ", retries=" + retries() + ")";
    }

    /** Configures a {@link Retry}; each setting has urllib3's default. */
    public static final class Builder {
        private Integer total = DEFAULT_TOTAL;
        private Integer connect;
        private Integer read;
        private Integer status;
        private Integer redirect;
        private Set<Integer> statusForcelist = Set.of();
        private Set<String> allowedMethods = DEFAULT_ALLOWED_METHODS;
        private double backoffFactor;
        private Duration backoffMax = DEFAULT_BACKOFF_MAX;
        private Duration backoffJitter = Duration.ZERO;
        private boolean respectRetryAfter = true;
        private Duration retryAfterMax = DEFAULT_BACKOFF_MAX;
        private boolean raiseOnStatus = true;
        private boolean raiseOnRedirect = true;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Retries in all (default 10); null for no overall limit. */
        public Builder total(Integer n) {
            this.total = RetryBudgets.check("total", n);
            return this;
        }

        /** Retries after connect errors; null (default) for no own limit. */
        public Builder connect(Integer n) {
            this.connect = RetryBudgets.check("connect", n);
            return this;
        }

        /** Retries after read errors; null (default) for no own limit. */
        public Builder read(Integer n) {
            this.read = RetryBudgets.check("read", n);
            return this;
        }

        /** Retries after a retryable status; null (default) for no own limit. */
        public Builder status(Integer n) {
            this.status = RetryBudgets.check("status", n);
            return this;
        }

        /** Redirects followed; null (default) leaves only the session's redirect limit. */
        public Builder redirect(Integer n) {
            this.redirect = RetryBudgets.check("redirect", n);
            return this;
        }

        /** Statuses to retry for the allowed methods, such as 500, 502, 503, 504 (default none). */
        public Builder statusForcelist(Integer... statuses) {
            Set<Integer> s = new TreeSet<>();
            for (Integer x : statuses) {
                if (x == null || x < 100 || x > 599) {
                    throw new IllegalArgumentException("status " + x + " in the force-list is not an HTTP status");
                }
                s.add(x);
            }
            this.statusForcelist = Collections.unmodifiableSet(s);
            return this;
        }

        /** Methods whose read errors and statuses are retried (default {@link #DEFAULT_ALLOWED_METHODS}). */
        public Builder allowedMethods(String... methods) {
            Set<String> s = new LinkedHashSet<>();
            for (String m : methods) {
                s.add(Objects.requireNonNull(m, "method").toUpperCase(Locale.ROOT));
            }
            this.allowedMethods = Collections.unmodifiableSet(s);
            return this;
        }

        /** Retries read errors and statuses for every method, POST included (urllib3's {@code allowed_methods=None}). */
        public Builder anyMethod() {
            this.allowedMethods = null;
            return this;
        }

        /** Seconds of the exponential backoff: {@code factor × 2^(n-1)} before the n-th consecutive retry (default 0). */
        public Builder backoffFactor(double seconds) {
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("backoff factor must be 0 or more seconds, got " + seconds);
            }
            this.backoffFactor = seconds;
            return this;
        }

        /** The longest backoff wait (default 120 s). */
        public Builder backoffMax(Duration max) {
            this.backoffMax = nonNegative("backoffMax", max);
            return this;
        }

        /** Up to this much is added to each backoff at random (default none). */
        public Builder backoffJitter(Duration jitter) {
            this.backoffJitter = nonNegative("backoffJitter", jitter);
            return this;
        }

        /** Whether to wait as {@code Retry-After} says on 413, 429 and 503 (default true). */
        public Builder respectRetryAfter(boolean respect) {
            this.respectRetryAfter = respect;
            return this;
        }

        /** The longest {@code Retry-After} wait honoured; longer ones are cut to it (default 120 s). */
        public Builder retryAfterMax(Duration max) {
            this.retryAfterMax = nonNegative("retryAfterMax", max);
            return this;
        }

        /** Whether running out of status retries throws (default true) or returns the last response. */
        public Builder raiseOnStatus(boolean raise) {
            this.raiseOnStatus = raise;
            return this;
        }

        /** Whether running out of redirects throws (default true) or returns the redirect response. */
        public Builder raiseOnRedirect(boolean raise) {
            this.raiseOnRedirect = raise;
            return this;
        }

        /** How to wait between attempts (default {@link Sleeper#SYSTEM}); tests pass one that does not sleep. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The clock read for {@code Retry-After} dates (default the system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the policy. */
        public Retry build() {
            return new Retry(this, new RetryBudgets(total, connect, read, status, redirect, 0, 0));
        }

        private static Duration nonNegative(String name, Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be zero or more, got " + d);
            }
            return d;
        }
    }
}
