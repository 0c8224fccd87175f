package dev.spool.cli;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether the command talks to a person at a terminal, which decides colours, pretty-printing,
 * the binary-body guard and the download progress bar.
 */
final class Terminal {
    private Terminal() {
    }

    /**
     * Whether standard input and output are a terminal. On JDK 17 to 21 {@link System#console()} is
     * non-null exactly then; from JDK 22 it returns a console even when output is redirected, and
     * {@code Console.isTerminal()} (added in 22, looked up reflectively since we compile for 17) tells.
     */
    static boolean isInteractive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        Method isTerminal;
        try {
            isTerminal = Console.class.getMethod("isTerminal");
        } catch (NoSuchMethodException e) {
            return true;
        }
        try {
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Whether the user asked for no colours (https://no-color.org: {@code NO_COLOR} set and not empty). */
    static boolean noColorRequested() {
        String v = System.getenv("NO_COLOR");
        return v != null && !v.isEmpty();
    }
}
