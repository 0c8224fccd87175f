package dev.spool.cli;

import dev.spool.Headers;
import dev.spool.Response;
import dev.spool.SpoolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Prints a response the way HTTPie and {@code curl -i} users expect, split so pipes get only data:
 * the status line and headers on standard error (on standard output with {@code -i}), the body on
 * standard output. At a terminal, JSON is indented and coloured and a binary body is replaced by a
 * notice; piped, the body's bytes pass through untouched as they arrive. What shows at all is
 * {@link Shown}'s decision.
 */
final class ResponsePrinter {
    /** How much of a body is looked at for NUL bytes to call it binary (HTTPie looks at the first chunk too). */
    static final int BINARY_SNIFF_BYTES = 8192;

    private final PrintStream err;
    private final OutputStream out;
    private final boolean terminal;
    private final Pretty pretty;
    private final Ansi ansi;

    /**
     * @param err where status lines and headers go
     * @param out where bodies go
     * @param terminal whether {@code out} is a terminal (binary bodies are then not written)
     * @param pretty the resolved formatting choice
     */
    ResponsePrinter(PrintStream err, OutputStream out, boolean terminal, Pretty pretty) {
        this.err = err;
        this.out = out;
        this.terminal = terminal;
        this.pretty = pretty;
        this.ansi = pretty.colours() ? Ansi.ON : Ansi.OFF;
    }

    /** Status line, headers and an empty line, on standard error, or on standard output before the body ({@code -i}). */
    void head(Response r, boolean toStdout) {
        String version = r.connection() == null ? "HTTP/1.1" : r.connection().protocol().toUpperCase(Locale.ROOT);
        StringBuilder text = new StringBuilder();
        text.append(ansi.status(r.status(), version + " " + r.status() + (r.reason().isEmpty() ? "" : " " + r.reason()))).append('\n');
        Headers h = r.headers();
        for (int i = 0; i < h.size(); i++) {
            text.append(ansi.headerName(h.name(i))).append(": ").append(h.value(i)).append('\n');
        }
        text.append('\n');
        if (toStdout) {
            write(text.toString().getBytes(StandardCharsets.UTF_8));
        } else {
            err.print(text);
            err.flush();
        }
    }

    /**
     * Reads a body that is not shown to its end, so its connection goes back to the pool for the next
     * URL (and {@code -v}'s total includes it).
     */
    void skipBody(Response r) {
        byte[] buf = new byte[16 * 1024];
        InputStream in = r.inputStream();
        try {
            while (in.read(buf) >= 0) {
                // discarded: --print without b
            }
        } catch (IOException e) {
            throw BodyErrors.of(e, r);
        }
    }

    /** The body on standard output (or a notice on standard error for binary data at a terminal). */
    void body(Response r) {
        if (!terminal && !pretty.formats()) {
            copy(r); // bytes as they arrive: `spool get URL | head` sees data at once
            return;
        }
        byte[] bytes;
        try {
            bytes = r.bytes();
        } catch (SpoolException e) {
            throw BodyErrors.of(e);
        }
        if (bytes.length == 0) {
            return;
        }
        String type = r.header("Content-Type");
        if (terminal && isBinary(type, bytes)) {
            err.println(ansi.dim("spool: binary body not shown (" + Sizes.bytes(bytes.length)
                    + (type == null ? "" : ", " + type) + "); save it with > FILE or spool download"));
            return;
        }
        String formatted = pretty.formats() && isJson(type) ? JsonFormatter.format(bytes, ansi) : null;
        if (formatted != null) {
            write(formatted.getBytes(StandardCharsets.UTF_8));
        } else if (terminal) {
            String text = new String(bytes, r.charset());
            // keep the prompt, or the next response, on its own line
            write((text.endsWith("\n") ? text : text + "\n").getBytes(StandardCharsets.UTF_8));
        } else {
            write(bytes);
        }
    }

    /** Copies a streamed body; the caller's try-with-resources on the response closes the stream. */
    private void copy(Response r) {
        byte[] buf = new byte[16 * 1024];
        InputStream in = r.inputStream();
        try {
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    throw BodyErrors.of(e, r);
                }
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    /** A failed write to standard output, typically a closed pipe ({@code spool get URL | head -c 10}). */
    private static CliException writeFailure(IOException e) {
        return new CliException(ExitCodes.WRITE, "cannot write standard output: " + e.getMessage(), e);
    }

    /** Whether a content type names JSON: {@code application/json} or a {@code +json} suffix (RFC 6839). */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String t = contentType.toLowerCase(Locale.ROOT);
        int semi = t.indexOf(';');
        String media = (semi < 0 ? t : t.substring(0, semi)).trim();
        return media.equals("application/json") || media.endsWith("+json");
    }

    /**
     * Whether a body should be kept off a terminal: a media type that is never text, or a NUL byte
     * in its first {@value #BINARY_SNIFF_BYTES} bytes (text never holds NUL).
     */
    static boolean isBinary(String contentType, byte[] bytes) {
        if (contentType != null) {
            String t = contentType.toLowerCase(Locale.ROOT).trim();
            if (t.startsWith("image/") && !t.startsWith("image/svg") || t.startsWith("audio/") || t.startsWith("video/")
                    || t.startsWith("font/") || t.startsWith("application/octet-stream") || t.startsWith("application/zip")
                    || t.startsWith("application/gzip") || t.startsWith("application/pdf")) {
                return true;
            }
        }
        int n = Math.min(bytes.length, BINARY_SNIFF_BYTES);
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
