package dev.spool.internal.pipeline;

import dev.spool.CallCancelledException;
import dev.spool.CallTimeoutException;
import dev.spool.Request;
import dev.spool.Response;
import dev.spool.SpoolException;
import dev.spool.retry.Retry;
import dev.spool.retry.RetryExhaustedException;
import dev.spool.internal.connection.CallGuard;
import dev.spool.internal.connection.Failures;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends the request again as the call's {@link Retry} policy decides, after errors and retryable
 * statuses, waiting between attempts with the policy's sleeper; throws
 * {@link RetryExhaustedException} with the last response or error when a budget runs out.
 */
final class RetryStage implements Stage {
    private static final System.Logger LOG = System.getLogger("dev.spool.retry");

    @Override
    public Response handle(Request request, Chain chain) {
        CallOptions options = chain.options();
        RetryCursor cursor = new RetryCursor(options.retry());
        Chain rest = chain.withOptions(options.withRetryCursor(cursor));
        boolean replayable = request.body() == null || request.body().isReplayable();
        while (true) {
            Response response;
            try {
                response = rest.proceed(request);
            } catch (RetryExhaustedException | CallTimeoutException | CallCancelledException e) {
                throw e; // the redirect stage ran out of this call's redirect budget, or the call is over
            } catch (SpoolException e) {
                Retry retry = cursor.current();
                Retry.Decision d = retry.onError(request.method(), Retry.classify(e), replayable, random());
                if (!d.retry()) {
                    if (d.exhausted()) {
                        throw new RetryExhaustedException("gave up on " + request + ": " + d.reason()
                                + "; last error: " + e.getMessage(), null, e);
                    }
                    throw e;
                }
                if (LOG.isLoggable(Level.WARNING)) {
                    LOG.log(Level.WARNING, "Retrying (" + d.next() + ") after connection broken by '"
                            + e.getMessage() + "': " + request.httpUrl().target());
                }
                waitFor(retry, d.delay(), request);
                cursor.advance(d.next());
                continue;
            }
            Retry retry = cursor.current();
            String retryAfter = response.header("Retry-After");
            if (!retry.isRetry(request.method(), response.status(), retryAfter != null)) {
                return response; // the common case
            }
            Retry.Decision d = retry.onResponse(request.method(), response.status(), retryAfter, replayable,
                    retry.clock().instant(), random());
            if (d.retry()) {
                response.close(); // drains a small body so the connection is reused
                LOG.log(Level.DEBUG, "Retry: {0} ({1})", request.httpUrl().target(), d.reason());
                waitFor(retry, d.delay(), request);
                cursor.advance(d.next());
                continue;
            }
            if (d.exhausted() && retry.raiseOnStatus()) {
                try {
                    response.bytes(); // keep the body readable on the exception's response
                } catch (RuntimeException unreadable) {
                    response.close();
                }
                throw new RetryExhaustedException("gave up on " + request + ": " + d.reason(), response, null);
            }
            return response;
        }
    }

    private static double random() {
        return ThreadLocalRandom.current().nextDouble();
    }

    private static void waitFor(Retry retry, Duration delay, Request request) {
        if (delay.isZero()) {
            return;
        }
        CallGuard call = CallGuard.of(request);
        try {
            if (call != null && retry.sleeper() == Retry.Sleeper.SYSTEM) {
                call.phase(CallGuard.Phase.RETRY_WAIT);
                call.sleep(delay.toNanos()); // the call's deadline and cancel end the wait
            } else {
                retry.sleeper().sleep(delay);
            }
        } catch (IOException stopped) {
            throw Failures.stopped(call, request.httpUrl().host() + ":" + request.httpUrl().port(), stopped);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpoolException("interrupted while waiting " + delay.toMillis() + " ms to retry " + request, e);
        }
    }
}
