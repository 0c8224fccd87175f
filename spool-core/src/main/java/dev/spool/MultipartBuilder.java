package dev.spool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Builds a {@code multipart/form-data} body (RFC 7578) of text fields and files, in the order they
 * are added, the way requests' {@code files=} and a browser's form upload do. Obtain one with
 * {@link Body#multipart()}.
 *
 * <p>Names and file names are written as a browser writes them (the WHATWG HTML standard's
 * multipart/form-data encoding): UTF-8, with {@code "}, CR and LF replaced by {@code %22},
 * {@code %0D} and {@code %0A}, so no name can end the header or forge another part. The boundary
 * is 32 random hex digits from {@link SecureRandom}, so content cannot predict it. The body has a
 * known length, sent as {@code Content-Length}, unless a part comes from an {@link InputStream}:
 * then it is sent chunked, and only once.
 *
 * <pre>{@code
 * Body body = Body.multipart()
 *         .field("title", "holiday")
 *         .file("photo", Path.of("beach.jpg"))
 *         .file("notes", "notes.txt", "hello".getBytes(UTF_8), "text/plain")
 *         .build();
 * }</pre>
 *
 * <p>Not thread-safe; {@link #build()} takes a snapshot, so the builder may be reused.
 */
public final class MultipartBuilder {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] CRLF = {'\r', '\n'};

    private final List<Part> parts = new ArrayList<>();

    MultipartBuilder() {
    }

    /** Adds a text field, sent as UTF-8 with no {@code Content-Type} (as requests and browsers send fields). */
    public MultipartBuilder field(String name, String value) {
        Objects.requireNonNull(value, "value of multipart field");
        parts.add(new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8), null, null));
        return this;
    }

    /**
     * Adds a file read from disk when the body is sent: its file name is the path's last element
     * and its type {@code application/octet-stream} (nothing is guessed from the name).
     *
     * @throws InvalidRequestException when the file does not exist or cannot be read
     */
    public MultipartBuilder file(String name, Path path) {
        Objects.requireNonNull(path, "path");
        Path fileName = path.getFileName();
        return file(name, fileName == null ? path.toString() : fileName.toString(), path, Body.OCTET_STREAM);
    }

    /**
     * Adds a file read from disk when the body is sent, with the file name and content type to
     * declare (null for {@code application/octet-stream}).
     *
     * @throws InvalidRequestException when the file does not exist or cannot be read
     */
    public MultipartBuilder file(String name, String filename, Path path, String contentType) {
        Objects.requireNonNull(path, "path");
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new InvalidRequestException("multipart file " + path + " does not exist or cannot be read");
        }
        parts.add(new Part(name, requireFilename(filename), contentType(contentType), null, path, null));
        return this;
    }

    /** Adds a file from memory, with its file name and content type (null for {@code application/octet-stream}). */
    public MultipartBuilder file(String name, String filename, byte[] content, String contentType) {
        Objects.requireNonNull(content, "content");
        parts.add(new Part(name, requireFilename(filename), contentType(contentType), content.clone(), null, null));
        return this;
    }

    /**
     * Adds a file streamed from {@code content}, with its file name and content type (null for
     * {@code application/octet-stream}). Its length is unknown, so the whole body is sent chunked,
     * and it can be sent only once (no retry or 307/308 redirect can resend it).
     */
    public MultipartBuilder file(String name, String filename, InputStream content, String contentType) {
        Objects.requireNonNull(content, "content");
        parts.add(new Part(name, requireFilename(filename), contentType(contentType), null, null, content));
        return this;
    }

    /**
     * The body: {@code multipart/form-data; boundary=...}.
     *
     * @throws InvalidRequestException when no part was added (RFC 2046 section 5.1.1 needs one)
     */
    public Body build() {
        if (parts.isEmpty()) {
            throw new InvalidRequestException("a multipart body needs at least one field or file");
        }
        return new MultipartBody(List.copyOf(parts), newBoundary());
    }

    static String newBoundary() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        StringBuilder sb = new StringBuilder(32);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }

    private static String requireFilename(String filename) {
        return Objects.requireNonNull(filename, "filename of multipart file");
    }

    private static String contentType(String contentType) {
        if (contentType == null) {
            return Body.OCTET_STREAM;
        }
        Headers.checkValue("Content-Type", contentType);
        return contentType;
    }

    /**
     * A name or file name as the WHATWG HTML standard writes it in {@code Content-Disposition}:
     * quotes and line breaks percent-encoded, everything else as it is (the header is UTF-8).
     */
    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = c == '"' ? "%22" : c == '\r' ? "%0D" : c == '\n' ? "%0A" : null;
            if (r != null && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (r != null) {
                    sb.append(r);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    /** One part: a field (bytes, no file name) or a file from bytes, a path or a stream. */
    private static final class Part {
        final byte[] head;
        final byte[] bytes;
        final Path path;
        final InputStream stream;

        Part(String name, String filename, String contentType, byte[] bytes, Path path, InputStream stream) {
            Objects.requireNonNull(name, "name of multipart part");
            StringBuilder h = new StringBuilder(96).append("Content-Disposition: form-data; name=\"")
                    .append(escape(name)).append('"');
            if (filename != null) {
                h.append("; filename=\"").append(escape(filename)).append('"');
            }
            h.append("\r\n");
            if (contentType != null) {
                h.append("Content-Type: ").append(contentType).append("\r\n");
            }
            h.append("\r\n");
            this.head = h.toString().getBytes(StandardCharsets.UTF_8);
            this.bytes = bytes;
            this.path = path;
            this.stream = stream;
        }

        long length() {
            if (bytes != null) {
                return bytes.length;
            }
            if (path != null) {
                try {
                    return Files.size(path);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the size of multipart file " + path, e);
                }
            }
            return -1;
        }

        void writeContent(OutputStream out) throws IOException {
            if (bytes != null) {
                out.write(bytes);
            } else if (path != null) {
                Files.copy(path, out);
            } else {
                stream.transferTo(out);
            }
        }
    }

    /** The built body: its parts between boundaries, written as they are sent. */
    private static final class MultipartBody extends Body {
        private final List<Part> parts;
        private final String contentType;
        private final byte[] delimiter;   // "--boundary\r\n" before each part
        private final byte[] close;       // "--boundary--\r\n" at the end
        private final boolean replayable;
        private final AtomicBoolean sent = new AtomicBoolean();

        MultipartBody(List<Part> parts, String boundary) {
            this.parts = parts;
            this.contentType = "multipart/form-data; boundary=" + boundary;
            this.delimiter = ("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII);
            this.close = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            boolean r = true;
            for (Part p : parts) {
                r &= p.stream == null;
            }
            this.replayable = r;
        }

        @Override
        public String contentType() {
            return contentType;
        }

        @Override
        public long contentLength() {
            long total = close.length;
            for (Part p : parts) {
                long n = p.length();
                if (n < 0) {
                    return -1;
                }
                total += delimiter.length + p.head.length + n + CRLF.length;
            }
            return total;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            if (!replayable && !sent.compareAndSet(false, true)) {
                throw new IllegalStateException("a multipart body with a part from an InputStream can be sent only once;"
                        + " it was already sent");
            }
            for (Part p : parts) {
                out.write(delimiter);
                out.write(p.head);
                p.writeContent(out);
                out.write(CRLF);
            }
            out.write(close);
        }

        @Override
        public boolean isReplayable() {
            return replayable;
        }
    }
}
