package dev.spool.internal.http2;

/**
 * Limits on what a {@link FrameReader} accepts, so a hostile server cannot make it hold unbounded
 * memory or work.
 *
 * @param maxFrameSize our SETTINGS_MAX_FRAME_SIZE: the largest payload accepted (16384 by default,
 *     the RFC 9113 initial value; at most 2^24-1)
 * @param maxHeaderBlockBytes the most bytes of one field block assembled from HEADERS and its
 *     CONTINUATION frames, before HPACK decoding (64 KiB by default, as the HTTP/1 head limit)
 * @param maxContinuationFrames the most CONTINUATION frames after one HEADERS (32 by default: a 64 KiB
 *     block needs at most 4 frames of 16 KiB; the bound stops a flood of tiny or empty ones, the
 *     CVE-2024-27316 family)
 * @param maxGoAwayDebugBytes how many bytes of a GOAWAY's debug data are kept (1 KiB by default;
 *     the rest is dropped, it is diagnostics only)
 */
public record FrameLimits(int maxFrameSize, int maxHeaderBlockBytes, int maxContinuationFrames,
        int maxGoAwayDebugBytes) {
    /** 16 KiB frames, 64 KiB field blocks, 32 CONTINUATION frames, 1 KiB of GOAWAY debug data. */
    public static final FrameLimits DEFAULT = new FrameLimits(FrameFormat.MIN_MAX_FRAME_SIZE, 64 * 1024, 32, 1024);

    /** Checks the ranges. */
    public FrameLimits {
        if (maxFrameSize < FrameFormat.MIN_MAX_FRAME_SIZE || maxFrameSize > FrameFormat.MAX_LENGTH_FIELD) {
            throw new IllegalArgumentException("maxFrameSize must be in [16384, 16777215], got " + maxFrameSize);
        }
        if (maxHeaderBlockBytes <= 0 || maxContinuationFrames < 0 || maxGoAwayDebugBytes < 0) {
            throw new IllegalArgumentException("frame limits out of range: maxHeaderBlockBytes " + maxHeaderBlockBytes
                    + ", maxContinuationFrames " + maxContinuationFrames + ", maxGoAwayDebugBytes " + maxGoAwayDebugBytes);
        }
    }
}
