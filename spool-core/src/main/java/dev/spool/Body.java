package dev.spool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A request body: its bytes, their length when known, and their content type. Bodies of known
 * length are sent with {@code Content-Length}; a stream of unknown length is sent chunked.
 */
public abstract class Body {
    /** Content type of {@link #text(String)}. */
    public static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    /** Content type of {@link #form(Map)}. */
    public static final String FORM = "application/x-www-form-urlencoded";
    /** Content type of {@link #json(Object)}. */
    public static final String JSON = "application/json";
    /** Content type of {@link #file(Path)} and of multipart files given none. */
    public static final String OCTET_STREAM = "application/octet-stream";

    /** For subclasses: custom bodies extend this class. */
    protected Body() {
    }

    /** The {@code Content-Type} to send, or null to send none. */
    public abstract String contentType();

    /** The length in bytes, or -1 when unknown (the body is then sent chunked). */
    public abstract long contentLength();

    /**
     * Writes the body's bytes. Called once per attempt; see {@link #isReplayable()}.
     *
     * @param out where the bytes go; not closed
     * @throws IOException when writing to {@code out} or reading the body's source fails
     */
    public abstract void writeTo(OutputStream out) throws IOException;

    /** Whether {@link #writeTo} can be called again (for a retry or a 307/308 redirect). */
    public boolean isReplayable() {
        return true;
    }

    /** The body's bytes when they are in memory (used to send head and body in one write), else null. */
    public byte[] bytesOrNull() {
        return null;
    }

    /** A UTF-8 text body, {@code text/plain; charset=utf-8}. */
    public static Body text(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8), TEXT_PLAIN);
    }

    /** A body of raw bytes with no content type. */
    public static Body bytes(byte[] bytes) {
        return bytes(bytes, null);
    }

    /** A body of raw bytes with the given content type (null for none). */
    public static Body bytes(byte[] bytes, String contentType) {
        Objects.requireNonNull(bytes, "bytes");
        if (contentType != null) {
            Headers.checkValue("Content-Type", contentType);
        }
        return new BytesBody(bytes, contentType);
    }

    /** A form body, {@code application/x-www-form-urlencoded}, fields in the map's order. */
    public static Body form(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8));
        }
        return bytes(sb.toString().getBytes(StandardCharsets.US_ASCII), FORM);
    }

    /**
     * A JSON body, {@code application/json}: a {@code String} is sent as it is (it must already be
     * JSON); anything else is written with Jackson, which must be on the class path.
     *
     * @throws SpoolException naming the missing dependency when Jackson is absent
     */
    public static Body json(Object value) {
        byte[] bytes = value instanceof String
                ? ((String) value).getBytes(StandardCharsets.UTF_8)
                : Json.write(value);
        return bytes(bytes, JSON);
    }

    /** A body streamed from an {@link InputStream} of unknown length, sent chunked; it can be sent once. */
    public static Body stream(InputStream in) {
        return stream(in, null);
    }

    /** A body streamed from an {@link InputStream}, sent chunked, with a content type. */
    public static Body stream(InputStream in, String contentType) {
        Objects.requireNonNull(in, "in");
        return new StreamBody(in, contentType);
    }

    /**
     * A body read from a file, sent with its length, as {@code application/octet-stream} (nothing is
     * guessed from the file name; give a type with {@link #file(Path, String)}).
     *
     * @throws InvalidRequestException when the file does not exist or cannot be read
     */
    public static Body file(Path path) {
        return file(path, OCTET_STREAM);
    }

    /**
     * A multipart body ({@code multipart/form-data}, RFC 7578) of fields and files, as a browser's
     * form upload sends; finish it with {@link MultipartBuilder#build()}.
     */
    public static MultipartBuilder multipart() {
        return new MultipartBuilder();
    }

    /** A body read from a file, sent with its length. */
    public static Body file(Path path, String contentType) {
        Objects.requireNonNull(path, "path");
        if (!Files.isReadable(path)) {
            throw new InvalidRequestException("body file " + path + " does not exist or cannot be read");
        }
        return new FileBody(path, contentType);
    }

    private static final class BytesBody extends Body {
        private final byte[] bytes;
        private final String contentType;

        BytesBody(byte[] bytes, String contentType) {
            this.bytes = bytes;
            this.contentType = contentType;
        }

        @Override
        public String contentType() {
            return contentType;
        }

        @Override
        public long contentLength() {
            return bytes.length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(bytes);
        }

        @Override
        public byte[] bytesOrNull() {
            return bytes;
        }
    }

    private static final class StreamBody extends Body {
        private final InputStream in;
        private final String contentType;
        private final java.util.concurrent.atomic.AtomicBoolean used = new java.util.concurrent.atomic.AtomicBoolean();

        StreamBody(InputStream in, String contentType) {
            this.in = in;
            this.contentType = contentType;
        }

        @Override
        public String contentType() {
            return contentType;
        }

        @Override
        public long contentLength() {
            return -1;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            if (!used.compareAndSet(false, true)) {
                throw new IllegalStateException("a Body.stream can be sent only once; it was already sent");
            }
            in.transferTo(out);
        }

        @Override
        public boolean isReplayable() {
            return false;
        }
    }

    private static final class FileBody extends Body {
        private final Path path;
        private final String contentType;

        FileBody(Path path, String contentType) {
            this.path = path;
            this.contentType = contentType;
        }

        @Override
        public String contentType() {
            return contentType;
        }

        @Override
        public long contentLength() {
            try {
                return Files.size(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the size of body file " + path, e);
            }
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            Files.copy(path, out);
        }
    }
}
