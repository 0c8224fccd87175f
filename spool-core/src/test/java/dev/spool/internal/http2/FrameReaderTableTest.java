package dev.spool.internal.http2;

import static dev.spool.internal.http2.FrameHarness.wire;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Byte tables for {@link FrameReader}: exact frame bytes (length, type, flags, stream id, payload)
 * and the events or errors they must yield, whole, split at every position and byte by byte (see
 * {@link FrameHarness}). Error paths are rows too; the limits are in {@link FrameReaderLimitsTest}.
 */
class FrameReaderTableTest {
    @Nested
    class Header {
        @Test
        void reservedBitOfTheStreamIdIsIgnored() {
            wire("000002 00 00 80000003 'hi'").expect("DATA 3 'hi' flow=2");
        }

        @Test
        void unknownFrameTypesAreSkipped() {
            wire("000003 fa 07 00000001 'abc'  000001 00 01 00000001 'x'").expect("DATA 1 END_STREAM 'x' flow=1");
        }

        @Test
        void aTruncatedFrameWaitsForMore() {
            wire("000005 00 00 00000001 'hel'").expect("PARTIAL 12 bytes");
        }

        @Test
        void aTruncatedHeaderWaitsForMore() {
            wire("000005 00 00 0000").expect("PARTIAL 7 bytes");
        }

        @Test
        void manyFramesInARow() {
            wire("000000 04 00 00000000  000000 04 01 00000000  000004 08 00 00000000 0000ffff"
                    + "  000002 00 01 00000001 'ok'").expect(
                    "SETTINGS", "SETTINGS_ACK", "WINDOW_UPDATE 0 +65535", "DATA 1 END_STREAM 'ok' flow=2");
        }
    }

    @Nested
    class Data {
        @Test
        void plain() {
            wire("000005 00 00 00000001 'hello'").expect("DATA 1 'hello' flow=5");
        }

        @Test
        void emptyWithEndStream() {
            wire("000000 00 01 00000005").expect("DATA 5 END_STREAM '' flow=0");
        }

        @Test
        void paddingIsStrippedButCountsForFlowControl() {
            wire("000008 00 09 00000001 03 'abcd' 000000").expect("DATA 1 END_STREAM 'abcd' flow=8");
        }

        @Test
        void paddingMayFillThePayload() {
            wire("000003 00 08 00000001 02 0000").expect("DATA 1 '' flow=3");
        }

        @Test
        void paddingLongerThanThePayloadIsAProtocolError() {
            wire("000003 00 08 00000001 03 0000").expect(
                    "ERROR connection PROTOCOL_ERROR: DATA on stream 1 has 3 bytes of padding in a payload of 3 bytes");
        }

        @Test
        void paddedWithoutRoomForThePadLength() {
            wire("000000 00 08 00000001").expect(
                    "ERROR connection FRAME_SIZE_ERROR: DATA on stream 1 has 0 bytes, too few for its pad length");
        }

        @Test
        void onStreamZero() {
            wire("000001 00 00 00000000 'x'").expect("ERROR connection PROTOCOL_ERROR: DATA frame on stream 0");
        }
    }

    @Nested
    class Headers {
        @Test
        void oneFrame() {
            wire("000003 01 05 00000001 'abc'").expect("HEADERS 1 END_STREAM 'abc'");
        }

        @Test
        void paddedWithPriority() {
            // pad length 2, dependency 0 + weight 16, block "ab", 2 bytes padding
            wire("00000a 01 2c 00000003 02 00000000 10 'ab' 0000").expect("HEADERS 3 'ab'");
        }

        @Test
        void priorityFieldsAreSkipped() {
            wire("000007 01 24 00000003 80000001 ff 'hi'").expect("HEADERS 3 'hi'");
        }

        @Test
        void priorityWithoutRoomForItsFields() {
            wire("000004 01 24 00000003 00000001").expect(
                    "ERROR connection FRAME_SIZE_ERROR: HEADERS on stream 3 has 4 bytes, too few for its priority fields");
        }

        @Test
        void paddedAndPriorityWithoutRoom() {
            wire("000005 01 2c 00000003 00 00000001").expect("ERROR connection FRAME_SIZE_ERROR: HEADERS on stream 3 has 5"
                    + " bytes, too few for its pad length and priority fields");
        }

        @Test
        void paddingBeyondThePriorityFields() {
            wire("000008 01 2c 00000003 03 00000000 10 'ab'").expect(
                    "ERROR connection PROTOCOL_ERROR: HEADERS on stream 3 has 3 bytes of padding in a payload of 8 bytes");
        }

        @Test
        void dependingOnItselfEndsTheConnection() {
            wire("000006 01 24 00000003 00000003 10 'h'").expect(
                    "ERROR connection PROTOCOL_ERROR: HEADERS on stream 3 depends on itself");
        }

        @Test
        void continuationsAreAssembledIntoOneBlock() {
            wire("000002 01 01 00000001 'ab'  000002 09 00 00000001 'cd'  000001 09 04 00000001 'e'"
                    + "  000001 00 01 00000001 'z'").expect("HEADERS 1 END_STREAM 'abcde'", "DATA 1 END_STREAM 'z' flow=1");
        }

