package dev.spool.cli;

/** The {@code --pretty} choices, as HTTPie names them. */
enum Pretty {
    /** {@link #all} when standard output is a terminal, {@link #none} when it is piped or redirected. */
    auto,
    /** JSON indented and coloured, headers coloured. */
    all,
    /** JSON indented, no colours. */
    format,
    /** The body exactly as received. */
    none;

    /** This choice with {@code auto} decided: {@code all} at a terminal (just {@code format} under NO_COLOR). */
    Pretty resolve(boolean terminal, boolean noColor) {
        if (this != auto) {
            return this;
        }
        if (!terminal) {
            return none;
        }
        return noColor ? format : all;
    }

    boolean formats() {
        return this == all || this == format;
    }

    boolean colours() {
        return this == all;
    }
}
