package dev.spool.internal.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link Settings}: the RFC 9113 defaults, the assumption before the server's SETTINGS, and updates. */
class SettingsTest {
    @Test
    void rfcDefaults() {
        Settings d = Settings.RFC_DEFAULTS;
        assertEquals(4096, d.headerTableSize());
        assertEquals(true, d.enablePush());
        assertEquals(Settings.UNLIMITED, d.maxConcurrentStreams());
        assertEquals(65_535, d.initialWindowSize());
        assertEquals(16_384, d.maxFrameSize());
        assertEquals(Settings.UNLIMITED, d.maxHeaderListSize());
    }

    @Test
    void beforeTheServersSettingsAHundredStreamsAreAssumed() {
        assertEquals(100, Settings.SERVER_BEFORE_SETTINGS.maxConcurrentStreams());
        assertEquals(Settings.RFC_DEFAULTS.with(3, 100), Settings.SERVER_BEFORE_SETTINGS);
    }

    @Test
    void clientDisablesPush() {
        assertFalse(Settings.CLIENT.enablePush());
        assertEquals(Settings.RFC_DEFAULTS.with(2, 0), Settings.CLIENT);
    }

    @Test
    void withChangesOneParameterAndIgnoresUnknownOnes() {
        Settings s = Settings.RFC_DEFAULTS.with(1, 0).with(3, 7).with(4, Integer.MAX_VALUE).with(5, (1 << 24) - 1)
                .with(6, 8192);
        assertEquals(0, s.get(1));
        assertEquals(1, s.get(2));
        assertEquals(7, s.get(3));
        assertEquals(Integer.MAX_VALUE, s.get(4));
        assertEquals((1 << 24) - 1, s.get(5));
        assertEquals(8192, s.get(6));
        assertSame(s, s.with(0x42, 1));
        assertNotEquals(Settings.RFC_DEFAULTS, s);
        assertEquals(s.hashCode(), Settings.RFC_DEFAULTS.with(1, 0).with(3, 7).with(4, Integer.MAX_VALUE)
                .with(5, (1 << 24) - 1).with(6, 8192).hashCode());
    }

    @Test
    void outOfRangeValuesAreRefused() {
        assertEquals("SETTINGS_ENABLE_PUSH must be 0 or 1, got 2",
                assertThrows(IllegalArgumentException.class, () -> Settings.RFC_DEFAULTS.with(2, 2)).getMessage());
        assertEquals("SETTINGS_INITIAL_WINDOW_SIZE 2147483648 is above 2^31-1",
                assertThrows(IllegalArgumentException.class, () -> Settings.RFC_DEFAULTS.with(4, 1L << 31)).getMessage());
        assertEquals("SETTINGS_MAX_FRAME_SIZE 16383 is outside [16384, 16777215]",
                assertThrows(IllegalArgumentException.class, () -> Settings.RFC_DEFAULTS.with(5, 16_383)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Settings.RFC_DEFAULTS.with(5, 1 << 24));
        assertThrows(IllegalArgumentException.class, () -> Settings.RFC_DEFAULTS.with(1, -1));
        assertThrows(IllegalArgumentException.class, () -> Settings.RFC_DEFAULTS.with(1, 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> Settings.RFC_DEFAULTS.get(7));
    }

    @Test
    void aReceivedFrameAppliesInOrder() throws Http2Exception {
        FrameReader r = new FrameReader(FrameLimits.DEFAULT);
        byte[] in = FrameHarness.bytes("000012 04 00 00000000 0004 00000010 0004 00000020 0003 00000001");
        r.feed(in, 0, in.length);
        assertEquals(FrameReader.Event.SETTINGS, r.next());
        Settings s = r.applySettings(Settings.SERVER_BEFORE_SETTINGS);
        assertEquals(32, s.initialWindowSize());
        assertEquals(1, s.maxConcurrentStreams());
        assertThrows(IndexOutOfBoundsException.class, () -> r.settingId(3));
    }

    @Test
    void errorCodesByWireValue() {
        for (ErrorCode c : ErrorCode.values()) {
            assertSame(c, ErrorCode.forCode(c.code()));
        }
        assertEquals(0xd, ErrorCode.HTTP_1_1_REQUIRED.code());
        assertEquals(null, ErrorCode.forCode(0xe));
        assertEquals(null, ErrorCode.forCode(-1));
        assertEquals("FLOW_CONTROL_ERROR (0x3)", ErrorCode.describe(3));
        assertEquals("unknown error code 0xffffffff", ErrorCode.describe(-1));
    }
}
