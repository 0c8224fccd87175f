package dev.spool;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Undoes {@code Content-Encoding} on a body stream: gzip and deflate, in reverse order of
 * application, at most {@link #MAX_CODINGS} of them (urllib3's limit after CVE-2025-66418). The
 * decoders stream, so memory stays bounded however much a body expands.
 */
final class Decoding {
    /** The most chained codings accepted; urllib3 2.6 caps at 5. */
    static final int MAX_CODINGS = 5;
    /** What {@code Accept-Encoding} offers: exactly what this class decodes. */
    static final String ACCEPT_ENCODING = "gzip, deflate";

    private Decoding() {
    }

    static InputStream decode(InputStream in, Headers headers) throws IOException {
        List<String> all = headers.all("Content-Encoding");
        if (all.isEmpty()) {
            return in;
        }
        List<String> codings = new ArrayList<>();
        for (String v : all) {
            for (String c : v.split(",")) {
                String t = c.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty() && !t.equals("identity")) {
                    codings.add(t);
                }
            }
        }
        if (codings.size() > MAX_CODINGS) {
            throw new dev.spool.internal.IoFailure(new ProtocolException("response has " + codings.size()
                    + " chained content codings; at most " + MAX_CODINGS + " are decoded"));
        }
        for (String c : codings) {
            if (!c.equals("gzip") && !c.equals("x-gzip") && !c.equals("deflate")) {
                return in; // an unknown coding: hand the bytes over undecoded, as requests does
            }
        }
        InputStream out = in;
        for (int i = codings.size() - 1; i >= 0; i--) {
            String c = codings.get(i);
            out = c.equals("deflate") ? deflate(out) : new GZIPInputStream(new GzipMembers(out), 8192);
        }
        return out;
    }

    /**
     * "deflate" is meant to be zlib-wrapped (RFC 9110 section 8.4.1.2), but some servers send raw
     * deflate; like browsers, look at the first byte to tell them apart.
     */
    private static InputStream deflate(InputStream in) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 1);
        int b0 = p.read();
        if (b0 < 0) {
            return p;
        }
        p.unread(b0);
        boolean zlib = (b0 & 0x0f) == 8;
        Inflater inflater = new Inflater(!zlib);
        return new InflaterInputStream(p, inflater, 8192) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    inflater.end(); // a caller-supplied Inflater is not ended by InflaterInputStream
                }
            }
        };
    }
}
