package dev.spool.internal.auth;

import dev.spool.InvalidRequestException;
import dev.spool.auth.Auth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Credentials from a {@code .netrc} file, as requests reads them when it trusts the environment: the
 * file {@code NETRC} names, else {@code ~/.netrc}, else {@code ~/_netrc}; an entry per {@code machine}
 * (matched to the request's host, case-insensitively, any port) and an optional {@code default} for
 * every other host, each giving Basic credentials from {@code login} and {@code password}.
 *
 * <p>The syntax is curl's and Python's: whitespace-separated tokens, {@code "quoted tokens"} with
 * backslash escapes, {@code #} starting a comment to the end of the line, {@code account} read and
 * ignored, {@code macdef NAME} followed by a macro that runs to the next empty line and is skipped.
 * As in Python (and so requests), a later entry for the same machine replaces an earlier one.
 */
public final class Netrc {
    private final Path file;
    /** Basic auth per machine name, lowercased; login and password are "" when the entry has none. */
    private final Map<String, Auth> machines;
    private final Auth fallback;

    private Netrc(Path file, Map<String, Auth> machines, Auth fallback) {
        this.file = file;
        this.machines = machines;
        this.fallback = fallback;
    }

    /**
     * The netrc file the environment points at, parsed, or null when there is none: {@code NETRC}
     * when set (a file it names that does not exist means no netrc, as in requests), else
     * {@code .netrc} then {@code _netrc} in {@code HOME}.
     *
     * @param env the variables to read
     * @param processEnvironment whether {@code env} is the process's own, in which case a missing
     *     {@code HOME} falls back to the JVM's {@code user.home}; a map given for a session stands alone
     * @throws InvalidRequestException when the file cannot be read or is not valid netrc syntax,
     *     naming the file, the line and what was wrong
     */
    public static Netrc fromEnvironment(Map<String, String> env, boolean processEnvironment) {
        String home = env.get("HOME");
        if ((home == null || home.isBlank()) && processEnvironment) {
            home = System.getProperty("user.home");
        }
        String named = env.get("NETRC");
        if (named != null && !named.isBlank()) {
            Path p = path(named.trim(), home);
            return Files.isRegularFile(p) ? load(p) : null;
        }
        if (home == null || home.isBlank()) {
            return null;
        }
        for (String name : new String[] {".netrc", "_netrc"}) {
            Path p = path(home, null).resolve(name);
            if (Files.isRegularFile(p)) {
                return load(p);
            }
        }
        return null;
    }

    /** Reads and parses a netrc file. */
    static Netrc load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new InvalidRequestException("cannot read the netrc file " + file + ": " + e.getMessage()
                    + " (fix it, or turn trustEnv off to ignore the environment)", e);
        }
        return parse(text, file);
    }

    /**
     * Parses netrc text.
     *
     * @param file where the text came from, for messages
     * @throws InvalidRequestException naming the file, the line and what was wrong
     */
    static Netrc parse(String text, Path file) {
        Lexer lx = new Lexer(text, file);
        Map<String, Auth> machines = new HashMap<>();
        Auth fallback = null;
        String token = lx.next();
        while (token != null) {
            String machine;
            int line = lx.line;
            if (token.equals("machine")) {
                machine = lx.value("machine");
            } else if (token.equals("default")) {
                machine = null;
            } else if (token.equals("macdef")) {
                lx.value("macdef");
                lx.skipMacro();
                token = lx.next();
                continue;
            } else {
                throw lx.error(line, "expected 'machine', 'default' or 'macdef', found '" + token + "'");
            }
            String login = "";
            String password = "";
            token = lx.next();
            while (token != null && !token.equals("machine") && !token.equals("default") && !token.equals("macdef")) {
                switch (token) {
                    case "login":
                        login = lx.value("login");
                        break;
                    case "password":
                        password = lx.value("password");
                        break;
                    case "account":
                        lx.value("account");
                        break;
                    default:
                        throw lx.error(lx.line, "unknown token '" + token + "' in the entry for "
                                + (machine == null ? "default" : "machine " + machine));
                }
                token = lx.next();
            }
            Auth e;
            try {
                e = Auth.basic(login, password);
            } catch (IllegalArgumentException bad) {
                throw lx.error(line, "the entry for " + (machine == null ? "default" : "machine " + machine)
                        + " cannot be used for Basic auth: " + bad.getMessage());
            }
            if (machine == null) {
                fallback = e;
            } else {
                machines.put(machine.toLowerCase(Locale.ROOT), e);
            }
        }
        return new Netrc(file, Map.copyOf(machines), fallback);
    }

    /** Basic credentials for a host (an IPv6 literal without brackets), or null when the file has none for it. */
    public Auth authFor(String host) {
        Auth a = machines.get(host.toLowerCase(Locale.ROOT));
        return a != null ? a : fallback;
    }

    /** Whether the file has any credentials at all. */
    public boolean isEmpty() {
        return machines.isEmpty() && fallback == null;
    }

    @Override
    public String toString() {
        return "Netrc[" + file + ", " + machines.size() + " machines" + (fallback != null ? " and a default" : "") + "]";
    }

    /** A path, with a leading {@code ~} meaning {@code home} (left as it is when there is no home). */
    private static Path path(String value, String home) {
        String v = value;
        if ((v.equals("~") || v.startsWith("~/")) && home != null && !home.isBlank()) {
            v = home + v.substring(1);
        }
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new InvalidRequestException("the netrc path " + value + " is not a path: " + e.getMessage(), e);
        }
    }

    /** Splits netrc text into tokens, counting lines for messages. */
    private static final class Lexer {
        private final String s;
        private final Path file;
        private int i;
        int line = 1;

        Lexer(String s, Path file) {
            this.s = s;
            this.file = file;
        }

        /** The next token, or null at the end. */
        String next() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\n') {
                    line++;
                    i++;
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '#') {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else {
                    return c == '"' ? quoted() : bare();
                }
            }
            return null;
        }

        /** The token after a keyword, which must be there. */
        String value(String keyword) {
            int at = line;
            String v = next();
            if (v == null) {
                throw error(at, "'" + keyword + "' at the end of the file has no value");
            }
            return v;
        }

        private String bare() {
            int start = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            return s.substring(start, i);
        }

        private String quoted() {
            int at = line;
            i++; // the opening quote
            StringBuilder b = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\' && i < s.length()) {
                    c = s.charAt(i++);
                }
                if (c == '\n') {
                    line++;
                }
                b.append(c);
            }
            throw error(at, "a quoted token is not closed");
        }

        /** Skips a macro definition: the rest of its line, then every line up to an empty one. */
        void skipMacro() {
            int nl = s.indexOf('\n', i);
            if (nl < 0) {
                i = s.length();
                return;
            }
            i = nl + 1;
            line++;
            while (i < s.length()) {
                int end = s.indexOf('\n', i);
                String l = end < 0 ? s.substring(i) : s.substring(i, end);
                i = end < 0 ? s.length() : end + 1;
                line++;
                if (l.isBlank()) {
                    return;
                }
            }
        }

        InvalidRequestException error(int at, String what) {
            return new InvalidRequestException("netrc file " + file + ", line " + at + ": " + what
                    + " (fix it, or turn trustEnv off to ignore the environment)");
        }
    }
}
