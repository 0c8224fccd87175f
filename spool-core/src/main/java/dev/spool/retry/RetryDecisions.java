package dev.spool.retry;

import dev.spool.ConnectFailedException;
import dev.spool.ConnectTimeoutException;
import dev.spool.ConnectionException;
import dev.spool.ProtocolException;
import dev.spool.ReadTimeoutException;
import dev.spool.TlsException;
import dev.spool.retry.Retry.Decision;
import dev.spool.retry.Retry.Failure;
import dev.spool.retry.RetryBudgets.Kind;
import java.time.Duration;
import java.time.Instant;

/**
 * The decisions of a {@link Retry} policy: pure functions of the policy, the attempt's outcome, the
 * time and a random number.
 */
final class RetryDecisions {
    private RetryDecisions() {
    }

    /** See {@link Retry#onError}. */
    static Decision onError(Retry policy, String method, Failure failure, boolean bodyReplayable, double random) {
        if (failure == null) {
            return stop(policy, false, "the error is not one that a retry can fix");
        }
        if (failure == Failure.READ) {
            if (!policy.isMethodAllowed(method)) {
                return stop(policy, false, method + " is not retried after a read error (allowed methods: "
                        + policy.methods() + ")");
            }
            if (!bodyReplayable) {
                return stop(policy, false, "the request body is a one-shot stream that cannot be sent again");
            }
        }
        // A connect error comes before any byte of the request was written, so even a one-shot body is intact.
        Retry next = policy.spend(failure == Failure.CONNECT ? Kind.CONNECT : Kind.READ, false);
        String budget = next.budgets().exhausted();
        if (budget != null) {
            return stop(policy, true, budget + " budget exhausted after " + policy.retries() + " retries ("
                    + (failure == Failure.CONNECT ? "connect" : "read") + " error)");
        }
        return new Decision(true, next.backoff(random), next, false, failure == Failure.CONNECT ? "connect error" : "read error");
    }

    /** See {@link Retry#onResponse}. */
    static Decision onResponse(Retry policy, String method, int statusCode, String retryAfter, boolean bodyReplayable,
                               Instant now, double random) {
        if (!isRetry(policy, method, statusCode, retryAfter != null)) {
            return stop(policy, false, "status " + statusCode + " is not retried for " + method);
        }
        if (!bodyReplayable) {
            return stop(policy, false, "the request body is a one-shot stream that cannot be sent again");
        }
        Retry next = policy.spend(Kind.STATUS, false);
        String budget = next.budgets().exhausted();
        if (budget != null) {
            return stop(policy, true, budget + " budget exhausted after " + policy.retries() + " retries (status "
                    + statusCode + ")");
        }
        Duration delay = null;
        if (policy.respectRetryAfter() && retryAfter != null && Retry.RETRY_AFTER_STATUS_CODES.contains(statusCode)) {
            delay = RetryWait.parseRetryAfter(retryAfter, now);
            if (delay != null && delay.compareTo(policy.retryAfterMax()) > 0) {
                delay = policy.retryAfterMax();
            }
        }
        if (delay == null) {
            delay = next.backoff(random);
        }
        return new Decision(true, delay, next, false, "status " + statusCode);
    }

    /** See {@link Retry#onRedirect}. */
    static Decision onRedirect(Retry policy) {
        Retry next = policy.spend(Kind.REDIRECT, true);
        String budget = next.budgets().exhausted();
        if (budget != null) {
            return stop(policy, true, budget + " budget exhausted after " + policy.retries() + " retries (too many redirects)");
        }
        return new Decision(true, Duration.ZERO, next, false, "redirect");
    }

    /** See {@link Retry#isRetry}. */
    static boolean isRetry(Retry policy, String method, int statusCode, boolean hasRetryAfter) {
        if (!policy.isMethodAllowed(method)) {
            return false;
        }
        if (policy.statusForcelist().contains(statusCode)) {
            return true;
        }
        Integer total = policy.total();
        return (total == null || total > 0) && policy.respectRetryAfter() && hasRetryAfter
                && Retry.RETRY_AFTER_STATUS_CODES.contains(statusCode);
    }

    /** See {@link Retry#classify}. */
    static Failure classify(Throwable error) {
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

    private static Decision stop(Retry policy, boolean exhausted, String reason) {
        return new Decision(false, Duration.ZERO, policy, exhausted, reason);
    }
}
