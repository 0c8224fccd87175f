package dev.spool.cli;

import dev.spool.RequestBuilder;
import dev.spool.Response;
import dev.spool.Session;
import dev.spool.SpoolException;
import dev.spool.Url;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spool download URL -o FILE}: saves a body to a file with a progress bar at a terminal,
 * resumes a partial file with {@code --continue} ({@code Range: bytes=N-}), and checks a digest
 * with {@code --checksum}.
 */
@Command(name = "download", mixinStandardHelpOptions = true, versionProvider = SpoolCommand.Version.class, sortOptions = false,
        description = "Save a URL's body to a file, with a progress bar at a terminal.")
final class DownloadCommand implements Callable<Integer> {
    private final Io io;

    @Parameters(paramLabel = "URL", description = "What to download (http:// when it has no scheme).")
    String url;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to save it (default: the last segment of the URL's path, in the current directory).")
    Path output;

    @Option(names = {"-c", "--continue"},
            description = "Resume: ask for the bytes after those already in FILE (Range: bytes=N-); a server that "
                    + "ignores the range sends the whole file, which then replaces FILE.")
    boolean resume;

    @Option(names = "--checksum", paramLabel = "ALGORITHM:HEX",
            description = "Check the saved file's digest (md5, sha1, sha256, sha384, sha512); on a mismatch the file is "
                    + "removed and the exit code is 90.")
    String checksum;

    @Mixin
    HeaderOptions headers;

    @Option(names = {"-v", "--verbose"}, description = "Show the library's connection log, the connection facts and the timings.")
    boolean verbose;

    @Mixin
    SessionOptions session;

    @Mixin
    RetryOptions retry;

    DownloadCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        url = UrlArg.normalize(url);
        Checksum expected = checksum == null ? null : Checksum.parse(checksum);
        headers.parsedHeaders();
        headers.parsedParams();
        Path file = output != null ? output : fileNameOf(url);
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        long onDisk = resume && Files.isRegularFile(file) ? Files.size(file) : 0;
        long started = System.nanoTime();
        long received = 0;
        boolean complete = false;
        Retrying retrying = retry.retrying(io.err());
        Session.Builder builder = session.builder(io.terminal());
        if (verbose) {
            builder.eventListener(new RequestEcho(io.err()));
            TimingWarmup.run();
        }
        LibraryLog log = LibraryLog.install(io.err(), verbose);
        try (log; Session s = builder.build()) {
            long from = onDisk;
            Retrying.Outcome sent = retrying.send("GET", null, () -> request(s, from).send());
            try (Response r = sent.response()) {
                if (verbose) {
                    ConnectionReport.print(io.err(), r);
                    new ResponsePrinter(io.err(), io.out(), io.terminal(), Pretty.none).head(r, false);
                }
                if (r.status() >= 400 && !(r.status() == 416 && onDisk > 0)) {
                    throw new CliException(ExitCodes.HTTP_ERROR, "HTTP " + r.status() + " " + r.reason() + " from " + r.url()
                            + (sent.attempts() > 1 ? " after " + Retrying.attempts(sent.attempts()) : "")
                            + "; nothing saved to " + file);
                }
                ResumePlan plan = ResumePlan.decide(onDisk, r.status(), r.header("Content-Range"), contentLength(r), name);
                complete = plan.action() == ResumePlan.Action.COMPLETE;
                if (!complete) {
                    if (onDisk > 0) {
                        io.err().println(plan.action() == ResumePlan.Action.APPEND
                                ? "spool: resuming " + file + " at " + Sizes.bytes(onDisk)
                                : "spool: the server ignored the range and sent the whole file; rewriting " + file);
                    }
                    received = save(r, file, plan);
                }
                if (verbose) {
                    ConnectionReport.printTimings(io.err(), r);
                }
            }
        }
        long nanos = System.nanoTime() - started;
        long size = Files.size(file);
        if (expected != null) {
            verify(expected, file);
        }
        String verified = expected != null ? ", " + expected.algorithm() + " verified" : "";
        if (complete) {
            io.err().println("spool: " + file + " is already complete (" + Sizes.bytes(size) + ")" + verified);
        } else {
            io.err().println("spool: saved " + file + " (" + Sizes.bytes(size) + "; " + Sizes.bytes(received) + " received in "
                    + String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9) + ", " + Sizes.rate(received, nanos) + ")"
                    + verified);
        }
        return ExitCodes.OK;
    }

    /** One attempt's request: a new builder each time, so a retry sends what the first attempt sent. */
    private RequestBuilder request(Session s, long onDisk) {
        RequestBuilder rb = s.request("GET", url).stream(true);
        headers.applyTo(rb);
        // Byte ranges count the bytes as sent: a gzip-encoded body would make the offsets of the
        // file on disk meaningless, so ask for the file as it is (wget does the same).
        rb.header("Accept-Encoding", "identity");
        if (onDisk > 0) {
            rb.header("Range", "bytes=" + onDisk + "-");
        }
        return rb;
    }

    /** Writes the body at the plan's offset; returns the bytes received. */
    private long save(Response r, Path file, ResumePlan plan) {
        OutputStream out;
        try {
            out = plan.action() == ResumePlan.Action.APPEND
                    ? Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                    : Files.newOutputStream(file);
        } catch (IOException e) {
            throw new CliException(ExitCodes.WRITE, "cannot write " + file + ": " + describe(e), e);
        }
        long position = plan.offset();
        RuntimeException broke = null;
        boolean colours = !Terminal.noColorRequested();
        try (out; DownloadProgress progress = DownloadProgress.create(io.terminal(), colours, io.err(),
                file.getFileName().toString(), plan.offset(), plan.total())) {
            InputStream in = r.inputStream();
            byte[] buf = new byte[64 * 1024];
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    broke = BodyErrors.of(e, r);
                    break;
                } catch (SpoolException e) {
                    broke = BodyErrors.of(e);
                    break;
                }
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                position += n;
                progress.at(position);
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.WRITE, "cannot write " + file + ": " + describe(e), e);
        }
        if (broke != null) {
            // Said after the progress bar has drawn its last state, so the line is not overwritten.
            io.err().println("spool: " + file + " holds the first " + Sizes.bytes(position)
                    + "; run again with --continue to resume");
            throw broke;
        }
        return position - plan.offset();
    }

    private void verify(Checksum expected, Path file) throws IOException {
        String actual = expected.of(file);
        if (!actual.equals(expected.hex())) {
            Files.deleteIfExists(file);
            throw new CliException(ExitCodes.CHECKSUM, "checksum mismatch for " + file + ": expected " + expected
                    + ", got " + expected.algorithm() + ":" + actual + "; the file was removed");
        }
    }

    private static long contentLength(Response r) {
        String v = r.header("Content-Length");
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The file name a URL names: the last segment of its path. */
    static Path fileNameOf(String url) {
        String path;
        try {
            path = Url.parse(url).path();
        } catch (SpoolException e) {
            throw CliException.usage("cannot take a file name from '" + url + "': " + e.getMessage() + "; give -o FILE");
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        String decoded = java.net.URLDecoder.decode(last.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        if (decoded.isEmpty() || decoded.equals(".") || decoded.equals("..") || decoded.contains("/") || decoded.contains("\\")) {
            throw CliException.usage("the URL " + url + " names no file; give -o FILE");
        }
        return Path.of(decoded);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e instanceof java.nio.file.FileSystemException ? e.getClass().getSimpleName().replace("Exception", "")
                        .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT) + " (" + e.getMessage() + ")"
                        : e.getMessage();
    }
}
