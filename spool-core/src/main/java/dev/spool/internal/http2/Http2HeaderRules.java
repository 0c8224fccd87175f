package dev.spool.internal.http2;

import dev.spool.Headers;
import dev.spool.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The HTTP/2 rules for field sections (RFC 9113 sections 8.2 and 8.3), as pure functions: checking a
 * decoded response header or trailer list, where a violation makes the response malformed (a stream
 * error of type PROTOCOL_ERROR, section 8.1.1), and building a request's field list from
 * HTTP/1-style request headers.
 */
public final class Http2HeaderRules {
    /** One decoded or to-be-encoded field: the name lowercase, pseudo-header names start with ':'. */
    public record Field(String name, String value) {
        /** Checks that neither part is null. */
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Fields that only HTTP/1 connections use (section 8.2.2); {@code te} is handled apart. */
    private static final Set<String> CONNECTION_SPECIFIC =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");

    private Http2HeaderRules() {
    }

    /**
     * Checks a response's header section and returns its {@code :status}.
     *
     * @param fields the decoded fields in order
     * @param streamId the stream they came on (> 0), for the error
     * @throws Http2Exception a stream PROTOCOL_ERROR naming what makes the response malformed
     */
    public static int checkResponseHead(List<Field> fields, int streamId) throws Http2Exception {
        int status = -1;
        boolean regularSeen = false;
        for (Field f : fields) {
            String name = f.name();
            if (name.startsWith(":")) {
                if (regularSeen) {
                    throw malformed(streamId, "pseudo-header " + quote(name) + " after a regular field");
                }
                if (!name.equals(":status")) {
                    throw malformed(streamId, "pseudo-header " + quote(name) + " is not allowed in a response (only :status)");
                }
                if (status >= 0) {
                    throw malformed(streamId, "second :status pseudo-header");
                }
                status = parseStatus(f.value(), streamId);
            } else {
                regularSeen = true;
                checkRegular(f, streamId, "response");
            }
        }
        if (status < 0) {
            throw malformed(streamId, "no :status pseudo-header in the response");
        }
        return status;
    }

    /**
     * Checks a trailer section: regular fields only (section 8.1).
     *
     * @throws Http2Exception a stream PROTOCOL_ERROR naming what makes the trailers malformed
     */
    public static void checkTrailers(List<Field> fields, int streamId) throws Http2Exception {
        for (Field f : fields) {
            if (f.name().startsWith(":")) {
                throw malformed(streamId, "pseudo-header " + quote(f.name()) + " in trailers");
            }
            checkRegular(f, streamId, "trailer");
        }
    }

    /** The regular (non-pseudo) fields of a checked section, in order, as {@link Headers}. */
    public static Headers toHeaders(List<Field> fields) {
        String[] nv = new String[2 * fields.size()];
        int n = 0;
        for (Field f : fields) {
            if (!f.name().startsWith(":")) {
                nv[2 * n] = f.name();
                nv[2 * n + 1] = f.value();
                n++;
            }
        }
        return Headers.received(nv, n);
    }

    /**
     * A request's field list (section 8.3.1): {@code :method}, {@code :scheme}, {@code :authority},
     * {@code :path} first (for CONNECT only {@code :method} and {@code :authority}, section 8.5), then
     * the caller's headers with names lowercased, values without leading or trailing whitespace, and
     * without the connection-specific fields (section 8.2.2): Connection, Keep-Alive,
     * Proxy-Connection, Transfer-Encoding, Upgrade, any field the Connection header names, and TE
     * unless it is {@code trailers}. A Host header becomes {@code :authority} (it wins over
     * {@code authority}, as it would on HTTP/1.1).
     *
     * @param authority host[:port] of the target, or null when the headers carry Host
     * @throws IllegalArgumentException if the method is not a token, the path is empty, or no
     *     authority is known
     */
    public static List<Field> requestFields(String method, String scheme, String authority, String path,
            Headers headers) {
        List<Field> out = new ArrayList<>(headers.size() + 4);
        writeRequestFields(method, scheme, checkRequest(method, scheme, authority, path, headers), path, headers,
                NOTHING_DROPPED, (name, value) -> out.add(new Field(name, value)));
        return out;
    }

    /** Receives a request's fields in order, names lowercase (an HPACK encoder, a list). */
    @FunctionalInterface
    public interface FieldConsumer {
        /** One field. */
        void field(String name, String value);
    }

    private static final String[] NOTHING_DROPPED = {};

    /**
     * Checks what {@link #requestFields} checks, before anything is encoded; returns the authority
     * to send ({@code Host} wins over {@code authority}).
     *
     * @throws IllegalArgumentException if the method is not a token, the path is empty, or no
     *     authority is known
     */
    public static String checkRequest(String method, String scheme, String authority, String path, Headers headers) {
        if (!Tokens.isToken(method)) {
            throw new IllegalArgumentException("request method " + quote(String.valueOf(method)) + " is not a token");
        }
        boolean connect = method.equals("CONNECT");
        String host = headers.get("host");
        if (host != null) {
            authority = trimOws(host);
        }
        if (authority == null || authority.isEmpty()) {
            throw new IllegalArgumentException("no authority for the request: pass one or set a Host header");
        }
        if (!connect && (path == null || path.isEmpty())) {
            throw new IllegalArgumentException(":path must not be empty (use \"/\" for the root)");
        }
        if (!connect && (scheme == null || scheme.isEmpty())) {
            throw new IllegalArgumentException(":scheme must not be empty");
        }
        return authority;
    }

