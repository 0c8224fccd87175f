package dev.spool.internal.http2.hpack;

import java.util.Arrays;

/**
 * The strings a decoder made lately, found again by their encoded octets: a server sends most names
 * and values of a response (server, content-type, date, etag) the same way every time, often as
 * literals it never indexes, and a hit returns the string made before without decoding or
 * allocating. Direct-mapped: {@value #SLOTS} slots, each holding one string of at most
 * {@value #MAX_ENCODED_LENGTH} encoded octets, so a connection's cache stays under 10 KiB. One per
 * decoder, used by one thread at a time.
 */
final class StringCache {
    /** Slots in the cache (a power of two). */
    static final int SLOTS = 64;
    /** Longer strings are decoded every time: long values rarely repeat and would fill the cache. */
    static final int MAX_ENCODED_LENGTH = 64;

    private final byte[][] keys = new byte[SLOTS][];
    private final boolean[] huffman = new boolean[SLOTS];
    private final String[] values = new String[SLOTS];

    /** The slot for {@code len} encoded octets at {@code off}. */
    static int slot(byte[] in, int off, int len, boolean huffmanCoded) {
        int h = huffmanCoded ? 1 : 0;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + in[i];
        }
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }

    /** The string made from exactly these encoded octets, or null. */
    String get(int slot, byte[] in, int off, int len, boolean huffmanCoded) {
        byte[] k = keys[slot];
        if (k != null && huffman[slot] == huffmanCoded && Arrays.equals(k, 0, k.length, in, off, off + len)) {
            return values[slot];
        }
        return null;
    }

    /** Remembers {@code value} as what these encoded octets make, in place of the slot's string. */
    void put(int slot, byte[] in, int off, int len, boolean huffmanCoded, String value) {
        keys[slot] = Arrays.copyOfRange(in, off, off + len);
        huffman[slot] = huffmanCoded;
        values[slot] = value;
    }
}
