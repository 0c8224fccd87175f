package dev.spool.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spool demo [URL] [-n N]}: the README's first command; see {@link Demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = SpoolCommand.Version.class,
        description = "One-shot calls vs one session on local HTTP and HTTPS servers (or URL).")
final class DemoCommand implements Callable<Integer> {
    private final Io io;

    @Parameters(paramLabel = "URL", arity = "0..1", description = "Compare against this URL instead of local servers.")
    String url;

    @Option(names = "-n", paramLabel = "N", defaultValue = "" + Demo.DEFAULT_REQUESTS,
            description = "Requests per mode (default ${DEFAULT-VALUE}).")
    int requests;

    DemoCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        CompareCommand.checkRequests(requests);
        PrintStream out = io.outText();
        LibraryLog log = LibraryLog.install(io.err(), false);
        try {
            new Demo(out, "spool demo").run(url == null ? null : UrlArg.normalize(url), requests);
        } finally {
            log.close();
        }
        out.flush();
        return ExitCodes.OK;
    }
}
