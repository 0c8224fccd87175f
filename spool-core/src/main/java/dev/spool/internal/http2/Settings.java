package dev.spool.internal.http2;

/**
 * The six SETTINGS parameters of RFC 9113 section 6.5.2 that one endpoint declares: an immutable
 * value, changed with {@link #with(int, long)} as SETTINGS frames arrive.
 *
 * <p>{@link #RFC_DEFAULTS} are the initial values every endpoint assumes of its peer.
 * {@link #SERVER_BEFORE_SETTINGS} is what a client should assume of a server until the server's first
 * SETTINGS frame arrives: the RFC defaults, except that the unlimited MAX_CONCURRENT_STREAMS is taken
 * as {@value #ASSUMED_MAX_CONCURRENT_STREAMS}. The figure is the floor RFC 9113 section 6.5.2
 * recommends servers keep ("no smaller than 100"), and what other clients assume until the server's
 * SETTINGS arrive: Go ({@code initialMaxConcurrentStreams = 100} in golang.org/x/net/http2), Chromium
 * ({@code kInitialMaxConcurrentStreams = 100}) and .NET ({@code InitialMaxConcurrentStreams = 100}), so
 * opening that many streams early is never refused by a server that follows the recommendation.
 * {@link #CLIENT} is what Spool declares: push off, the rest at the defaults.
 */
public final class Settings {
    /** A 32-bit parameter the RFC leaves unlimited until declared. */
    public static final long UNLIMITED = 0xffffffffL;
    /** Streams a client opens before the server has declared its limit (see the class doc). */
    public static final long ASSUMED_MAX_CONCURRENT_STREAMS = 100;

    /** The initial values of section 6.5.2. */
    public static final Settings RFC_DEFAULTS = new Settings(4096, true, UNLIMITED, 65_535,
            FrameFormat.MIN_MAX_FRAME_SIZE, UNLIMITED);
    /** What a client assumes of the server before its SETTINGS arrive. */
    public static final Settings SERVER_BEFORE_SETTINGS = RFC_DEFAULTS.with(
            FrameFormat.SETTINGS_MAX_CONCURRENT_STREAMS, ASSUMED_MAX_CONCURRENT_STREAMS);
    /** What Spool declares as a client: SETTINGS_ENABLE_PUSH 0, the rest at the defaults. */
    public static final Settings CLIENT = RFC_DEFAULTS.with(FrameFormat.SETTINGS_ENABLE_PUSH, 0);

    private final long headerTableSize;
    private final boolean enablePush;
    private final long maxConcurrentStreams;
    private final int initialWindowSize;
    private final int maxFrameSize;
    private final long maxHeaderListSize;

    private Settings(long headerTableSize, boolean enablePush, long maxConcurrentStreams, int initialWindowSize,
            int maxFrameSize, long maxHeaderListSize) {
        this.headerTableSize = headerTableSize;
        this.enablePush = enablePush;
        this.maxConcurrentStreams = maxConcurrentStreams;
        this.initialWindowSize = initialWindowSize;
        this.maxFrameSize = maxFrameSize;
        this.maxHeaderListSize = maxHeaderListSize;
    }

    /**
     * These settings with one parameter changed; an unknown identifier changes nothing (section
     * 6.5.2).
     *
     * @param id a {@code SETTINGS_*} identifier
     * @param value the unsigned 32-bit value
     * @throws IllegalArgumentException if the value is out of the parameter's range (the reader checks
     *     received values first and reports them as {@link Http2Exception})
     */
    public Settings with(int id, long value) {
        if (value < 0 || value > UNLIMITED) {
            throw new IllegalArgumentException("setting 0x" + Integer.toHexString(id) + " value " + value
                    + " is not an unsigned 32-bit integer");
        }
        return switch (id) {
            case FrameFormat.SETTINGS_HEADER_TABLE_SIZE -> new Settings(value, enablePush, maxConcurrentStreams,
                    initialWindowSize, maxFrameSize, maxHeaderListSize);
            case FrameFormat.SETTINGS_ENABLE_PUSH -> {
                if (value > 1) {
                    throw new IllegalArgumentException("SETTINGS_ENABLE_PUSH must be 0 or 1, got " + value);
                }
                yield new Settings(headerTableSize, value == 1, maxConcurrentStreams, initialWindowSize, maxFrameSize,
                        maxHeaderListSize);
            }
            case FrameFormat.SETTINGS_MAX_CONCURRENT_STREAMS -> new Settings(headerTableSize, enablePush, value,
                    initialWindowSize, maxFrameSize, maxHeaderListSize);
            case FrameFormat.SETTINGS_INITIAL_WINDOW_SIZE -> {
                if (value > FrameFormat.MAX_31_BIT) {
                    throw new IllegalArgumentException("SETTINGS_INITIAL_WINDOW_SIZE " + value + " is above 2^31-1");
                }
                yield new Settings(headerTableSize, enablePush, maxConcurrentStreams, (int) value, maxFrameSize,
                        maxHeaderListSize);
            }
            case FrameFormat.SETTINGS_MAX_FRAME_SIZE -> {
                if (value < FrameFormat.MIN_MAX_FRAME_SIZE || value > FrameFormat.MAX_LENGTH_FIELD) {
                    throw new IllegalArgumentException("SETTINGS_MAX_FRAME_SIZE " + value + " is outside [16384, 16777215]");
                }
                yield new Settings(headerTableSize, enablePush, maxConcurrentStreams, initialWindowSize, (int) value,
                        maxHeaderListSize);
            }
            case FrameFormat.SETTINGS_MAX_HEADER_LIST_SIZE -> new Settings(headerTableSize, enablePush,
                    maxConcurrentStreams, initialWindowSize, maxFrameSize, value);
            default -> this;
        };
    }

