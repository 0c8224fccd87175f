package dev.spool.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The command's standard streams, in UTF-8 whatever the platform's default charset (JDK 17 takes it
 * from the locale, which is ASCII under a POSIX locale), and whether a person is watching.
 *
 * @param in standard input
 * @param out standard output, for bodies (raw bytes)
 * @param err standard error, for status lines, headers, progress and errors
 * @param terminal whether standard input and output are a terminal
 */
record Io(InputStream in, OutputStream out, PrintStream err, boolean terminal) {

    /** The process's streams. */
    static Io system() {
        // System.in, not a FileInputStream of fd 0: JDK 17's FileInputStream.readAllBytes asks a
        // pipe for its size and fails with "Illegal seek".
        return new Io(System.in,
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024),
                new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8),
                Terminal.isInteractive());
    }

    /** Standard output as text, for tables and help. */
    PrintStream outText() {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
