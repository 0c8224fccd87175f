package dev.spool.bench;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns an exception into the one line the table shows for a client that could not run. */
final class Failures {
    private static final int MAX_LENGTH = 160;

    private Failures() {
    }

    /** {@code Type: message}, with the root cause added when it says something else. */
    static String describe(Throwable t) {
        Throwable top = t;
        while ((top instanceof ExecutionException || top instanceof CompletionException) && top.getCause() != null) {
            top = top.getCause();
        }
        Throwable root = top;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String s = one(top);
        if (root != top) {
            s += " (cause: " + one(root) + ")";
        }
        return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH - 3) + "...";
    }

    private static String one(Throwable t) {
        String msg = t.getMessage();
        String name = t.getClass().getSimpleName();
        if (msg == null || msg.isBlank()) {
            return name;
        }
        int nl = msg.indexOf('\n');
        return name + ": " + (nl < 0 ? msg : msg.substring(0, nl)).trim();
    }
}
