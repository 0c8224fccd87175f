package dev.spool.cli;

import dev.spool.testkit.MockResponse;
import dev.spool.testkit.MockServer;

/**
 * The work the {@code spool} launcher's class-data archive is made from ({@link StartupArchive}):
 * the commands people run most, against a loopback server of its own, in one JVM whose loaded
 * classes the archive then holds. Its standard output and error are the process's, which
 * {@link StartupArchive} throws away.
 */
final class StartupTraining {
    private StartupTraining() {
    }

    /** Runs each command once; exits non-zero when one fails, since its classes would be missing. */
    public static void main(String[] args) {
        try (MockServer server = MockServer.start()) {
            server.dispatcher(r -> new MockResponse()
                    .header("Content-Type", "application/json")
                    .body("{\"hello\": \"world\", \"n\": [1, 2.5, true, null]}\n"));
            String url = server.url("/training.json");
            String[][] commands = {
                {"get", url},
                {"get", "-i", url},
                {"head", url},
                {"get", "--print", "Hhb", "--pretty", "all", url},
                {"post", url, "name=value", "n:=1"},
                {"post", url, "-d", "a=1"},
                {"get", "-v", url},
                {"get", "--help"},
            };
            Io io = Io.system();
            for (String[] command : commands) {
                int code = Main.run(command, io);
                if (code != ExitCodes.OK) {
                    System.err.println("spool start-up training: 'spool " + String.join(" ", command)
                            + "' ended with exit code " + code);
                    System.exit(1);
                }
            }
        }
        System.exit(ExitCodes.OK);
    }
}
