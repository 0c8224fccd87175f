package dev.spool.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL as typed on the command line, made into one the library takes, as curl and HTTPie read
 * them: without a scheme it means {@code http://} ({@code 127.0.0.1:8080/x}, {@code localhost/x});
 * a scheme spool does not speak is refused by name, with the scheme it most likely meant
 * ({@code htp} gives "did you mean http?").
 */
final class UrlArg {
    /** A scheme followed by {@code ://}: RFC 3986's scheme syntax. */
    private static final Pattern WITH_SLASHES = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://.*", Pattern.DOTALL);
    /** A scheme and a colon without the slashes ({@code http:/x}), or a host and port ({@code localhost:80/x}). */
    private static final Pattern COLON = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):.*", Pattern.DOTALL);
    private static final List<String> SPOKEN = List.of("http", "https");

    private UrlArg() {
    }

    /** Each URL made whole, all checked before anything is sent. */
    static List<String> normalize(List<String> urls) {
        List<String> out = new ArrayList<>(urls.size());
        for (String u : urls) {
            out.add(normalize(u));
        }
        return out;
    }

    /**
     * The URL with {@code http://} in front when it has no scheme; unchanged when its scheme is
     * http or https (in any case); a usage error (exit code 3) naming the scheme otherwise.
     */
    static String normalize(String url) {
        Matcher m = WITH_SLASHES.matcher(url);
        if (m.matches()) {
            String scheme = m.group(1).toLowerCase(Locale.ROOT);
            if (SPOKEN.contains(scheme)) {
                return url;
            }
            String guess = guess(scheme);
            throw new CliException(ExitCodes.BAD_REQUEST, "URL \"" + url + "\": unknown scheme " + m.group(1)
                    + (guess != null ? "; did you mean " + guess + "?" : "; spool speaks http and https"));
        }
        Matcher c = COLON.matcher(url);
        if (c.matches() && SPOKEN.contains(c.group(1).toLowerCase(Locale.ROOT))) {
            return url; // http:/x or https:x: the library says what is missing
        }
        if (url.startsWith("//")) {
            return "http:" + url;
        }
        return "http://" + url;
    }

    /**
     * The spoken scheme a mistyped one was most likely meant to be: one edit away (a letter missing,
     * extra, wrong or two swapped), or two for a scheme that starts with {@code h}; null when none is
     * that close ({@code ftp} is a scheme of its own, not a typo).
     */
    static String guess(String scheme) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String s : SPOKEN) {
            int d = distance(scheme, s);
            if (d < bestDistance) {
                best = s;
                bestDistance = d;
            }
        }
        int allowed = scheme.startsWith("h") ? 2 : 1;
        return bestDistance <= allowed ? best : null;
    }

    /** The optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