    /** The value of a parameter by identifier (1 to 6). */
    public long get(int id) {
        return switch (id) {
            case FrameFormat.SETTINGS_HEADER_TABLE_SIZE -> headerTableSize;
            case FrameFormat.SETTINGS_ENABLE_PUSH -> enablePush ? 1 : 0;
            case FrameFormat.SETTINGS_MAX_CONCURRENT_STREAMS -> maxConcurrentStreams;
            case FrameFormat.SETTINGS_INITIAL_WINDOW_SIZE -> initialWindowSize;
            case FrameFormat.SETTINGS_MAX_FRAME_SIZE -> maxFrameSize;
            case FrameFormat.SETTINGS_MAX_HEADER_LIST_SIZE -> maxHeaderListSize;
            default -> throw new IllegalArgumentException("unknown setting 0x" + Integer.toHexString(id));
        };
    }

    /** SETTINGS_HEADER_TABLE_SIZE: the HPACK dynamic table the endpoint allows its peer's encoder. */
    public long headerTableSize() {
        return headerTableSize;
    }

    /** SETTINGS_ENABLE_PUSH. */
    public boolean enablePush() {
        return enablePush;
    }

    /** These settings with SETTINGS_MAX_HEADER_LIST_SIZE changed: the largest header list a client accepts. */
    public Settings withMaxHeaderListSize(long size) {
        return with(FrameFormat.SETTINGS_MAX_HEADER_LIST_SIZE, size);
    }

    /** These settings with SETTINGS_INITIAL_WINDOW_SIZE changed: the receive window a client declares per stream. */
    public Settings withInitialWindowSize(int size) {
        return with(FrameFormat.SETTINGS_INITIAL_WINDOW_SIZE, size);
    }

    /** SETTINGS_MAX_CONCURRENT_STREAMS; {@link #UNLIMITED} when never declared. */
    public long maxConcurrentStreams() {
        return maxConcurrentStreams;
    }

    /** SETTINGS_INITIAL_WINDOW_SIZE: each new stream's flow-control window. */
    public int initialWindowSize() {
        return initialWindowSize;
    }

    /** SETTINGS_MAX_FRAME_SIZE: the largest frame payload the endpoint accepts. */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /** SETTINGS_MAX_HEADER_LIST_SIZE (advisory); {@link #UNLIMITED} when never declared. */
    public long maxHeaderListSize() {
        return maxHeaderListSize;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Settings s && s.headerTableSize == headerTableSize && s.enablePush == enablePush
                && s.maxConcurrentStreams == maxConcurrentStreams && s.initialWindowSize == initialWindowSize
                && s.maxFrameSize == maxFrameSize && s.maxHeaderListSize == maxHeaderListSize;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(headerTableSize) * 31 + Long.hashCode(maxConcurrentStreams) * 17 + initialWindowSize * 7
                + maxFrameSize + Long.hashCode(maxHeaderListSize) + (enablePush ? 1 : 0);
    }

    @Override
    public String toString() {
        return "Settings[headerTableSize=" + headerTableSize + ", enablePush=" + enablePush + ", maxConcurrentStreams="
                + maxConcurrentStreams + ", initialWindowSize=" + initialWindowSize + ", maxFrameSize=" + maxFrameSize
                + ", maxHeaderListSize=" + maxHeaderListSize + "]";
    }
}
