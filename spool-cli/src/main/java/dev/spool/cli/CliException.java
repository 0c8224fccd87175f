package dev.spool.cli;

/**
 * A failure the command explains itself: its message is shown as {@code spool: MESSAGE} and the
 * process exits with its code from {@link ExitCodes}.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A usage error: a bad option value or a combination that makes no sense. */
    static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    int exitCode() {
        return exitCode;
    }
}
