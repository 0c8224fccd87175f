package dev.spool.internal.http2.hpack;

import java.util.HexFormat;

/** Hex byte tables for the HPACK tests: spaces ignored, as RFC 7541 Appendix C prints them. */
final class Hex {
    private Hex() {}

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", "").replace("\n", ""));
    }

    static String of(byte[] b, int off, int len) {
        return HexFormat.of().formatHex(b, off, off + len);
    }
}
