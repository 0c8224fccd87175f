package dev.spool.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Makes the class-data-sharing archive (AppCDS, a static archive) that the {@code spool} launcher
 * starts the JVM with, so that a short command maps its classes, parsed and verified, instead of
 * reading them from the jar. Run by the build at the package phase, on the JVM that will run the
 * command: {@code java -cp spool-cli.jar dev.spool.cli.StartupArchive JAR ARCHIVE}.
 *
 * <p>Three steps: {@link StartupTraining} runs in a JVM that writes the classes it loads to a class
 * list; the list is merged with the JDK's own ({@code lib/classlist}, what its default archive
 * holds, so that no JDK class loads slower than without the archive); a second JVM dumps the
 * archive from the list ({@code -Xshare:dump}). The archive is written beside its final name and
 * moved there, so the launcher never maps half a file. A JVM that cannot make one leaves a line on
 * standard error and no archive: the build goes on and the command starts without it.
 */
final class StartupArchive {
    /** How long each step may take before the build gives up on the archive. */
    private static final long STEP_SECONDS = 300;

    private StartupArchive() {
    }

    /** Makes {@code args[1]} for the jar {@code args[0]}; exits 0 whether or not it could. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: StartupArchive JAR ARCHIVE");
            System.exit(2);
        }
        // The JVM records the class path as given and uses the archive only for that same path:
        // the real one, which the launcher names too (pwd -P).
        Path jar = Path.of(args[0]).toRealPath();
        Path archive = Path.of(args[1]).toAbsolutePath();
        String problem = make(jar, archive);
        if (problem != null) {
            System.err.println("spool-cli: no start-up archive made (" + problem + "); the spool command starts without one");
        }
    }

    /** Makes the archive; returns null when done, otherwise what went wrong. */
    static String make(Path jar, Path archive) throws IOException, InterruptedException {
        Path dir = archive.getParent();
        Path classList = dir.resolve(archive.getFileName() + ".classlist");
        Path partial = dir.resolve(archive.getFileName() + ".partial");
        Path log = dir.resolve(archive.getFileName() + ".log");
        Files.deleteIfExists(archive);
        Files.deleteIfExists(partial);
        Files.deleteIfExists(log);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        String trained = run(log, java, "-XX:DumpLoadedClassList=" + classList, "-Djava.awt.headless=true",
                "-cp", jar.toString(), StartupTraining.class.getName());
        if (trained != null) {
            return "training run " + trained;
        }
        Files.write(classList, merge(Files.readAllLines(classList, StandardCharsets.UTF_8),
                Path.of(System.getProperty("java.home"), "lib", "classlist")), StandardCharsets.UTF_8);
        String dumped = run(log, java, "-Xshare:dump", "-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + partial, "-cp", jar.toString());
        if (dumped != null || !Files.isRegularFile(partial)) {
            Files.deleteIfExists(partial);
            return "dump " + (dumped != null ? dumped : "wrote no file");
        }
        Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return null;
    }

    /**
     * The training's class list and the JDK's, each line once. Leaves out the lambda proxies that
     * implement a picocli interface: picocli's classes are Java 5 class files, which the archive
     * stores unlinked, and JDK 17's dump crashes on a lambda proxy of such an interface
     * ({@code SystemDictionaryShared::adjust_lambda_proxy_class_dictionary}).
     */
    static List<String> merge(List<String> trained, Path jdkClassList) throws IOException {
        Set<String> lines = new LinkedHashSet<>();
        if (Files.isRegularFile(jdkClassList)) {
            lines.addAll(Files.readAllLines(jdkClassList, StandardCharsets.UTF_8));
        }
        for (String line : trained) {
            if (!(line.startsWith("@lambda-proxy") && line.contains("picocli/"))) {
                lines.add(line);
            }
        }
        return new ArrayList<>(lines);
    }

    /** Runs a JVM, its output appended to {@code log}; returns null when it exits 0, otherwise why not. */
    private static String run(Path log, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        p.getOutputStream().close(); // empty standard input
        if (!p.waitFor(STEP_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "took over " + STEP_SECONDS + " s";
        }
        return p.exitValue() == 0 ? null : "exited with " + p.exitValue() + ", see " + log;
    }
}
