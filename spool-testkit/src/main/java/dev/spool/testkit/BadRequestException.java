package dev.spool.testkit;

/** Why a request cannot be parsed; {@link MockServer} answers it with 400 and closes the connection. */
final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
        super(message);
    }
}
