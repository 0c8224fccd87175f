package dev.spool.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code spool download} does with a response, given how many bytes of the file are already
 * on disk and whether it asked for the rest with {@code Range: bytes=N-} (RFC 9110 section 14):
 * write the file from the start, append to it, or nothing because it is complete. A pure function
 * of the response's status and headers.
 *
 * @param action what to do
 * @param offset the file position the body starts at
 * @param total the full file size, or -1 when unknown
 */
record ResumePlan(Action action, long offset, long total) {
    /** {@code Content-Range: bytes first-last/complete}, complete possibly {@code *} (RFC 9110 section 14.4). */
    private static final Pattern RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*");
    /** {@code Content-Range: bytes *}{@code /complete}, sent with 416. */
    private static final Pattern UNSATISFIED = Pattern.compile("bytes\\s+\\*/(\\d+)\\s*");

    /** What to do with the body. */
    enum Action {
        /** Write the file from its start (a fresh download, or a server that ignored the range). */
        WRITE,
        /** Append the body to the bytes on disk. */
        APPEND,
        /** The file on disk is already whole; the body (if any) is not used. */
        COMPLETE
    }

    /**
     * Decides.
     *
     * @param onDisk bytes already in the file; a Range request was sent when this is above 0
     * @param status the response status
     * @param contentRange the {@code Content-Range} header, or null
     * @param contentLength the body length from {@code Content-Length}, or -1
     * @param file the file's name, for messages
     * @throws CliException when the response cannot be used for this file
     */
    static ResumePlan decide(long onDisk, int status, String contentRange, long contentLength, String file) {
        if (status == 200) {
            return new ResumePlan(Action.WRITE, 0, contentLength);
        }
        if (status == 206) {
            if (onDisk == 0) {
                throw new CliException(ExitCodes.RANGE, "the server sent 206 Partial Content to a request without Range; not saving part of "
                        + file);
            }
            Matcher m = contentRange == null ? null : RANGE.matcher(contentRange);
            if (m == null || !m.matches()) {
                throw new CliException(ExitCodes.RANGE, "the server sent 206 Partial Content with Content-Range '" + contentRange
                        + "', which is not 'bytes FIRST-LAST/SIZE'; " + file + " is left as it was");
            }
            long first = Long.parseLong(m.group(1));
            if (first != onDisk) {
                throw new CliException(ExitCodes.RANGE, "asked to resume " + file + " at byte " + onDisk + " but the server sent bytes from "
                        + first + "; " + file + " is left as it was");
            }
            long total = m.group(3).equals("*") ? (contentLength >= 0 ? onDisk + contentLength : -1) : Long.parseLong(m.group(3));
            return new ResumePlan(Action.APPEND, onDisk, total);
        }
        if (status == 416 && onDisk > 0) {
            Matcher m = contentRange == null ? null : UNSATISFIED.matcher(contentRange);
            if (m != null && m.matches() && Long.parseLong(m.group(1)) == onDisk) {
                return new ResumePlan(Action.COMPLETE, onDisk, onDisk);
            }
            String size = m != null && m.matches() ? m.group(1) + " bytes" : "an unknown size";
            throw new CliException(ExitCodes.RANGE, "the server cannot resume " + file + " at byte " + onDisk
                    + " (416 Range Not Satisfiable; it reports " + size + "); delete the file or download without --continue");
        }
        throw new CliException(ExitCodes.HTTP_ERROR, "HTTP " + status + " is not a file (expected 200, or 206 when resuming); nothing saved to "
                + file);
    }
}
