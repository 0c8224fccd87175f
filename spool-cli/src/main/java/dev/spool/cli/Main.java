package dev.spool.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Entry point of the {@code spool} command: builds the picocli command tree, runs it, and turns
 * failures into one readable line and an exit code from {@link ExitCodes} (a stack trace only with
 * {@code --debug}).
 */
public final class Main {
    /** The request methods that have a subcommand of their own, in the order help lists them. */
    static final String[] METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"};

    /** The names of all subcommands. */
    static final Set<String> SUBCOMMANDS = Set.of("get", "post", "put", "patch", "delete", "head",
            "download", "compare", "demo");

    private Main() {
    }

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        int code = run(args, Io.system());
        System.exit(code);
    }

    /** Runs the command on these streams and returns its exit code. */
    static int run(String[] args, Io io) {
        SpoolCommand root = new SpoolCommand(io);
        CommandLine cl = commandLine(root, io, args.length > 0 ? args[0] : null);
        cl.setOut(new PrintWriter(io.outText(), true));
        cl.setErr(new PrintWriter(io.err(), true));
        Failures failures = new Failures(root, io);
        cl.setParameterExceptionHandler(failures);
        cl.setExecutionExceptionHandler(failures);
        int code = cl.execute(args);
        try {
            io.out().flush();
        } catch (java.io.IOException e) {
            if (code == ExitCodes.OK) { // a failed command has said what went wrong already
                io.err().println("spool: cannot write standard output: " + e.getMessage());
                code = ExitCodes.WRITE;
            }
        }
        return code;
    }

    /** The command tree: one subcommand per method, then download, compare and demo. */
    static CommandLine commandLine(SpoolCommand root, Io io) {
        return commandLine(root, io, null);
    }

    /**
     * The command tree for a command line whose first argument is {@code first}: when it names a
     * subcommand, the tree holds that one alone, since picocli reads each command's annotations by
     * reflection and building all nine was most of a short call's start-up; otherwise (help, a global
     * option first, a typo to suggest a fix for) the whole tree.
     */
    static CommandLine commandLine(SpoolCommand root, Io io, String first) {
        CommandLine cl = new CommandLine(root);
        boolean all = first == null || !SUBCOMMANDS.contains(first);
        for (String method : METHODS) {
            String name = method.toLowerCase(Locale.ROOT);
            if (all || name.equals(first)) {
                CommandLine sub = new CommandLine(new CallCommand(method, io));
                sub.getCommandSpec().usageMessage().description(
                        "Send a " + method + " request to each URL, all through one session (so connections are reused).");
                cl.addSubcommand(name, sub);
            }
        }
        if (all || first.equals("download")) {
            cl.addSubcommand("download", new CommandLine(new DownloadCommand(io)));
        }
        if (all || first.equals("compare")) {
            cl.addSubcommand("compare", new CommandLine(new CompareCommand(io)));
        }
        if (all || first.equals("demo")) {
            cl.addSubcommand("demo", new CommandLine(new DemoCommand(io)));
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // in words, not the Java type picocli would name ("'x' is not an int")
        cl.registerConverter(Integer.class, WHOLE_NUMBER);
        cl.registerConverter(Integer.TYPE, WHOLE_NUMBER);
        // '@FILE' is our syntax for file data (-d @FILE, --json @FILE), as in curl; picocli would
        // otherwise replace it with the file's contents read as more arguments.
        cl.setExpandAtFiles(false);
        return cl;
    }

    /**
     * Reads a whole number, saying so in words rather than naming the Java type picocli would name
     * ("'x' is not an int"). A class, not a lambda, as are {@link Failures}: picocli's interfaces are
     * Java 5 class files, whose lambdas the start-up archive cannot hold ({@link StartupArchive}).
     */
    private static final CommandLine.ITypeConverter<Integer> WHOLE_NUMBER = new CommandLine.ITypeConverter<>() {
        @Override
        public Integer convert(String s) {
            try {
                return Integer.valueOf(s.trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + s + "' is not a whole number");
            }
        }
    };

    /** Turns a usage error or a failed command into one line on standard error and an exit code. */
    private static final class Failures implements CommandLine.IParameterExceptionHandler,
            CommandLine.IExecutionExceptionHandler {
        private final SpoolCommand root;
        private final Io io;

        Failures(SpoolCommand root, Io io) {
            this.root = root;
            this.io = io;
        }

        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            io.err().println("spool: " + ex.getMessage());
            PrintWriter w = new PrintWriter(new java.io.OutputStreamWriter(io.err(), StandardCharsets.UTF_8), true);
            UnmatchedArgumentException.printSuggestions(ex, w);
            io.err().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        }

        @Override
        public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            Failure f = Failure.of(ex);
            if (root.debug) {
                ex.printStackTrace(io.err());
            }
            io.err().println("spool: " + f.message());
            if (f.exitCode() == ExitCodes.USAGE) {
                io.err().println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            return f.exitCode();
        }
    }
}