        @Test
        void paddedHeadersThenContinuation() {
            wire("000004 01 08 00000001 01 'ab' 00  000002 09 04 00000001 'cd'").expect("HEADERS 1 'abcd'");
        }

        @Test
        void emptyContinuationsEndTheBlock() {
            wire("000001 01 00 00000001 'a'  000000 09 00 00000001  000000 09 04 00000001").expect("HEADERS 1 'a'");
        }

        @Test
        void anUnfinishedBlockIsPartial() {
            wire("000001 01 00 00000001 'a'").expect("PARTIAL field block");
        }

        @Test
        void aFrameOfAnotherTypeInsideTheBlock() {
            wire("000001 01 00 00000001 'a'  000008 06 00 00000000 0000000000000000").expect(
                    "ERROR connection PROTOCOL_ERROR: PING frame on stream 0 inside the field block of stream 1"
                            + " (expected CONTINUATION)");
        }

        @Test
        void anUnknownFrameInsideTheBlock() {
            wire("000001 01 00 00000001 'a'  000000 fa 00 00000001").expect(
                    "ERROR connection PROTOCOL_ERROR: frame of unknown type 0xfa frame on stream 1 inside the field block"
                            + " of stream 1 (expected CONTINUATION)");
        }

        @Test
        void aContinuationOnAnotherStream() {
            wire("000001 01 00 00000001 'a'  000001 09 04 00000003 'b'").expect(
                    "ERROR connection PROTOCOL_ERROR: CONTINUATION frame on stream 3 inside the field block of stream 1"
                            + " (expected CONTINUATION)");
        }

        @Test
        void aContinuationWithoutHeaders() {
            wire("000001 09 04 00000001 'b'").expect(
                    "ERROR connection PROTOCOL_ERROR: CONTINUATION on stream 1 without a HEADERS frame awaiting it");
        }

        @Test
        void aContinuationAfterEndHeaders() {
            wire("000001 01 04 00000001 'a'  000001 09 04 00000001 'b'").expect("HEADERS 1 'a'",
                    "ERROR connection PROTOCOL_ERROR: CONTINUATION on stream 1 without a HEADERS frame awaiting it");
        }

        @Test
        void continuationOnStreamZero() {
            wire("000001 09 04 00000000 'b'").expect("ERROR connection PROTOCOL_ERROR: CONTINUATION frame on stream 0");
        }

        @Test
        void onStreamZero() {
            wire("000001 01 04 00000000 'a'").expect("ERROR connection PROTOCOL_ERROR: HEADERS frame on stream 0");
        }

        @Test
        void pushPromiseIsRefused() {
            wire("000005 05 04 00000001 00000002 'a'").expect("ERROR connection PROTOCOL_ERROR: PUSH_PROMISE on stream 1"
                    + " although we disabled server push (SETTINGS_ENABLE_PUSH 0)");
        }
    }

    @Nested
    class Priority {
        @Test
        void isSkipped() {
            wire("000005 02 00 00000003 00000001 10  000001 00 00 00000003 'x'").expect("DATA 3 'x' flow=1");
        }

        @Test
        void wrongLengthIsAStreamErrorAndReadingGoesOn() {
            wire("000004 02 00 00000003 00000001  000001 00 00 00000003 'x'").expect(
                    "ERROR stream 3 FRAME_SIZE_ERROR: PRIORITY on stream 3 has 4 bytes, not 5", "DATA 3 'x' flow=1");
        }

        @Test
        void dependingOnItselfIsAStreamError() {
            wire("000005 02 00 00000003 00000003 10").expect(
                    "ERROR stream 3 PROTOCOL_ERROR: PRIORITY on stream 3 depends on itself");
        }

        @Test
        void onStreamZero() {
            wire("000005 02 00 00000000 00000001 10").expect("ERROR connection PROTOCOL_ERROR: PRIORITY frame on stream 0");
        }
    }

    @Nested
    class RstStream {
        @Test
        void knownCode() {
            wire("000004 03 00 00000001 00000008").expect("RST_STREAM 1 CANCEL (0x8)");
        }

        @Test
        void unknownCodeIsKept() {
            wire("000004 03 00 00000001 0000002a").expect("RST_STREAM 1 unknown error code 0x2a");
        }

        @Test
        void wrongLength() {
            wire("000003 03 00 00000001 000008").expect(
                    "ERROR connection FRAME_SIZE_ERROR: RST_STREAM on stream 1 has 3 bytes, not 4");
        }

        @Test
        void onStreamZero() {
            wire("000004 03 00 00000000 00000008").expect("ERROR connection PROTOCOL_ERROR: RST_STREAM frame on stream 0");
        }
    }

    @Nested
    class SettingsFrames {
        @Test
        void allSixAndAnUnknownOne() {
            wire("000030 04 00 00000000 0001 00001000  0002 00000000  0003 00000064  0004 7fffffff  0005 00ffffff"
                    + "  0006 ffffffff  00ff 12345678  0000 00000001").expect(
                    "SETTINGS 1=4096 2=0 3=100 4=2147483647 5=16777215 6=4294967295");
        }

