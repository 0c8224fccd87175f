package dev.spool.it.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spool.Response;
import dev.spool.Session;
import dev.spool.Spool;
import dev.spool.it.interop.NginxTls.Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One-shot HTTPS calls (a throwaway session each, so a new connection each) resume the TLS session an
 * earlier call left in the JVM, against a real nginx: TLS 1.3 session tickets and TLS 1.2 session ids.
 * Every call is checked from both sides: Spool's {@code Response.connection().tlsResumed()} and nginx's
 * own {@code $ssl_session_reused}. Different trust never resumes another's session.
 *
 * <p>Each test trusts the server through a CA bundle file of its own (a copy of the same certificate),
 * so its first handshake cannot resume a session another test left: sessions are shared only between
 * equal TLS configurations.
 */
@Tag("interop")
@Timeout(120)
@ExtendWith(NginxTlsExtension.class)
class TlsResumptionInteropTest {
    @TempDir
    Path dir;

    /** What one call saw: Spool's flag, nginx's flag ("r" or "."), and the protocol nginx spoke. */
    record Seen(boolean spool, String nginx, String tls) {
        static Seen of(Response r) {
            assertEquals(NginxTls.HELLO, r.text());
            return new Seen(r.connection().tlsResumed(), r.header("X-Reused"), r.header("X-Tls"));
        }

        static Seen resumed(String tls) {
            return new Seen(true, "r", tls);
        }

        static Seen full(String tls) {
            return new Seen(false, ".", tls);
        }
    }

    private Path bundle(NginxTls nginx, String name) throws IOException {
        return Files.copy(nginx.caPem(), dir.resolve(name + ".pem"));
    }

    /** {@code n} one-shot GETs ({@code Spool.request}: a throwaway session each) trusting {@code ca}. */
    private static List<Seen> oneShots(String url, Path ca, int n) {
        List<Seen> seen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try (Response r = Spool.request("GET", url).caBundle(ca).send()) {
                seen.add(Seen.of(r));
            }
        }
        return seen;
    }

    @Test
    void plainSpoolGetResumesFromTheSecondCall(NginxTls nginx) throws Exception {
        // Spool.get(url) exactly as a requests user writes it, in a JVM of its own trusting the
        // server through REQUESTS_CA_BUNDLE.
        List<String[]> lines = OneShotProbe.run(nginx.caPem(), 3,
                List.of(nginx.url(Server.TLS13_TICKETS), nginx.url(Server.TLS12_SESSION_IDS), nginx.url(Server.NO_RESUMPTION)));
        List<String> got = new ArrayList<>();
        for (String[] l : lines) {
            got.add(String.join(" ", l));
        }
        assertEquals(List.of(
                nginx.url(Server.TLS13_TICKETS) + " 1 false . TLSv1.3",
                nginx.url(Server.TLS13_TICKETS) + " 2 true r TLSv1.3",
                nginx.url(Server.TLS13_TICKETS) + " 3 true r TLSv1.3",
                nginx.url(Server.TLS12_SESSION_IDS) + " 1 false . TLSv1.2",
                nginx.url(Server.TLS12_SESSION_IDS) + " 2 true r TLSv1.2",
                nginx.url(Server.TLS12_SESSION_IDS) + " 3 true r TLSv1.2",
                nginx.url(Server.NO_RESUMPTION) + " 1 false . TLSv1.3",
                nginx.url(Server.NO_RESUMPTION) + " 2 false . TLSv1.3",
                nginx.url(Server.NO_RESUMPTION) + " 3 false . TLSv1.3"), got);
    }

    @Test
    void tls13TicketsResumeFromTheSecondOneShotCall(NginxTls nginx) throws IOException {
        String v = "TLSv1.3";
        assertEquals(List.of(Seen.full(v), Seen.resumed(v), Seen.resumed(v), Seen.resumed(v)),
                oneShots(nginx.url(Server.TLS13_TICKETS), bundle(nginx, "tls13"), 4));
    }

    @Test
    void tls12SessionIdsResumeFromTheSecondOneShotCall(NginxTls nginx) throws IOException {
        String v = "TLSv1.2";
        assertEquals(List.of(Seen.full(v), Seen.resumed(v), Seen.resumed(v), Seen.resumed(v)),
                oneShots(nginx.url(Server.TLS12_SESSION_IDS), bundle(nginx, "tls12"), 4));
    }

    @Test
    void aServerThatRefusesResumptionIsNeverReportedResumed(NginxTls nginx) throws IOException {
        String v = "TLSv1.3";
        assertEquals(List.of(Seen.full(v), Seen.full(v), Seen.full(v)),
                oneShots(nginx.url(Server.NO_RESUMPTION), bundle(nginx, "refused"), 3));
    }

    @Test
    void aDifferentCaBundleDoesNotResumeAnotherBundlesSession(NginxTls nginx) throws IOException {
        String url = nginx.url(Server.TLS13_TICKETS);
        String v = "TLSv1.3";
        Path a = bundle(nginx, "a");
        Path b = bundle(nginx, "b"); // the same certificate in another file: another trust setting all the same
        assertEquals(List.of(Seen.full(v), Seen.resumed(v)), oneShots(url, a, 2));
        assertEquals(List.of(Seen.full(v), Seen.resumed(v)), oneShots(url, b, 2),
                "b's first handshake must verify the server itself, not resume a's session");
        assertEquals(List.of(Seen.resumed(v)), oneShots(url, a, 1), "a's own sessions are still there");
    }

    @Test
    void aChangedCaBundleDoesNotResumeSessionsVerifiedUnderItsOldContent(NginxTls nginx) throws IOException {
        String url = nginx.url(Server.TLS12_SESSION_IDS);
        String v = "TLSv1.2";
        Path ca = bundle(nginx, "edited");
        assertEquals(List.of(Seen.full(v), Seen.resumed(v)), oneShots(url, ca, 2));
        // The same certificate twice: the file's size changes, what it trusts does not, so the call succeeds.
        Files.writeString(ca, Files.readString(ca) + Files.readString(nginx.caPem()));
        assertEquals(List.of(Seen.full(v), Seen.resumed(v)), oneShots(url, ca, 2));
    }

    @Test
    void verifyOffNeverSharesSessionsWithVerifyingSessions(NginxTls nginx) throws IOException {
        String url = nginx.url(Server.TLS12_SESSION_IDS);
        String v = "TLSv1.2";
        List<Seen> insecure = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            try (Session s = Session.builder().verify(false).build(); Response r = s.get(url)) {
                insecure.add(Seen.of(r));
            }
        }
        assertEquals(Seen.resumed(v), insecure.get(1), "unverified throwaway sessions resume among themselves");
        // A verifying session must not pick up the session an unverified handshake made: it verifies in full.
        assertEquals(List.of(Seen.full(v), Seen.resumed(v)), oneShots(url, bundle(nginx, "verifying"), 2));
    }
}
