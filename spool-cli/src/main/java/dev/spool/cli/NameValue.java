package dev.spool.cli;

/**
 * A {@code name=value} argument ({@code -p}), split at the first {@code =}.
 *
 * @param name the text before the first {@code =}, not empty
 * @param value the text after it, possibly empty
 */
record NameValue(String name, String value) {

    /** Parses {@code name=value}; {@code option} names the option in the error. */
    static NameValue parse(String option, String arg) {
        int eq = arg.indexOf('=');
        if (eq < 0) {
            throw CliException.usage(option + " expects name=value, got '" + arg + "'");
        }
        if (eq == 0) {
            throw CliException.usage(option + " '" + arg + "' has no name before the '='");
        }
        return new NameValue(arg.substring(0, eq), arg.substring(eq + 1));
    }
}
