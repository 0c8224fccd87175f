package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./spool} launcher as users run it, after the package phase has made the
 * jar and the class-data archive ({@link StartupArchive}): the JVM maps Spool's classes from the
 * archive, and starts quietly without it when it is missing, was made for another jar, or was made
 * by another JDK (one line of the body on standard output, nothing on standard error).
 */
@Tag("launcher")
@Timeout(180)
class LauncherIT {
    private static final String BODY = "{\"hello\": \"launcher\"}\n";
    private static final String SHARED = "dev.spool.cli.Main source: shared objects file";

    private static final Path ROOT = Path.of(System.getProperty("spool.root", "..")).toAbsolutePath().normalize();
    private static final Path JAR = ROOT.resolve("spool-cli/target/spool-cli.jar");
    private static final Path ARCHIVE = ROOT.resolve("spool-cli/target/spool-cli.jsa");

    private static MockServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = MockServer.start();
        server.dispatcher(r -> new MockResponse().header("Content-Type", "application/json").body(BODY));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theBuildMadeAnArchiveAndTheLauncherStartsTheJvmWithIt() throws IOException {
        assertTrue(Files.isRegularFile(ARCHIVE), "the package phase makes " + ARCHIVE);
        Path log = dir.resolve("classes.log");
        // -Xshare:on: the JVM refuses to start unless it maps the archive (-Xshare:auto, the launcher's
        // default, would fall back silently); the class log says where Spool's classes came from.
        Run r = run(ROOT.resolve("spool"), Map.of("SPOOL_JAVA_OPTS", "-Xshare:on -Xlog:class+load:file=" + log),
                "get", server.url("/a"));
        r.assertQuietSuccess();
        String classes = Files.readString(log);
        assertTrue(classes.contains(SHARED), "Main from the archive:\n" + lines(classes, "dev.spool.cli.Main "));
        assertTrue(classes.contains("dev.spool.Session source: shared objects file"), lines(classes, "dev.spool.Session "));
        assertEquals(0, count(classes, "source: jar:") + count(classes, "source: file:"),
                "every class of the jar that a GET loads is in the archive:\n" + lines(classes, "source: file:"));
    }

    @Test
    void withoutAnArchiveTheCommandStartsQuietly() throws IOException {
        Path launcher = treeWithoutArchive();
        Path log = dir.resolve("classes.log");
        Run r = run(launcher, Map.of("SPOOL_JAVA_OPTS", "-Xlog:class+load:file=" + log), "get", server.url("/b"));
        r.assertQuietSuccess();
        assertTrue(Files.readString(log).contains("dev.spool.cli.Main source: file:"), lines(Files.readString(log), "cli.Main "));
    }

    @Test
    void anArchiveMadeForAnotherJarIsIgnoredQuietly() throws IOException {
        Path launcher = treeWithoutArchive();
        // The real archive, whose class path names the repository's jar, not this copy.
        Files.copy(ARCHIVE, launcher.resolveSibling("spool-cli/target/spool-cli.jsa"));
        Path log = dir.resolve("classes.log");
        Run r = run(launcher, Map.of("SPOOL_JAVA_OPTS", "-Xlog:class+load:file=" + log), "get", server.url("/c"));
        r.assertQuietSuccess();
        assertTrue(Files.readString(log).contains("dev.spool.cli.Main source: file:"), lines(Files.readString(log), "cli.Main "));
    }

    @Test
    void anArchiveOfAnotherJdkBuildIsIgnoredQuietly() throws IOException {
        // The archive's header names the JVM that made it; the JVM maps only its own. A copy whose
        // name says another build, beside an untouched copy as the control.
        byte[] bytes = Files.readAllBytes(ARCHIVE);
        String version = System.getProperty("java.vm.version");
        int at = indexOf(bytes, version.getBytes(StandardCharsets.US_ASCII));
        assertTrue(at > 0, "the archive's header names the JVM " + version);
        Path same = dir.resolve("same.jsa");
        Files.write(same, bytes);
        bytes[at] = (byte) (bytes[at] == '9' ? '8' : '9');
        Path other = dir.resolve("other.jsa");
        Files.write(other, bytes);

        Path sameLog = dir.resolve("same.log");
        run(ROOT.resolve("spool"), Map.of("SPOOL_CDS_ARCHIVE", same.toString(),
                "SPOOL_JAVA_OPTS", "-Xlog:class+load:file=" + sameLog), "get", server.url("/d")).assertQuietSuccess();
        assertTrue(Files.readString(sameLog).contains(SHARED), "the control copy is mapped");

        Path otherLog = dir.resolve("other.log");
        run(ROOT.resolve("spool"), Map.of("SPOOL_CDS_ARCHIVE", other.toString(),
                "SPOOL_JAVA_OPTS", "-Xlog:class+load:file=" + otherLog), "get", server.url("/e")).assertQuietSuccess();
        assertTrue(Files.readString(otherLog).contains("dev.spool.cli.Main source: file:"),
                lines(Files.readString(otherLog), "cli.Main "));
    }

