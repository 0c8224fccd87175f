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
                "name:=json arguments are JSON. One kind of body per command, sent to every URL."})
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

    @Option(names = "--no-redirects", description = "Do not follow redirects (RequestBuilder.allowRedirects(false)).")
    boolean noRedirects;

    @Option(names = {"-f", "--fail"}, description = "Exit with code 22 when a status is 400 or more (the response is still shown).")
    boolean fail;

    @Option(names = "--pretty", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto (all at a terminal, none when piped), all, format (indent JSON, no colours) or none.")
    Pretty pretty;

    @Option(names = {"-v", "--verbose"},
            description = "Show the library's connection log, the request sent and, per response, the connection that carried it.")
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
        Body body = RequestBodies.build(data, dataRaw, json, split.fields(), io.in());
        headers.parsedHeaders();
        headers.parsedParams();
        boolean jsonBody = body != null && Body.JSON.equals(body.contentType());
        Pretty p = pretty.resolve(io.terminal(), Terminal.noColorRequested());
        ResponsePrinter printer = new ResponsePrinter(io.err(), io.out(), io.terminal(), p);
        LibraryLog log = LibraryLog.install(io.err(), verbose);
        try (Session s = session.builder().build()) {
            for (String url : split.urls()) {
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
                try (Response r = rb.send()) {
                    if (verbose) {
                        ConnectionReport.print(io.err(), r);
                    }
                    printer.head(r);
                    printer.body(r);
                    if (fail && r.status() >= 400) {
                        r.raiseForStatus();
                    }
                }
            }
        } finally {
            log.close();
        }
        return ExitCodes.OK;
    }
}
