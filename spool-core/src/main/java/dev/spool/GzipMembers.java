package dev.spool;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * The input under a {@code GZIPInputStream}, answering its question at the end of each gzip member
 * truthfully. A gzip body may hold several members one after another (RFC 1952 section 2.2), and
 * before JDK 23 {@code GZIPInputStream} reads on to the next member only if {@code available()} is
 * positive at that moment (JDK-7036144); a body stream between two socket reads says 0, and the body
 * would end early without an error. Here {@code available()} reads one byte ahead when nothing is
 * buffered, so it is 0 only at the real end.
 */
final class GzipMembers extends PushbackInputStream {
    GzipMembers(InputStream in) {
        super(in, 1);
    }

    @Override
    public int available() throws IOException {
        int n = super.available();
        if (n > 0) {
            return n;
        }
        int b = read();
        if (b < 0) {
            return 0;
        }
        unread(b);
        return 1;
    }
}
