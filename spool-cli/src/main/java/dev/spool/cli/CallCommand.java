package dev.spool.cli;

import dev.spool.Body;
import dev.spool.RequestBuilder;
import dev.spool.Response;
import dev.spool.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spool get|post|put|patch|delete|head URL...}: one request per URL, all through one
 * {@link Session}, so the second request to an origin reuses the first one's connection.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = SpoolCommand.Version.class, sortOptions = false,
        footer = {"", "Body: -d name=value is a form field; -d @FILE (@- for stdin), -d TEXT without",
                "'=' and --data-raw TEXT are raw data; --json TEXT (or @FILE) and name=text or",
                "name:=json arguments are JSON; -F name=value, -F name=@FILE[;type=T]",
                "[;filename=N] and -F name=<FILE are a multipart form. One kind of body per",
                "command, sent to every URL."})
final class CallCommand implements Callable<Integer> {
    private final String method;
    private final Io io;

    @Parameters(paramLabel = "URL|FIELD", arity = "1..*",
            description = "URLs to send to, in order, through one session; name=text and name:=json arguments are JSON body fields.")
    List<String> args = new ArrayList<>();

    @Mixin
    HeaderOptions headers;

    @Option(names = {"-d", "--data"}, paramLabel = "DATA",
            description = "A form field name=value (repeatable), or raw data: @FILE, @- (stdin), or TEXT without '='.")
    List<String> data = new ArrayList<>();

    @Option(names = "--data-raw", paramLabel = "TEXT", description = "Send TEXT as it is, even with '=' or a leading '@'.")
    List<String> dataRaw = new ArrayList<>();

    @Option(names = "--json", paramLabel = "JSON", description = "Send this JSON (or @FILE, @-), checked for syntax first.")
    String json;

    @Option(names = {"-F", "--form"}, paramLabel = "NAME=VALUE|NAME=@FILE",
            description = "A multipart form field: name=value (sent as it is), name=@FILE[;type=TYPE][;filename=NAME] "
                    + "(a file upload, @- for stdin) or name=<FILE (a field holding the file's text). Repeatable.")
    List<String> form = new ArrayList<>();

    @Option(names = "--no-redirects", description = "Do not follow redirects: show the 3xx itself.")
    boolean noRedirects;

    @Option(names = "--max-redirects", paramLabel = "N",
            description = "Follow at most N redirects (default 30, as requests); one more is exit code 47.")
    Integer maxRedirects;

    @Mixin
    RetryOptions retry;

    @Option(names = {"-f", "--fail"}, description = "Exit with code 22 when a status is 400 or more (the response is still shown).")
    boolean fail;

    @Option(names = "--pretty", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto (all at a terminal, none when piped), all, format (indent JSON, no colours) or none.")
    Pretty pretty;

    @Option(names = {"-i", "--include"},
            description = "Write the response's status line and headers to standard output, before its body (as curl -i).")
    boolean include;

    @Option(names = "--print", paramLabel = "WHAT",
            description = "What to show, any of: H (the request sent), h (the response's status line and headers), "
                    + "b (the body). Default: hb at a terminal, b when output is piped or redirected, Hhb with -v, "
                    + "h for head.")
    String print;

    @Option(names = {"-v", "--verbose"},
            description = "Show the library's connection log, the request sent and, per response, its head, the "
                    + "connection that carried it and where the time went (pool wait, DNS, connect, TLS, first byte, total).")
    boolean verbose;

    @Mixin
    SessionOptions session;

    CallCommand(String method, Io io) {
        this.method = method;
        this.io = io;
    }

    @Override
    public Integer call() {
        CallArgs split = CallArgs.split(args);
        if (noRedirects && maxRedirects != null) {
            throw CliException.usage("--no-redirects and --max-redirects contradict each other: choose one");
        }
        if (maxRedirects != null && maxRedirects < 0) {
            throw CliException.usage("--max-redirects must be 0 or more, got " + maxRedirects);
        }
        Retrying retrying = retry.retrying(io.err());
        Body body = RequestBodies.build(data, dataRaw, json, split.fields(), form, io.in());
        headers.parsedHeaders();
        headers.parsedParams();
        boolean jsonBody = body != null && Body.JSON.equals(body.contentType());
        Shown shown = Shown.of(print, include, verbose, io.terminal(), method.equals("HEAD"));
        List<String> urls = UrlArg.normalize(split.urls());
        Pretty p = pretty.resolve(io.terminal(), Terminal.noColorRequested());
        ResponsePrinter printer = new ResponsePrinter(io.err(), io.out(), io.terminal(), p);
        Session.Builder builder = session.builder(io.terminal());
        if (shown.requestHead()) {
            builder.eventListener(new RequestEcho(io.err()));
        }
        if (verbose) {
            TimingWarmup.run(); // before the log is on: its throwaway exchange is not the user's
        }
        LibraryLog log = LibraryLog.install(io.err(), verbose);
        try (Session s = builder.build()) {
            for (String url : urls) {
                Retrying.Outcome sent = retrying.send(method, body, () -> request(s, url, body, jsonBody).send());
                try (Response r = sent.response()) {
                    if (verbose) {
                        ConnectionReport.print(io.err(), r);
                    }
                    if (shown.responseHead()) {
                        printer.head(r, shown.headOnStdout());
                    }
                    if (shown.body()) {
                        printer.body(r);
                    } else {
                        printer.skipBody(r);
                    }
                    if (verbose) {
                        ConnectionReport.printTimings(io.err(), r);
                    }
                    if (fail && r.status() >= 400) {
                        throw new CliException(ExitCodes.HTTP_ERROR, "HTTP " + r.status() + (r.reason().isEmpty() ? "" : " " + r.reason())
                                + " from " + r.url() + (sent.attempts() > 1 ? " after " + Retrying.attempts(sent.attempts()) : ""));
                    }
                }
            }
        } finally {
            log.close();
        }
        return ExitCodes.OK;
    }

    /** One attempt's request: a new builder each time, so a retry sends exactly what the first attempt sent. */
    private RequestBuilder request(Session s, String url, Body body, boolean jsonBody) {
        RequestBuilder rb = s.request(method, url).stream(true);
        headers.applyTo(rb);
        if (jsonBody && !headers.has("Accept")) {
            rb.header("Accept", "application/json, */*;q=0.5"); // as HTTPie asks when it sends JSON
        }
        if (body != null) {
            rb.body(body);
        }
        if (noRedirects) {
            rb.allowRedirects(false);
        }
        if (maxRedirects != null) {
            rb.maxRedirects(maxRedirects);
        }
        return rb;
    }
}
