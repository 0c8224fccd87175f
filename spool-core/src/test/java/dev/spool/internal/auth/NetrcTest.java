package dev.spool.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Headers;
import dev.spool.InvalidRequestException;
import dev.spool.Request;
import dev.spool.Url;
import dev.spool.auth.Auth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The netrc reader: syntax, lookup, and where the file is found. */
class NetrcTest {
    private static final Path FILE = Path.of("/test/.netrc");

    @TempDir
    Path dir;

    /** What an auth sends, decoded: "login:password", or null for no auth. */
    private static String credentials(Auth auth) {
        if (auth == null) {
            return null;
        }
        Request r = auth.apply(new Request("GET", Url.parse("http://h/"), Headers.of(), null, null));
        String header = r.headers().get("Authorization");
        assertTrue(header.startsWith("Basic "), header);
        return new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
    }

    private static Netrc parse(String text) {
        return Netrc.parse(text, FILE);
    }

    @Test
    void machinesMatchTheirHostCaseInsensitivelyAndOthersGetNothing() {
        Netrc n = parse("machine api.example.com login alice password s3cret\n"
                + "machine 127.0.0.1\n  login bob\n  password hunter2\n");
        assertEquals("alice:s3cret", credentials(n.authFor("api.example.com")));
        assertEquals("alice:s3cret", credentials(n.authFor("API.Example.COM")));
        assertEquals("bob:hunter2", credentials(n.authFor("127.0.0.1")));
        assertNull(n.authFor("example.com"), "no suffix matching");
        assertNull(n.authFor("other.test"));
    }

    @Test
    void defaultAnswersForEveryHostWithoutItsOwnEntry() {
        Netrc n = parse("default login anon password guest\nmachine a.test login a password pa\n");
        assertEquals("a:pa", credentials(n.authFor("a.test")));
        assertEquals("anon:guest", credentials(n.authFor("b.test")));
    }

    @Test
    void aLaterEntryForTheSameMachineReplacesAnEarlierOneAsInPython() {
        Netrc n = parse("machine h login first password 1\nmachine h login second password 2\n");
        assertEquals("second:2", credentials(n.authFor("h")));
    }

    @Test
    void quotedTokensCommentsAccountAndMissingFields() {
        Netrc n = parse("# my credentials\n"
                + "machine q.test login \"user name\" password \"pa ss\\\"word\" # trailing comment\n"
                + "machine acct.test account billing login u\n"
                + "machine nopass.test login only\n"
                + "machine nologin.test password p\n");
        assertEquals("user name:pa ss\"word", credentials(n.authFor("q.test")));
        assertEquals("u:", credentials(n.authFor("acct.test")), "account is read and ignored");
        assertEquals("only:", credentials(n.authFor("nopass.test")));
        assertEquals(":p", credentials(n.authFor("nologin.test")));
    }

    @Test
    void macroDefinitionsAreSkippedUpToTheNextEmptyLine() {
        Netrc n = parse("macdef init\ncd /pub\nmachine not.a.machine login x password y\nbinary\n\n"
                + "machine real.test login r password p\n");
        assertNull(n.authFor("not.a.machine"), "inside the macro, not an entry");
        assertEquals("r:p", credentials(n.authFor("real.test")));
    }

    @Test
    void anEmptyFileHasNoCredentials() {
        assertTrue(parse("").isEmpty());
        assertTrue(parse("  # only a comment\n\n").isEmpty());
    }

    @Test
    void syntaxErrorsNameTheFileTheLineAndTheProblem() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> parse("machine a login x\nlogin y\n\nmachine b lgoin z\n"));
        assertEquals("netrc file /test/.netrc, line 4: unknown token 'lgoin' in the entry for machine b"
                + " (fix it, or turn trustEnv off to ignore the environment)", e.getMessage());

        e = assertThrows(InvalidRequestException.class, () -> parse("login x password y\n"));
        assertTrue(e.getMessage().startsWith(
                "netrc file /test/.netrc, line 1: expected 'machine', 'default' or 'macdef', found 'login'"), e.getMessage());

        e = assertThrows(InvalidRequestException.class, () -> parse("machine a\nlogin x\npassword"));
        assertTrue(e.getMessage().startsWith("netrc file /test/.netrc, line 3: 'password' at the end of the file has no value"),
                e.getMessage());

        e = assertThrows(InvalidRequestException.class, () -> parse("machine a login \"x password y\n"));
        assertTrue(e.getMessage().startsWith("netrc file /test/.netrc, line 1: a quoted token is not closed"), e.getMessage());

        e = assertThrows(InvalidRequestException.class, () -> parse("\nmachine a login x:y password p\n"));
        assertTrue(e.getMessage().startsWith("netrc file /test/.netrc, line 2: the entry for machine a cannot be used"
                + " for Basic auth: a Basic auth user may not contain ':'"), e.getMessage());
    }

    @Test
    void netrcNamesTheFileAndAMissingOneMeansNone() throws IOException {
        Path f = Files.writeString(dir.resolve("creds"), "machine h login l password p\n");
        assertEquals("l:p", credentials(Netrc.fromEnvironment(Map.of("NETRC", f.toString()), false).authFor("h")));
        assertNull(Netrc.fromEnvironment(Map.of("NETRC", dir.resolve("missing").toString()), false),
                "as in requests, a NETRC naming no file means no netrc");
    }

    @Test
    void aTildeInNetrcIsTheHomeDirectory() throws IOException {
        Files.writeString(dir.resolve("creds"), "machine h login l password p\n");
        Netrc n = Netrc.fromEnvironment(Map.of("NETRC", "~/creds", "HOME", dir.toString()), false);
        assertEquals("l:p", credentials(n.authFor("h")));
    }

    @Test
    void homeDotNetrcComesBeforeUnderscoreNetrc() throws IOException {
        Files.writeString(dir.resolve("_netrc"), "machine h login underscore password u\n");
        assertEquals("underscore:u", credentials(Netrc.fromEnvironment(Map.of("HOME", dir.toString()), false).authFor("h")));
        Files.writeString(dir.resolve(".netrc"), "machine h login dot password d\n");
        assertEquals("dot:d", credentials(Netrc.fromEnvironment(Map.of("HOME", dir.toString()), false).authFor("h")));
    }

    @Test
    void aGivenEnvironmentWithoutHomeOrNetrcReadsNoFile() {
        assertNull(Netrc.fromEnvironment(Map.of(), false), "a session's own map does not fall back to user.home");
    }

    @Test
    void anUnreadableFileIsAClearError() throws IOException {
        Path f = Files.createDirectories(dir.resolve("adir"));
        // NETRC naming a directory is "no file"; one that exists but fails to read is an error.
        assertNull(Netrc.fromEnvironment(Map.of("NETRC", f.toString()), false));
        Path bad = Files.write(dir.resolve("bad"), new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> Netrc.fromEnvironment(Map.of("NETRC", bad.toString()), false));
        assertTrue(e.getMessage().startsWith("cannot read the netrc file " + bad), e.getMessage());
    }
}