        @Test
        void ack() {
            wire("000000 04 01 00000000").expect("SETTINGS_ACK");
        }

        @Test
        void ackWithPayload() {
            wire("000006 04 01 00000000 0003 00000064").expect(
                    "ERROR connection FRAME_SIZE_ERROR: SETTINGS ACK has a payload of 6 bytes");
        }

        @Test
        void notAMultipleOfSix() {
            wire("000005 04 00 00000000 0003 000000").expect(
                    "ERROR connection FRAME_SIZE_ERROR: SETTINGS payload of 5 bytes is not a multiple of 6");
        }

        @Test
        void onAStream() {
            wire("000000 04 00 00000001").expect(
                    "ERROR connection PROTOCOL_ERROR: SETTINGS frame on stream 1 (must be stream 0)");
        }

        @Test
        void enablePushAboveOne() {
            wire("000006 04 00 00000000 0002 00000002").expect(
                    "ERROR connection PROTOCOL_ERROR: SETTINGS_ENABLE_PUSH must be 0 or 1, got 2");
        }

        @Test
        void enablePushOneFromAServer() {
            wire("000006 04 00 00000000 0002 00000001").expect("ERROR connection PROTOCOL_ERROR: the server sent"
                    + " SETTINGS_ENABLE_PUSH 1, which only a client may send (RFC 9113 section 6.5.2)");
        }

        @Test
        void initialWindowSizeAbove31Bits() {
            wire("000006 04 00 00000000 0004 80000000").expect(
                    "ERROR connection FLOW_CONTROL_ERROR: SETTINGS_INITIAL_WINDOW_SIZE 2147483648 is above 2^31-1");
        }

        @Test
        void maxFrameSizeBelowTheMinimum() {
            wire("000006 04 00 00000000 0005 00003fff").expect(
                    "ERROR connection PROTOCOL_ERROR: SETTINGS_MAX_FRAME_SIZE 16383 is outside [16384, 16777215]");
        }

        @Test
        void maxFrameSizeAboveTheMaximum() {
            wire("000006 04 00 00000000 0005 01000000").expect(
                    "ERROR connection PROTOCOL_ERROR: SETTINGS_MAX_FRAME_SIZE 16777216 is outside [16384, 16777215]");
        }
    }

    @Nested
    class Ping {
        @Test
        void pingAndAck() {
            wire("000008 06 00 00000000 0102030405060708  000008 06 01 00000000 ffffffffffffffff").expect(
                    "PING 102030405060708", "PING_ACK ffffffffffffffff");
        }

        @Test
        void wrongLength() {
            wire("000007 06 00 00000000 01020304050607").expect(
                    "ERROR connection FRAME_SIZE_ERROR: PING on stream 0 has 7 bytes, not 8");
        }

        @Test
        void onAStream() {
            wire("000008 06 00 00000001 0102030405060708").expect(
                    "ERROR connection PROTOCOL_ERROR: PING frame on stream 1 (must be stream 0)");
        }
    }

    @Nested
    class GoAway {
        @Test
        void withDebugData() {
            wire("00000d 07 00 00000000 80000005 0000000b 'calm!'").expect("GOAWAY last=5 ENHANCE_YOUR_CALM (0xb) 'calm!'");
        }

        @Test
        void unknownCodeWithoutDebugData() {
            wire("000008 07 00 00000000 00000000 000000ff").expect("GOAWAY last=0 unknown error code 0xff ''");
        }

        @Test
        void tooShort() {
            wire("000007 07 00 00000000 00000000 000000").expect(
                    "ERROR connection FRAME_SIZE_ERROR: GOAWAY has 7 bytes, fewer than 8");
        }

        @Test
        void onAStream() {
            wire("000008 07 00 00000003 00000000 00000000").expect(
                    "ERROR connection PROTOCOL_ERROR: GOAWAY frame on stream 3 (must be stream 0)");
        }
    }

    @Nested
    class WindowUpdate {
        @Test
        void connectionAndStreamWithReservedBitIgnored() {
            wire("000004 08 00 00000000 7fffffff  000004 08 00 00000001 80000001").expect(
                    "WINDOW_UPDATE 0 +2147483647", "WINDOW_UPDATE 1 +1");
        }

        @Test
        void zeroOnAStreamIsAStreamError() {
            wire("000004 08 00 00000001 00000000  000004 08 00 00000001 00000010").expect(
                    "ERROR stream 1 PROTOCOL_ERROR: WINDOW_UPDATE on stream 1 with an increment of 0",
                    "WINDOW_UPDATE 1 +16");
        }

        @Test
        void zeroOnTheConnectionIsAConnectionError() {
            wire("000004 08 00 00000000 80000000").expect(
                    "ERROR connection PROTOCOL_ERROR: WINDOW_UPDATE on stream 0 with an increment of 0");
        }

        @Test
        void wrongLength() {
            wire("000005 08 00 00000001 0000000100").expect(
                    "ERROR connection FRAME_SIZE_ERROR: WINDOW_UPDATE on stream 1 has 5 bytes, not 4");
        }
    }
}
