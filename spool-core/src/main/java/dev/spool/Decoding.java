package dev.spool;

import dev.spool.internal.IoFailure;
import dev.spool.internal.connection.Failures;
import java.io.FilterInputStream;
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
 * Undoes {@code Content-Encoding} on a body stream: gzip and deflate always, br and zstd when their
 * optional decoders are on the class path ({@link OptionalDecoders}), in reverse order of
 * application, at most {@link #MAX_CODINGS} of them (urllib3's limit after CVE-2025-66418). The
 * decoders stream, and each read yields at most what was asked for, so memory stays bounded
 * however much a body expands; {@link Response#bytes()} caps what it buffers separately.
 */
final class Decoding {
    /** The most chained codings accepted; urllib3 2.6 caps at 5. */
    static final int MAX_CODINGS = 5;
    /**
     * What {@code Accept-Encoding} offers: exactly what this class can decode, worked out once when
     * the class loads (urllib3 likewise offers br and zstd only when their modules import).
     */
    static final String ACCEPT_ENCODING = acceptEncoding(OptionalDecoders.hasBrotli(), OptionalDecoders.hasZstd());

    private Decoding() {
    }

    /** The {@code Accept-Encoding} value for the decoders present, most widely served first. */
    static String acceptEncoding(boolean brotli, boolean zstd) {
        return "gzip, deflate" + (brotli ? ", br" : "") + (zstd ? ", zstd" : "");
    }

    /**
     * The codings of a response in the order they were applied, {@code identity} left out.
     *
     * @throws IoFailure carrying a {@link ProtocolException} when there are more than {@link #MAX_CODINGS}
     */
    static List<String> codings(Headers headers) throws IoFailure {
        List<String> all = headers.all("Content-Encoding");
        List<String> codings = new ArrayList<>(2);
        for (String v : all) {
            for (String c : v.split(",")) {
                String t = c.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty() && !t.equals("identity")) {
                    codings.add(t);
                }
            }
        }
        if (codings.size() > MAX_CODINGS) {
            throw new IoFailure(new ProtocolException("response has " + codings.size()
                    + " chained content codings; at most " + MAX_CODINGS + " are decoded"));
        }
        return codings;
    }

    /** Whether this class can undo a coding here and now. */
    static boolean canDecode(String coding) {
        switch (coding) {
            case "gzip":
            case "x-gzip":
            case "deflate":
                return true;
            case "br":
                return OptionalDecoders.hasBrotli();
            case "zstd":
                return OptionalDecoders.hasZstd();
            default:
                return false;
        }
    }

    /**
     * Wraps a raw body in the decoders its {@code Content-Encoding} names. A coding this class cannot
     * undo hands the bytes over undecoded, as requests does. An empty body stays empty whatever its
     * codings (servers send {@code Content-Encoding: gzip} on empty bodies). Errors in the encoded
     * data come out as {@link ProtocolException}s naming the codings; errors of the connection as
     * what the connection threw.
     *
     * @param request the request the body answers, to name in errors; may be null
     */
    static InputStream decode(InputStream in, Headers headers, Request request) throws IOException {
        List<String> codings = codings(headers);
        if (codings.isEmpty()) {
            return in;
        }
        for (String c : codings) {
            if (!canDecode(c)) {
                return in;
            }
        }
        PushbackInputStream raw = new PushbackInputStream(new RawErrors(in, request), 1);
        int b0 = raw.read();
        if (b0 < 0) {
            return raw;
        }
        raw.unread(b0);
        String names = String.join(", ", codings);
        InputStream out = raw;
        try {
            for (int i = codings.size() - 1; i >= 0; i--) {
                out = decoder(codings.get(i), out);
            }
        } catch (IoFailure e) {
            out.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            out.close();
            throw new IoFailure(decodeError(names, request, e));
        }
        return new DecodeErrors(out, names, request);
    }

    private static InputStream decoder(String coding, InputStream in) throws IOException {
        switch (coding) {
            case "deflate":
                return deflate(in);
            case "br":
                return OptionalDecoders.brotli(in);
            case "zstd":
                return OptionalDecoders.zstd(in);
            default:
                // GzipMembers: every member of a multi-member body, however reads split them (JDK 17).
                return new GZIPInputStream(new GzipMembers(in), 8192);
        }
    }

    private static ProtocolException decodeError(String codings, Request request, Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ProtocolException("cannot decode the body" + (request == null ? "" : " of " + request)
                + " (Content-Encoding: " + codings + "): " + msg, e);
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

    /**
     * Below the decoders: turns the raw stream's I/O errors into Spool's exceptions before a decoder
     * sees them, so anything else a decoder throws is about the encoded data itself.
     */
    private static final class RawErrors extends FilterInputStream {
        private final Request request;

        RawErrors(InputStream in, Request request) {
            super(in);
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                throw translate(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                throw translate(e);
            }
        }

        private IoFailure translate(IOException e) {
            if (e instanceof IoFailure) {
                return (IoFailure) e;
            }
            return new IoFailure(Failures.body(e, request));
        }
    }

    /** Above the decoders: a decoder's own error (bad data, a window too large) becomes a {@link ProtocolException}. */
    private static final class DecodeErrors extends FilterInputStream {
        private final String codings;
        private final Request request;

        DecodeErrors(InputStream in, String codings, Request request) {
            super(in);
            this.codings = codings;
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IoFailure e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new IoFailure(decodeError(codings, request, e));
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IoFailure e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new IoFailure(decodeError(codings, request, e));
            }
        }

        @Override
        public long skip(long n) throws IOException {
            // FilterInputStream.skip would call the decoder's skip; reading keeps the error handling above.
            byte[] buf = new byte[(int) Math.min(8192, Math.max(1, n))];
            long left = n;
            while (left > 0) {
                int r = read(buf, 0, (int) Math.min(buf.length, left));
                if (r < 0) {
                    break;
                }
                left -= r;
            }
            return n - left;
        }
    }
}
