package dev.spool.cli;

import dev.spool.auth.Auth;
import java.io.Console;
import picocli.CommandLine.Option;

/**
 * The credentials options, turned into the session's {@link Auth}: {@code -u user:password} (Basic,
 * or Digest with {@code --digest}) and {@code --bearer TOKEN}. As in curl, {@code -u user} without a
 * password asks for one, but only at a terminal: a script never hangs on a prompt it cannot answer.
 */
final class AuthOptions {
    @Option(names = {"-u", "--user"}, paramLabel = "USER[:PASSWORD]",
            description = "Basic auth, or Digest with --digest; split at the first ':'. Without a password, "
                    + "spool asks for it at a terminal.")
    String user;

    @Option(names = "--digest", description = "Use HTTP Digest (RFC 7616) for -u instead of Basic.")
    boolean digest;

    @Option(names = "--bearer", paramLabel = "TOKEN", description = "Send Authorization: Bearer TOKEN (RFC 6750).")
    String bearer;

    /** Asks for a password; null when there is no terminal to ask at. */
    interface PasswordPrompt {
        /** The password typed for {@code user}, or null at end of input. */
        char[] ask(String user);
    }

    /** The session's auth, or null for none; asks for a missing password at a terminal. */
    Auth auth(boolean terminal) {
        Console console = terminal ? System.console() : null;
        return auth(console == null ? null
                : u -> console.readPassword("Enter host password for user '%s': ", u)); // curl's wording
    }

    /**
     * The session's auth, or null for none.
     *
     * @param prompt asks for a missing password, or null when there is no terminal
     */
    Auth auth(PasswordPrompt prompt) {
        if (digest && user == null) {
            throw CliException.usage("--digest needs -u USER[:PASSWORD]");
        }
        if (bearer != null && user != null) {
            throw CliException.usage("give -u (Basic or Digest) or --bearer, not both: a request carries one Authorization");
        }
        if (bearer != null) {
            try {
                return Auth.bearer(bearer);
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--bearer: " + e.getMessage());
            }
        }
        if (user == null) {
            return null;
        }
        int colon = user.indexOf(':');
        String name = colon < 0 ? user : user.substring(0, colon);
        if (name.isEmpty()) {
            throw CliException.usage("-u '" + user + "' has no user name before the ':'");
        }
        String password;
        if (colon >= 0) {
            password = user.substring(colon + 1);
        } else {
            if (prompt == null) {
                throw CliException.usage("-u " + name + " has no password, and there is no terminal to ask for it: "
                        + "give -u " + name + ":PASSWORD");
            }
            char[] typed = prompt.ask(name);
            if (typed == null) {
                throw CliException.usage("no password entered for -u " + name);
            }
            password = new String(typed);
            java.util.Arrays.fill(typed, '\0');
        }
        return digest ? Auth.digest(name, password) : Auth.basic(name, password);
    }
}
