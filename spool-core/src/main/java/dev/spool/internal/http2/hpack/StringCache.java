package dev.spool.internal.http2.hpack;

import java.util.Arrays;

/**
 * The strings a decoder made lately, found again by their encoded octets: a server sends most names
 * and values of a response (server, content-type, date, etag) the same way every time, often as
 * literals it never indexes, and a hit returns the string made before without decoding or
 * allocating. {@value #SETS} sets of two entries, the one used less lately replaced (two strings
 * whose octets fall in one set both stay), each holding one string of at most
 * {@value #MAX_ENCODED_LENGTH} encoded octets, so a connection's cache stays under 10 KiB. One per
 * decoder, used by one thread at a time.
 */
final class StringCache {
    /** Sets in the cache (a power of two); each holds two strings. */
    static final int SETS = 32;
    /** Longer strings are decoded every time: long values rarely repeat and would fill the cache. */
    static final int MAX_ENCODED_LENGTH = 64;

    private final byte[][] keys = new byte[2 * SETS][];
    private final boolean[] huffman = new boolean[2 * SETS];
    private final String[] values = new String[2 * SETS];
    /** Per set, the entry (0 or 1) used last: the other is replaced on a miss. */
    private final byte[] lastUsed = new byte[SETS];

    /** The set for {@code len} encoded octets at {@code off}. */
    static int set(byte[] in, int off, int len, boolean huffmanCoded) {
        int h = huffmanCoded ? 1 : 0;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + in[i];
        }
        return (h * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(SETS)); // the product's top bits
    }

    /** The string made from exactly these encoded octets, or null. */
    String get(int set, byte[] in, int off, int len, boolean huffmanCoded) {
        for (int way = 0; way < 2; way++) {
            int e = 2 * set + way;
            byte[] k = keys[e];
            if (k != null && huffman[e] == huffmanCoded && Arrays.equals(k, 0, k.length, in, off, off + len)) {
                lastUsed[set] = (byte) way;
                return values[e];
            }
        }
        return null;
    }

    /** Remembers {@code value} as what these encoded octets make, in place of the set's less used entry. */
    void put(int set, byte[] in, int off, int len, boolean huffmanCoded, String value) {
        int way = keys[2 * set] == null ? 0 : keys[2 * set + 1] == null ? 1 : 1 - lastUsed[set];
        int e = 2 * set + way;
        keys[e] = Arrays.copyOfRange(in, off, off + len);
        huffman[e] = huffmanCoded;
        values[e] = value;
        lastUsed[set] = (byte) way;
    }
}
