package dev.spool.retry;

import dev.spool.internal.HttpDates;
import java.time.Duration;
import java.time.Instant;

/** How long to wait before a retry: the exponential backoff, or the delay a {@code Retry-After} header asks for. */
final class RetryWait {
    private RetryWait() {
    }

    /**
     * None for the first consecutive retry, then {@code factor × 2^(n-1)} seconds plus
     * {@code random × jitter}, between 0 and {@code max}.
     */
    static Duration backoff(double factor, Duration max, Duration jitter, int consecutive, double random) {
        if (consecutive <= 1) {
            return Duration.ZERO;
        }
        double seconds = factor * Math.pow(2, consecutive - 1);
        seconds += random * (jitter.toNanos() / 1e9);
        double maxSeconds = max.toNanos() / 1e9;
        seconds = Math.max(0, Math.min(maxSeconds, seconds));
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    /**
     * Reads a {@code Retry-After} value (RFC 9110 section 10.2.3): delay-seconds or an HTTP date; a date
     * in the past means no wait. Null when the value is neither.
     */
    static Duration parseRetryAfter(String value, Instant now) {
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
}
