package dev.spool.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
        CommandLine cl = commandLine(root, io);
        cl.setOut(new PrintWriter(io.outText(), true));
        cl.setErr(new PrintWriter(io.err(), true));
        cl.setParameterExceptionHandler((ex, a) -> usageError(ex, io));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Failure f = Failure.of(ex);
            if (root.debug) {
                ex.printStackTrace(io.err());
            }
            io.err().println("spool: " + f.message());
            if (f.exitCode() == ExitCodes.USAGE) {
                io.err().println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            return f.exitCode();
        });
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
        CommandLine cl = new CommandLine(root);
        for (String method : METHODS) {
            CommandLine sub = new CommandLine(new CallCommand(method, io));
            sub.getCommandSpec().usageMessage().description(
                    "Send a " + method + " request to each URL, all through one session (so connections are reused).");
            cl.addSubcommand(method.toLowerCase(Locale.ROOT), sub);
        }
        cl.addSubcommand("download", new CommandLine(new DownloadCommand(io)));
        cl.addSubcommand("compare", new CommandLine(new CompareCommand(io)));
        cl.addSubcommand("demo", new CommandLine(new DemoCommand(io)));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // in words, not the Java type picocli would name ("'x' is not an int")
        cl.registerConverter(Integer.class, Main::wholeNumber);
        cl.registerConverter(Integer.TYPE, Main::wholeNumber);
        // '@FILE' is our syntax for file data (-d @FILE, --json @FILE), as in curl; picocli would
        // otherwise replace it with the file's contents read as more arguments.
        cl.setExpandAtFiles(false);
        return cl;
    }

    private static Integer wholeNumber(String s) {
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a whole number");
        }
    }

    private static int usageError(ParameterException ex, Io io) {
        io.err().println("spool: " + ex.getMessage());
        PrintWriter w = new PrintWriter(new java.io.OutputStreamWriter(io.err(), StandardCharsets.UTF_8), true);
        UnmatchedArgumentException.printSuggestions(ex, w);
        io.err().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCodes.USAGE;
    }
}
