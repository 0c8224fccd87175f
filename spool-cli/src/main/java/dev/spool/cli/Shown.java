package dev.spool.cli;

/**
 * What a call shows, decided once from {@code --print}, {@code -i}, {@code -v} and whether standard
 * output is a terminal, as HTTPie decides: at a terminal the response head and body, piped or
 * redirected the body alone, so {@code spool get URL | jq .} gets nothing but the body and standard
 * error stays quiet unless something fails.
 *
 * @param requestHead the request as sent ({@code >} lines, standard error): {@code --print H}, {@code -v}
 * @param responseHead the status line and headers
 * @param body the response body, on standard output
 * @param headOnStdout the response head goes to standard output before the body ({@code -i}, as curl
 *     {@code -i}); otherwise to standard error
 */
record Shown(boolean requestHead, boolean responseHead, boolean body, boolean headOnStdout) {
    /** The letters {@code --print} takes. */
    static final String LETTERS = "Hhb";

    /**
     * Decides what shows.
     *
     * @param print the {@code --print} letters, or null when not given
     * @param include {@code -i}: the response head, on standard output
     * @param verbose {@code -v}: the request and the response head too, unless {@code --print} says otherwise
     * @param terminal whether standard output is a terminal
     * @param headOnly the method has no response body ({@code HEAD}): the head is what there is to show
     */
    static Shown of(String print, boolean include, boolean verbose, boolean terminal, boolean headOnly) {
        if (print == null) {
            return new Shown(verbose, terminal || verbose || include || headOnly, true, include);
        }
        if (print.isEmpty()) {
            throw CliException.usage("--print needs at least one of the letters H (request head), h (response head), b (body)");
        }
        for (int i = 0; i < print.length(); i++) {
            if (LETTERS.indexOf(print.charAt(i)) < 0) {
                throw CliException.usage("--print takes the letters H (request head), h (response head) and b (body), got '"
                        + print.charAt(i) + "' in '" + print + "'");
            }
        }
        return new Shown(print.indexOf('H') >= 0, print.indexOf('h') >= 0 || include, print.indexOf('b') >= 0, include);
    }
}
