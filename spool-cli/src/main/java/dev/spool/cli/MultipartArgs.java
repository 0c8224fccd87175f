package dev.spool.cli;

import dev.spool.Body;
import dev.spool.Headers;
import dev.spool.InvalidRequestException;
import dev.spool.MultipartBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns {@code -F} arguments into one {@code multipart/form-data} body ({@link Body#multipart()}),
 * read the way curl reads them:
 * <ul>
 *   <li>{@code name=value}: a text field; the value is sent as it is, {@code ;} included (curl's
 *       {@code --form-string}), so a value never changes meaning by what it contains after its first
 *       character;</li>
 *   <li>{@code name=@FILE}: a file upload, named by the file's last path element and typed by its
 *       extension (else {@code application/octet-stream}); {@code @-} uploads standard input as a
 *       file named {@code -};</li>
 *   <li>{@code name=<FILE}: a text field whose value is the file's contents ({@code <-}: standard input);</li>
 *   <li>after {@code @FILE}, {@code ;type=TYPE} and {@code ;filename=NAME} (in any order) set the
 *       part's type and declared file name. A file name or value holding {@code ;} is written in
 *       double quotes, with {@code \"} and {@code \\} inside them (as curl's manual says).</li>
 * </ul>
 * Files are checked now and read when the body is sent, so the body can go to every URL.
 */
final class MultipartArgs {
    private MultipartArgs() {
    }

    /**
     * The body the {@code -F} arguments describe, or null when there are none.
     *
     * @param forms the {@code -F} arguments, in order
     * @param stdin what {@code @-} and {@code <-} read (once)
     */
    static Body build(List<String> forms, InputStream stdin) {
        if (forms.isEmpty()) {
            return null;
        }
        MultipartBuilder mb = Body.multipart();
        boolean stdinUsed = false;
        for (String arg : forms) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw CliException.usage("-F expects name=value, name=@FILE or name=<FILE, got '" + arg + "'");
            }
            if (eq == 0) {
                throw CliException.usage("-F '" + arg + "' has no field name before the '='");
            }
            String name = arg.substring(0, eq);
            String content = arg.substring(eq + 1);
            boolean upload = content.startsWith("@");
            if (!upload && !content.startsWith("<")) {
                mb.field(name, content);
                continue;
            }
            Spec spec = Spec.parse(arg, content.substring(1), upload);
            boolean fromStdin = spec.file().equals("-");
            if (fromStdin && stdinUsed) {
                throw CliException.usage("-F '" + arg + "': standard input can be read by one -F only");
            }
            stdinUsed |= fromStdin;
            try {
                if (!upload) {
                    byte[] bytes = fromStdin ? RequestBodies.readStdin(stdin) : readFile(arg, spec.file());
                    mb.field(name, new String(bytes, StandardCharsets.UTF_8));
                } else if (fromStdin) {
                    mb.file(name, spec.filename() != null ? spec.filename() : "-", RequestBodies.readStdin(stdin),
                            spec.type() != null ? spec.type() : Body.OCTET_STREAM);
                } else {
                    Path path = readable(arg, spec.file());
                    Path last = path.getFileName();
                    String filename = spec.filename() != null ? spec.filename() : last == null ? spec.file() : last.toString();
                    mb.file(name, filename, path, spec.type() != null ? spec.type() : RequestBodies.probeType(path));
                }
            } catch (InvalidRequestException e) {
                throw CliException.usage("-F '" + arg + "': " + e.getMessage());
            }
        }
        return mb.build();
    }

    /**
     * The file and the {@code ;key=value} settings after {@code @} or {@code <}.
     *
     * @param file the path ({@code -} for standard input), unquoted
     * @param type the {@code ;type=} value, or null
     * @param filename the {@code ;filename=} value, or null
     */
    record Spec(String file, String type, String filename) {

        /** Parses {@code FILE[;type=T][;filename=N]}; {@code arg} is the whole argument, for errors. */
        static Spec parse(String arg, String text, boolean upload) {
            Cursor c = new Cursor(arg, text);
            String file = c.value();
            if (file.isEmpty()) {
                throw CliException.usage("-F '" + arg + "' names no file after the '" + (upload ? "@" : "<") + "'");
            }
            String type = null;
            String filename = null;
            while (c.more()) {
                c.expect(';');
                String key = c.key();
                String value = c.value();
                if (key.equals("type") && upload) {
                    if (value.isEmpty()) {
                        throw CliException.usage("-F '" + arg + "': ;type= is empty");
                    }
                    try {
                        Headers.checkValue("Content-Type", value);
                    } catch (InvalidRequestException e) {
                        throw CliException.usage("-F '" + arg + "': ;type=" + value + " is not a valid Content-Type ("
                                + e.getMessage() + ")");
                    }
                    type = value;
                } else if (key.equals("filename") && upload) {
                    filename = value;
                } else {
                    throw CliException.usage("-F '" + arg + "': ';" + key + "=' is not understood here ("
                            + (upload ? "a file upload takes ;type= and ;filename=" : "a <FILE field takes no settings") + ")");
                }
            }
            return new Spec(file, type, filename);
        }
    }

    /** Reads curl's little grammar: values up to {@code ;} or {@code ,}, or in double quotes with backslash escapes. */
    private static final class Cursor {
        private final String arg;
        private final String s;
        private int i;

        Cursor(String arg, String s) {
            this.arg = arg;
            this.s = s;
        }

        boolean more() {
            return i < s.length();
        }

        void expect(char ch) {
            if (s.charAt(i) != ch) {
                throw CliException.usage("-F '" + arg + "': expected '" + ch + "' at '" + s.substring(i) + "'");
            }
            i++;
        }

        String key() {
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                throw CliException.usage("-F '" + arg + "': expected key=value after ';', got '" + s.substring(i) + "'");
            }
            String key = s.substring(i, eq).trim();
            i = eq + 1;
            return key;
        }

        String value() {
            if (i < s.length() && s.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                for (i++; i < s.length(); i++) {
                    char ch = s.charAt(i);
                    if (ch == '"') {
                        i++;
                        if (i < s.length() && s.charAt(i) != ';') {
                            throw CliException.usage("-F '" + arg + "': text after a closing quote: '" + s.substring(i) + "'");
                        }
                        return sb.toString();
                    }
                    if (ch == '\\' && i + 1 < s.length()) {
                        ch = s.charAt(++i);
                    }
                    sb.append(ch);
                }
                throw CliException.usage("-F '" + arg + "': a double quote is not closed");
            }
            int end = s.indexOf(';', i);
            String v = s.substring(i, end < 0 ? s.length() : end);
            i = end < 0 ? s.length() : end;
            return v;
        }
    }

    private static Path readable(String arg, String file) {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new CliException(ExitCodes.READ, "-F " + arg + ": no readable file " + path.toAbsolutePath());
        }
        return path;
    }

    private static byte[] readFile(String arg, String file) {
        Path path = readable(arg, file);
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new CliException(ExitCodes.READ, "-F " + arg + ": cannot read " + path.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
