package dev.spool.auth;

import dev.spool.Tokens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One authentication challenge from a {@code WWW-Authenticate} header (RFC 9110 section 11.6.1):
 * a scheme with either auth-params or a token68. A header may hold several challenges separated by
 * commas, and a response may repeat the header; {@link #parse(List)} reads them all, leniently.
 *
 * @param scheme the auth scheme as sent ({@code Digest}, {@code Basic}...); compare it ignoring case
 * @param params the auth-params, names lowercased, quoted values unquoted; empty with a token68
 * @param token68 the token68 form's value, or null
 */
public record Challenge(String scheme, Map<String, String> params, String token68) {
    /** A challenge; the parameters are copied. */
    public Challenge {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /** The value of a parameter (name case-insensitive), or null. */
    public String param(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }

    /** Whether this is a challenge of that scheme, ignoring case. */
    public boolean is(String authScheme) {
        return scheme.equalsIgnoreCase(authScheme);
    }

    /** Every challenge in these {@code WWW-Authenticate} values, in order; malformed parts are skipped. */
    public static List<Challenge> parse(List<String> headerValues) {
        List<Challenge> out = new ArrayList<>();
        for (String v : headerValues) {
            new Parser(v).parseInto(out);
        }
        return out;
    }

    /** A hand-written reader of the challenge grammar: linear, no regular expressions. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        void parseInto(List<Challenge> out) {
            while (true) {
                skipSpacesAndCommas();
                if (pos >= s.length()) {
                    return;
                }
                String scheme = token();
                if (scheme.isEmpty()) {
                    pos++; // not a token: skip the character and look for the next challenge
                    continue;
                }
                skipSpaces();
                String t68 = token68();
                if (t68 != null) {
                    out.add(new Challenge(scheme, Map.of(), t68));
                    continue;
                }
                Map<String, String> params = new LinkedHashMap<>();
                while (true) {
                    skipSpaces();
                    int start = pos;
                    String name = token();
                    if (name.isEmpty()) {
                        break;
                    }
                    skipSpaces();
                    if (pos >= s.length() || s.charAt(pos) != '=') {
                        pos = start; // a token without '=': the next challenge's scheme
                        break;
                    }
                    pos++;
                    skipSpaces();
                    String value = pos < s.length() && s.charAt(pos) == '"' ? quoted() : token();
                    params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
                    skipSpaces();
                    if (pos < s.length() && s.charAt(pos) == ',') {
                        pos++;
                        continue;
                    }
                    break;
                }
                out.add(new Challenge(scheme, params, null));
            }
        }

        /** A token68 that stands alone up to the next comma or the end, or null (position unchanged). */
        private String token68() {
            int start = pos;
            int p = pos;
            while (p < s.length() && isToken68Char(s.charAt(p))) {
                p++;
            }
            if (p == start) {
                return null;
            }
            while (p < s.length() && s.charAt(p) == '=') {
                p++;
            }
            int end = p;
            while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
                p++;
            }
            if (p < s.length() && s.charAt(p) != ',') {
                return null;
            }
            // "realm=x" is an auth-param, never a token68 ending in '=' followed by more text.
            pos = p;
            return s.substring(start, end);
        }

        private String token() {
            int start = pos;
            while (pos < s.length() && Tokens.isTchar(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private String quoted() {
            StringBuilder sb = new StringBuilder();
            pos++; // opening quote
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '\\' && pos < s.length()) {
                    sb.append(s.charAt(pos++));
                } else if (c == '"') {
                    return sb.toString();
                } else {
                    sb.append(c);
                }
            }
            return sb.toString(); // unterminated: take what there is, as browsers do
        }

        private void skipSpaces() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private void skipSpacesAndCommas() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == ',')) {
                pos++;
            }
        }

        private static boolean isToken68Char(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~+/".indexOf(c) >= 0;
        }
    }
}
