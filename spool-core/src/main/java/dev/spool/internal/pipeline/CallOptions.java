package dev.spool.internal.pipeline;

/**
 * Per-call settings that are not part of the request on the wire, read by the pipeline stages.
 *
 * @param stream whether the caller streams the body (else it is read before send returns)
 * @param followRedirects whether the redirect stage follows redirects for this call
 */
public record CallOptions(boolean stream, boolean followRedirects) {
}
