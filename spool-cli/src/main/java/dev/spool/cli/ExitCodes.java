package dev.spool.cli;

/**
 * The command's exit codes. Where curl has a code for the same failure, Spool uses curl's number
 * (from curl's {@code libcurl-errors(3)}), so scripts written for curl read them the same way.
 */
final class ExitCodes {
    /** Success. */
    static final int OK = 0;
    /** A failure no other code names. */
    static final int OTHER = 1;
    /** Bad command-line usage (picocli's {@code ExitCode.USAGE}). */
    static final int USAGE = 2;
    /** A malformed URL or a request the library refused before any I/O (curl's CURLE_URL_MALFORMAT). */
    static final int BAD_REQUEST = 3;
    /** The proxy's host name could not be resolved (CURLE_COULDNT_RESOLVE_PROXY). */
    static final int RESOLVE_PROXY = 5;
    /** The host name could not be resolved (CURLE_COULDNT_RESOLVE_HOST). */
    static final int RESOLVE = 6;
    /** The TCP connection could not be made (CURLE_COULDNT_CONNECT). */
    static final int CONNECT = 7;
    /** The server's reply was not valid HTTP/1.1 (CURLE_WEIRD_SERVER_REPLY). */
    static final int PROTOCOL = 8;
    /** The body ended before its declared length: a partial transfer (CURLE_PARTIAL_FILE). */
    static final int PARTIAL = 18;
    /** An HTTP status of 400 or more with {@code --fail}, or for {@code download} (CURLE_HTTP_RETURNED_ERROR). */
    static final int HTTP_ERROR = 22;
    /** The output file could not be written (CURLE_WRITE_ERROR). */
    static final int WRITE = 23;
    /** An input file ({@code -d @FILE}) could not be read (CURLE_READ_ERROR). */
    static final int READ = 26;
    /** A download's range reply does not fit the file on disk (CURLE_RANGE_ERROR). */
    static final int RANGE = 33;
    /** A connect, read or pool timeout (CURLE_OPERATION_TIMEDOUT). */
    static final int TIMEOUT = 28;
    /** The TLS handshake failed for a reason other than the certificate (CURLE_SSL_CONNECT_ERROR). */
    static final int TLS = 35;
    /** More redirects than {@code --max-redirects} (default 30) allow (CURLE_TOO_MANY_REDIRECTS). */
    static final int TOO_MANY_REDIRECTS = 47;
    /** The connection broke while sending or receiving, or a proxy refused the tunnel (CURLE_RECV_ERROR). */
    static final int CONNECTION_BROKEN = 56;
    /** The server's certificate could not be verified (CURLE_PEER_FAILED_VERIFICATION). */
    static final int CERTIFICATE = 60;
    /** The downloaded file does not match {@code --checksum} (Spool's own; curl has no such check). */
    static final int CHECKSUM = 90;

    private ExitCodes() {
    }
}