    @Test
    void anotherJdkStartsQuietlyWithoutTheArchive() throws IOException {
        // A newer JDK rejects this JDK's archive with a warning and an error on standard output, in
        // the body's stream, unless the launcher turns the cds log off. The launcher runs JAVA_HOME's
        // java, else the one on the PATH: both ways.
        Path otherJava = otherJava();
        Path home = otherJava.getParent().getParent();
        String path = otherJava.getParent() + File.pathSeparator + System.getenv("PATH");
        for (Map<String, String> env : List.of(Map.of("JAVA_HOME", home.toString()), Map.of("PATH", path))) {
            Path log = Files.createTempFile(dir, "classes", ".log");
            Map<String, String> all = new java.util.HashMap<>(env);
            all.put("SPOOL_JAVA_OPTS", "-Xlog:class+load:file=" + log);
            Run r = run(ROOT.resolve("spool"), all, "get", server.url("/f"));
            r.assertQuietSuccess();
            String classes = Files.readString(log);
            assertTrue(classes.contains("dev.spool.cli.Main source: file:"), env + "\n" + lines(classes, "cli.Main "));
            Run version = run(ROOT.resolve("spool"), env, "--version");
            assertEquals("", version.stderr(), env.toString());
            assertTrue(version.stdout().startsWith("spool ") && !version.stdout().contains("(Java " + Runtime.version() + ")"),
                    env + ": the other JDK ran the command: " + version.stdout());
        }
    }

    /** A copy of the launcher and the jar (same size and time) in a tree of their own, with no archive. */
    private Path treeWithoutArchive() throws IOException {
        Path target = Files.createDirectories(dir.resolve("tree/spool-cli/target"));
        Files.copy(JAR, target.resolve("spool-cli.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        Path launcher = dir.resolve("tree/spool");
        Files.copy(ROOT.resolve("spool"), launcher, StandardCopyOption.COPY_ATTRIBUTES);
        return launcher;
    }

    /**
     * A JDK other than the one running the tests: {@code SPOOL_VT_JAVA}, or Temurin 25 where the
     * project's CI has it (the JDK 21+ the virtual-thread tests need, docs/testing.md).
     */
    private static Path otherJava() throws IOException {
        String env = System.getenv("SPOOL_VT_JAVA");
        Path java = Path.of(env != null && !env.isBlank() ? env : "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        if (!Files.isExecutable(java)) {
            fail("no second JDK at " + java + ": set SPOOL_VT_JAVA to a JDK 21+ java (the one the virtual-thread tests use)");
        }
        assertNotEquals(Path.of(System.getProperty("java.home")).toRealPath(), java.toRealPath().getParent().getParent(),
                "SPOOL_VT_JAVA must be another JDK than the one that made the archive");
        return java;
    }

    /** What a launcher run printed. */
    private record Run(List<String> command, int exit, String stdout, String stderr) {
        void assertQuietSuccess() {
            String what = String.join(" ", command) + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
            assertEquals(0, exit, what);
            assertEquals(BODY, stdout, "the body and nothing else on standard output: " + what);
            assertEquals("", stderr, "nothing on standard error: " + what);
        }
    }

    private Run run(Path launcher, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        Cli.PROXY_VARIABLES.forEach(pb.environment()::remove);
        pb.environment().remove("SPOOL_JAVA_OPTS");
        pb.environment().remove("SPOOL_CDS_ARCHIVE");
        pb.environment().remove("JAVA_HOME"); // the launcher would run JAVA_HOME's java
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        try {
            if (!p.waitFor(Cli.LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + Cli.LIMIT);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw new AssertionError(e);
        }
        return new Run(command, p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static String lines(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).limit(20).reduce("", (a, b) -> a + b + "\n");
    }
}
