package dev.spool.cli;

import dev.spool.tls.TlsConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spool compare URL -n 100}: the seed's timeit comparison, N GETs as one-shot calls against
 * N GETs through one session, against any URL; measured by {@link Demo}, optionally drawn as a chart.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, versionProvider = SpoolCommand.Version.class, sortOptions = false,
        description = "Time N GETs to URL as one-shot calls (a new connection each) against N GETs through one session.")
final class CompareCommand implements Callable<Integer> {
    private final Io io;

    @Parameters(paramLabel = "URL", description = "The URL to GET (http:// when it has no scheme).")
    String url;

    @Option(names = "-n", paramLabel = "N", defaultValue = "100", description = "Requests per mode (default ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--chart", paramLabel = "FILE.png", description = "Also draw the result as a PNG bar chart.")
    Path chart;

    @Option(names = {"-k", "--insecure"}, description = "Do not verify the server's TLS certificate.")
    boolean insecure;

    @Option(names = "--cacert", paramLabel = "FILE", description = "Trust the CA certificates of this PEM file.")
    Path caBundle;

    CompareCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws Exception {
        checkRequests(requests);
        url = UrlArg.normalize(url);
        TlsConfig tls = tls(insecure, caBundle);
        if (chart != null && chart.toAbsolutePath().getParent() != null && !Files.isDirectory(chart.toAbsolutePath().getParent())) {
            throw new CliException(ExitCodes.WRITE, "--chart " + chart + ": the folder " + chart.toAbsolutePath().getParent()
                    + " does not exist");
        }
        PrintStream out = io.outText();
        List<Demo.Row> rows;
        LibraryLog log = LibraryLog.install(io.err(), false);
        try {
            rows = new Demo(out, "spool compare").run(url, requests, tls);
        } finally {
            log.close();
        }
        if (chart != null) {
            try {
                ComparisonChart.write(rows, url, chart);
            } catch (IOException e) {
                throw new CliException(ExitCodes.WRITE, "cannot write the chart " + chart + ": " + e.getMessage(), e);
            }
            out.println("chart: " + chart);
        }
        out.flush();
        return ExitCodes.OK;
    }

    static void checkRequests(int n) {
        if (n < 1) {
            throw CliException.usage("-n must be at least 1, got " + n);
        }
    }

    static TlsConfig tls(boolean insecure, Path caBundle) {
        if (insecure && caBundle != null) {
            throw CliException.usage("--insecure and --cacert contradict each other: choose one");
        }
        if (insecure) {
            return TlsConfig.INSECURE;
        }
        if (caBundle != null) {
            if (!Files.isRegularFile(caBundle) || !Files.isReadable(caBundle)) {
                throw new CliException(ExitCodes.READ, "--cacert " + caBundle + ": no readable file " + caBundle.toAbsolutePath());
            }
            return TlsConfig.caBundle(caBundle);
        }
        return null;
    }
}