    /**
     * The fields of {@link #requestFields}, given to {@code out} one by one with nothing allocated
     * for the common headers, leaving out also the {@code dropped} names (lowercase). The request
     * must have passed {@link #checkRequest}, whose authority this takes.
     */
    public static void writeRequestFields(String method, String scheme, String authority, String path, Headers headers,
            String[] dropped, FieldConsumer out) {
        boolean connect = method.equals("CONNECT");
        out.field(":method", method);
        if (!connect) {
            out.field(":scheme", scheme);
        }
        out.field(":authority", authority);
        if (!connect) {
            out.field(":path", path);
        }
        boolean hasConnection = headers.get("connection") != null;
        for (int i = 0; i < headers.size(); i++) {
            String name = lowercase(headers.name(i));
            String value = trimOws(headers.value(i));
            if (name.equals("host") || CONNECTION_SPECIFIC.contains(name) || isDropped(name, dropped)
                    || hasConnection && connectionNominates(headers, name)
                    || name.equals("te") && !value.equalsIgnoreCase("trailers")) {
                continue;
            }
            out.field(name, name.equals("te") ? "trailers" : value);
        }
    }

    /** Common request header names as clients spell them, each with its lowercase form. */
    private static final java.util.Map<String, String> LOWERCASE = lowercaseNames(
            "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Authorization", "Cache-Control",
            "Connection", "Content-Encoding", "Content-Length", "Content-Type", "Cookie", "Host", "If-Match",
            "If-Modified-Since", "If-None-Match", "If-Range", "If-Unmodified-Since", "Origin", "Pragma", "Range",
            "Referer", "TE", "User-Agent", "X-Requested-With");

    private static java.util.Map<String, String> lowercaseNames(String... names) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (String n : names) {
            m.put(n, n.toLowerCase(Locale.ROOT));
        }
        return java.util.Map.copyOf(m);
    }

    /** The name lowercase: a common name's constant, a lowercase name itself, else a new string. */
    private static String lowercase(String name) {
        String known = LOWERCASE.get(name);
        return known != null ? known : name.toLowerCase(Locale.ROOT);
    }

    private static boolean isDropped(String name, String[] dropped) {
        for (String d : dropped) {
            if (d.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a Connection header lists {@code name} (lowercase) as a connection option, hop by hop. */
    private static boolean connectionNominates(Headers headers, String name) {
        for (int i = 0; i < headers.size(); i++) {
            if (!headers.name(i).equalsIgnoreCase("connection")) {
                continue;
            }
            String list = headers.value(i);
            int at = 0;
            while (at <= list.length()) {
                int comma = list.indexOf(',', at);
                int end = comma < 0 ? list.length() : comma;
                int a = at;
                int b = end;
                while (a < b && isOws(list.charAt(a))) {
                    a++;
                }
                while (b > a && isOws(list.charAt(b - 1))) {
                    b--;
                }
                if (b - a == name.length() && list.regionMatches(true, a, name, 0, b - a)) {
                    return true;
                }
                at = end + 1;
            }
        }
        return false;
    }

    private static void checkRegular(Field f, int streamId, String what) throws Http2Exception {
        String name = f.name();
        if (name.isEmpty()) {
            throw malformed(streamId, "empty " + what + " field name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                throw malformed(streamId, what + " field name " + quote(name) + " has an uppercase character at index " + i);
            }
            if (!Tokens.isTchar(c)) {
                throw malformed(streamId, what + " field name " + quote(name) + " has a character not allowed in a token at index " + i);
            }
        }
        if (CONNECTION_SPECIFIC.contains(name)) {
            throw malformed(streamId, "connection-specific field " + quote(name) + " in the " + what);
        }
        String value = f.value();
        if (name.equals("te") && !value.equals("trailers")) {
            throw malformed(streamId, "te field with value " + quote(value) + " (only \"trailers\" is allowed)");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw malformed(streamId, what + " field " + quote(name) + " value has "
                        + (c == 0 ? "NUL" : c == '\r' ? "CR" : "LF") + " at index " + i);
            }
        }
        if (!value.isEmpty() && (isOws(value.charAt(0)) || isOws(value.charAt(value.length() - 1)))) {
            throw malformed(streamId, what + " field " + quote(name) + " value " + quote(value)
                    + " has leading or trailing whitespace");
        }
    }

    private static int parseStatus(String value, int streamId) throws Http2Exception {
        if (value.length() != 3) {
            throw malformed(streamId, ":status " + quote(value) + " is not 3 digits");
        }
        int status = 0;
        for (int i = 0; i < 3; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw malformed(streamId, ":status " + quote(value) + " is not 3 digits");
            }
            status = status * 10 + (c - '0');
        }
        return status;
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    private static String trimOws(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isOws(s.charAt(start))) {
            start++;
        }
        while (end > start && isOws(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static Http2Exception malformed(int streamId, String what) {
        return Http2Exception.stream(streamId, ErrorCode.PROTOCOL_ERROR, "malformed response on stream " + streamId + ": " + what);
    }

    /** The text in double quotes, control and non-ASCII characters as {@code \xNN} or {@code \\uNNNN}. */
    private static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                sb.append(c);
            } else if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c <= 0xff) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.append('"').toString();
    }
}
