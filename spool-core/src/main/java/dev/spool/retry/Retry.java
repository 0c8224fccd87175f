package dev.spool.retry;

import dev.spool.ConnectFailedException;
import dev.spool.ConnectTimeoutException;
import dev.spool.ConnectionException;
import dev.spool.ProtocolException;
import dev.spool.ReadTimeoutException;
import dev.spool.TlsException;
import dev.spool.internal.HttpDates;
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

    private final Integer total;
    private final Integer connect;
    private final Integer read;
    private final Integer status;
    private final Integer redirect;
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
    /** Retries since the last redirect: the n of the backoff formula. */
    private final int consecutive;
    /** Retries made so far, redirects included. */
    private final int retries;

    private Retry(Builder b, Integer total, Integer connect, Integer read, Integer status, Integer redirect,
                  int consecutive, int retries) {
        this.total = total;
        this.connect = connect;
        this.read = read;
        this.status = status;
        this.redirect = redirect;
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
        this.consecutive = consecutive;
        this.retries = retries;
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
        b.total = total;
        b.connect = connect;
        b.read = read;
        b.status = status;
        b.redirect = redirect;
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
        if (failure == null) {
            return stop(false, "the error is not one that a retry can fix");
        }
        if (failure == Failure.READ) {
            if (!isMethodAllowed(method)) {
                return stop(false, method + " is not retried after a read error (allowed methods: " + methods() + ")");
            }
            if (!bodyReplayable) {
                return stop(false, "the request body is a one-shot stream that cannot be sent again");
            }
        }
        // A connect error comes before any byte of the request was written, so even a one-shot body is intact.
        Retry next = spend(failure == Failure.CONNECT ? Kind.CONNECT : Kind.READ, false);
        String budget = next.exhaustedBudget();
        if (budget != null) {
            return stop(true, budget + " budget exhausted after " + retries + " retries ("
                    + (failure == Failure.CONNECT ? "connect" : "read") + " error)");
        }
        return new Decision(true, next.backoff(random), next, false, failure == Failure.CONNECT ? "connect error" : "read error");
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
        if (!isRetry(method, statusCode, retryAfter != null)) {
            return stop(false, "status " + statusCode + " is not retried for " + method);
        }
        if (!bodyReplayable) {
            return stop(false, "the request body is a one-shot stream that cannot be sent again");
        }
        Retry next = spend(Kind.STATUS, false);
        String budget = next.exhaustedBudget();
        if (budget != null) {
            return stop(true, budget + " budget exhausted after " + retries + " retries (status " + statusCode + ")");
        }
        Duration delay = null;
        if (respectRetryAfter && retryAfter != null && RETRY_AFTER_STATUS_CODES.contains(statusCode)) {
            delay = parseRetryAfter(retryAfter, now);
            if (delay != null && delay.compareTo(retryAfterMax) > 0) {
                delay = retryAfterMax;
            }
        }
        if (delay == null) {
            delay = next.backoff(random);
        }
        return new Decision(true, delay, next, false, "status " + statusCode);
    }

    /** After a redirect that is about to be followed: spends the redirect and total budgets. */
    public Decision onRedirect() {
        Retry next = spend(Kind.REDIRECT, true);
        String budget = next.exhaustedBudget();
        if (budget != null) {
            return stop(true, budget + " budget exhausted after " + retries + " retries (too many redirects)");
        }
        return new Decision(true, Duration.ZERO, next, false, "redirect");
    }

    /**
     * urllib3's {@code is_retry}: whether a response with this status should be retried, budgets aside.
     * Yes for an allowed method when the status is in the force-list, or when it is 413, 429 or 503
     * with a {@code Retry-After} that is honoured.
     */
    public boolean isRetry(String method, int statusCode, boolean hasRetryAfter) {
        if (!isMethodAllowed(method)) {
            return false;
        }
        if (statusForcelist.contains(statusCode)) {
            return true;
        }
        return (total == null || total > 0) && respectRetryAfter && hasRetryAfter
                && RETRY_AFTER_STATUS_CODES.contains(statusCode);
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
        if (consecutive <= 1) {
            return Duration.ZERO;
        }
        double seconds = backoffFactor * Math.pow(2, consecutive - 1);
        seconds += random * (backoffJitter.toNanos() / 1e9);
        double max = backoffMax.toNanos() / 1e9;
        seconds = Math.max(0, Math.min(max, seconds));
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    /**
     * Reads a {@code Retry-After} value (RFC 9110 section 10.2.3): delay-seconds or an HTTP date; a date
     * in the past means no wait. Null when the value is neither.
     */
    public static Duration parseRetryAfter(String value, Instant now) {
        String v = value.trim();
        if (!v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return v.length() > 12 ? Duration.ofSeconds(999_999_999_999L) : Duration.ofSeconds(Long.parseLong(v));
        }
        Instant at = HttpDates.parse(v);
        if (at == null) {
            return null;
        }
        return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    }

    /** The kind of an error for the retry decision, or null for errors that are never retried. */
    public static Failure classify(Throwable error) {
        if (error instanceof ConnectTimeoutException || error instanceof ConnectFailedException) {
            return Failure.CONNECT;
        }
        if (error instanceof TlsException) {
            return null; // a certificate or handshake failure does not fix itself
        }
        if (error instanceof ReadTimeoutException || error instanceof ProtocolException
                || error instanceof ConnectionException) {
            return Failure.READ;
        }
        return null;
    }

    private enum Kind { CONNECT, READ, STATUS, REDIRECT }

    private Retry spend(Kind kind, boolean isRedirect) {
        Integer t = minusOne(total, true);
        Integer c = minusOne(connect, kind == Kind.CONNECT);
        Integer r = minusOne(read, kind == Kind.READ);
        Integer s = minusOne(status, kind == Kind.STATUS);
        Integer d = minusOne(redirect, kind == Kind.REDIRECT);
        return new Retry(toBuilder(), t, c, r, s, d, isRedirect ? 0 : consecutive + 1, retries + 1);
    }

    private static Integer minusOne(Integer budget, boolean spent) {
        return budget == null || !spent ? budget : Integer.valueOf(budget - 1);
    }

    /** The name of a budget below zero, or null when none is. */
    private String exhaustedBudget() {
        if (total != null && total < 0) {
            return "total";
        }
        if (connect != null && connect < 0) {
            return "connect";
        }
        if (read != null && read < 0) {
            return "read";
        }
        if (status != null && status < 0) {
            return "status";
        }
        if (redirect != null && redirect < 0) {
            return "redirect";
        }
        return null;
    }

    private Decision stop(boolean exhausted, String reason) {
        return new Decision(false, Duration.ZERO, this, exhausted, reason);
    }

    private String methods() {
        return allowedMethods == null ? "any" : String.join(", ", allowedMethods);
    }

    // --- settings ------------------------------------------------------------------------------

    /** Retries left in all, or null when not limited. */
    public Integer total() {
        return total;
    }

    /** Connect-error retries left, or null when not limited. */
    public Integer connect() {
        return connect;
    }

    /** Read-error retries left, or null when not limited. */
    public Integer read() {
        return read;
    }

    /** Status retries left, or null when not limited. */
    public Integer status() {
        return status;
    }

    /** Redirects left, or null when only the session's redirect limit applies. */
    public Integer redirect() {
        return redirect;
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
        return retries;
    }

    @Override
    public String toString() {
        return "Retry(total=" + total + ", connect=" + connect + ", read=" + read + ", status=" + status
                + ", redirect=" + redirect + ", statusForcelist=" + statusForcelist + ", allowedMethods=" + methods()
                + ", backoffFactor=" + backoffFactor + ", backoffMax=" + backoffMax + ", backoffJitter=" + backoffJitter
                + ", retries=" + retries + ")";
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

        private static Integer budget(String name, Integer n) {
            if (n != null && n < 0) {
                throw new IllegalArgumentException("retry " + name + " budget must be 0 or more (null for no limit), got " + n);
            }
            return n;
        }

        /** Retries in all (default 10); null for no overall limit. */
        public Builder total(Integer n) {
            this.total = budget("total", n);
            return this;
        }

        /** Retries after connect errors; null (default) for no own limit. */
        public Builder connect(Integer n) {
            this.connect = budget("connect", n);
            return this;
        }

        /** Retries after read errors; null (default) for no own limit. */
        public Builder read(Integer n) {
            this.read = budget("read", n);
            return this;
        }

        /** Retries after a retryable status; null (default) for no own limit. */
        public Builder status(Integer n) {
            this.status = budget("status", n);
            return this;
        }

        /** Redirects followed; null (default) leaves only the session's redirect limit. */
        public Builder redirect(Integer n) {
            this.redirect = budget("redirect", n);
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
            return new Retry(this, total, connect, read, status, redirect, 0, 0);
        }

        private static Duration nonNegative(String name, Duration d) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be zero or more, got " + d);
            }
            return d;
        }
    }
}
