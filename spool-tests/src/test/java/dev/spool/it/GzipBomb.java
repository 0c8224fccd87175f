package dev.spool.it;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/**
 * A valid gzip stream of any number of mebibytes of zeros, made in milliseconds without compressing
 * them: deflate compresses 1 MiB of zeros into one block of about 1 KiB, and after a full flush the
 * compressor starts afresh, so that block repeated N times is a valid deflate stream of N MiB
 * (the ~1000:1 ratio of a classic "gzip bomb"). The CRC-32 of N MiB of zeros is worked out with
 * GF(2) matrix powers instead of by running over gigabytes.
 */
final class GzipBomb {
    private static final int MIB = 1 << 20;
    /** The CRC-32 polynomial, reflected (ISO 3309, as gzip uses it: RFC 1952 section 8). */
    private static final int POLY = 0xedb88320;

    private GzipBomb() {
    }

    /** A gzip member (RFC 1952) whose content is {@code mebibytes} MiB of zero bytes. */
    static byte[] zeros(int mebibytes) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] buf = new byte[64 * 1024];
        d.setInput(new byte[MIB]);
        int blockLength = d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
        byte[] block = java.util.Arrays.copyOf(buf, blockLength);
        d.finish();
        int endLength = d.deflate(buf, 0, buf.length);
        d.end();
        long size = (long) mebibytes * MIB;
        ByteArrayOutputStream out = new ByteArrayOutputStream(10 + blockLength * mebibytes + endLength + 8);
        // Header: magic, CM=8 (deflate), no flags, no mtime, XFL=2 (best compression), OS=255 (unknown).
        out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, (byte) 0xff}, 0, 10);
        for (int i = 0; i < mebibytes; i++) {
            out.write(block, 0, blockLength);
        }
        out.write(buf, 0, endLength);
        writeIntLe(out, crc32OfZeros(size));
        writeIntLe(out, (int) size); // ISIZE: the size modulo 2^32
        return out.toByteArray();
    }

    private static void writeIntLe(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    /**
     * The CRC-32 of {@code n} zero bytes. Feeding one zero bit to the CRC register is a linear map
     * over GF(2); feeding 8n bits is that map to the power 8n, found by repeated squaring.
     */
    static int crc32OfZeros(long n) {
        int[] op = new int[32];
        op[0] = POLY;                       // the low bit shifted out feeds the polynomial back
        for (int i = 1; i < 32; i++) {
            op[i] = 1 << (i - 1);           // every other bit shifts down by one
        }
        int reg = 0xffffffff;               // the register starts at all ones
        for (long bits = n * 8; bits != 0; bits >>>= 1) {
            if ((bits & 1) != 0) {
                reg = apply(op, reg);
            }
            op = square(op);
        }
        return ~reg;                        // and is inverted at the end
    }

    private static int apply(int[] matrix, int vector) {
        int out = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                out ^= matrix[i];
            }
        }
        return out;
    }

    private static int[] square(int[] matrix) {
        int[] out = new int[32];
        for (int i = 0; i < 32; i++) {
            out[i] = apply(matrix, matrix[i]);
        }
        return out;
    }
}
