package dev.spool.cli;

import dev.spool.Session;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root of the {@code spool} command tree: global options; the work is in the subcommands. */
@Command(name = "spool", mixinStandardHelpOptions = true, versionProvider = SpoolCommand.Version.class,
        description = {"A requests-style HTTP tool that shows its connections.", ""},
        footer = {"", "Exit codes: 0 ok, 1 other failure, 2 usage, 3 bad URL or request,",
                "5 proxy name not resolved, 6 name not resolved, 7 cannot connect (to the host",
                "or the proxy), 8 bad HTTP reply, 18 partial transfer, 22 HTTP error (--fail,",
                "download), 23 write error, 26 read error, 28 timeout, 33 range reply does not",
                "fit, 35 TLS handshake, 47 too many redirects, 56 connection broke (or a proxy",
                "refused the tunnel), 60 certificate not verified, 90 checksum mismatch.",
                "See docs/cli.md."})
final class SpoolCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show the stack trace when a command fails.")
    boolean debug;

    private final Io io;

    SpoolCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(io.err());
        return ExitCodes.USAGE;
    }

    /** {@code spool --version}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"spool " + Session.VERSION + " (Java " + Runtime.version() + ")"};
        }
    }
}
