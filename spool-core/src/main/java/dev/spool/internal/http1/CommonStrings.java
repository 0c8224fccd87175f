package dev.spool.internal.http1;

import dev.spool.Reasons;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header names, header values and reason phrases that most responses repeat, as shared
 * constants: parsing a typical response head then allocates no String for them.
 */
final class CommonStrings {
    /** Names the parser itself reads to decide framing and persistence (RFC 9112 sections 6 and 9). */
    static final String CONTENT_LENGTH = "Content-Length";
    static final String TRANSFER_ENCODING = "Transfer-Encoding";
    static final String CONNECTION = "Connection";
    static final String KEEP_ALIVE = "Keep-Alive";

    /**
     * Response header names seen on nearly every site (the RFC 9110 fields plus the security and
     * CORS headers common in the wild), in their registered spelling; the table also holds each in
     * lower case, the spelling of servers that share code with HTTP/2 (where names are lower case).
     */
    private static final String[] NAMES = {
        CONTENT_LENGTH, TRANSFER_ENCODING, CONNECTION, KEEP_ALIVE,
        "Content-Type", "Date", "Server", "Last-Modified", "ETag", "Accept-Ranges", "Cache-Control",
        "Location", "Set-Cookie", "Content-Encoding", "Vary", "Expires", "Age", "Pragma", "Via",
        "Content-Language", "Content-Location", "Content-Range", "Content-Disposition",
        "Content-Security-Policy", "Strict-Transport-Security", "X-Content-Type-Options",
        "X-Frame-Options", "X-XSS-Protection", "Referrer-Policy", "Permissions-Policy",
        "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
        "Access-Control-Allow-Methods", "Access-Control-Allow-Headers",
        "Access-Control-Expose-Headers", "Access-Control-Max-Age",
        "WWW-Authenticate", "Proxy-Authenticate", "Retry-After", "Link", "Allow", "Alt-Svc",
        "Trailer", "Upgrade", "X-Powered-By", "X-Request-Id", "X-Cache", "Report-To", "NEL",
        "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy", "Cross-Origin-Embedder-Policy",
    };

    /** Header values that recur across responses (framing tokens, common media types and policies). */
    private static final String[] VALUES = {
        "chunked", "close", "keep-alive", "bytes", "none", "gzip", "br", "deflate", "zstd", "identity",
        "Accept-Encoding", "Origin", "Accept", "Cookie", "nosniff", "DENY", "SAMEORIGIN", "*", "0", "1",
        "no-cache", "no-store", "private", "public", "max-age=0", "must-revalidate",
        "no-cache, no-store, must-revalidate", "1; mode=block", "strict-origin-when-cross-origin",
        "no-referrer", "same-origin", "cross-origin", "same-site",
        "text/plain", "text/html", "text/css", "text/javascript", "application/json",
        "application/javascript", "application/octet-stream", "application/xml", "image/png",
        "image/jpeg", "image/gif", "image/svg+xml", "image/webp",
        "text/plain; charset=utf-8", "text/plain;charset=utf-8", "text/plain; charset=UTF-8",
        "text/plain;charset=UTF-8", "text/html; charset=utf-8", "text/html;charset=utf-8",
        "text/html; charset=UTF-8", "text/html;charset=UTF-8", "application/json; charset=utf-8",
        "application/json;charset=utf-8", "application/json; charset=UTF-8",
        "application/json;charset=UTF-8", "nginx", "Apache", "cloudflare", "HIT", "MISS",
    };

    /** The standard reason phrases, from Spool's one table of them ({@link Reasons}), as servers spell them. */
    private static final String[] REASONS = standardReasons();

    static final InternTable HEADER_NAMES = new InternTable(withLowerCase(NAMES));
    static final InternTable HEADER_VALUES = new InternTable(VALUES);
    static final InternTable REASON_PHRASES = new InternTable(REASONS);

    private CommonStrings() {
    }

    private static String[] standardReasons() {
        List<String> all = new ArrayList<>();
        for (int status = 100; status < 600; status++) {
            String reason = Reasons.of(status);
            if (!reason.isEmpty()) {
                all.add(reason);
            }
        }
        return all.toArray(new String[0]);
    }

    private static String[] withLowerCase(String[] names) {
        List<String> all = new ArrayList<>();
        for (String n : names) {
            all.add(n);
            all.add(n.toLowerCase(Locale.ROOT));
        }
        return all.toArray(new String[0]);
    }
}
