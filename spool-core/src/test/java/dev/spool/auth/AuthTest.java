package dev.spool.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Headers;
import dev.spool.Request;
import dev.spool.Url;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Basic, Bearer, host-scoped auth and the WWW-Authenticate parser. */
@Timeout(10)
class AuthTest {
    private static Request get(String url) {
        return new Request("GET", Url.parse(url), Headers.of("X-A", "1"), null, null);
    }

    @Test
    void basicEncodesUserAndPasswordAsUtf8() {
        assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", Auth.basic("Aladdin", "open sesame").apply(get("http://h/"))
                .headers().get("Authorization"), "RFC 7617 section 2's example");
        assertEquals("Basic dGVzdDoxMjPCow==", Auth.basic("test", "123\u00a3").apply(get("http://h/"))
                .headers().get("Authorization"), "RFC 7617 section 2.1's UTF-8 example");
        assertThrows(IllegalArgumentException.class, () -> Auth.basic("a:b", "p"));
        assertTrue(Auth.basic("u", "secret").toString().indexOf("secret") < 0, "toString hides the password");
    }

    @Test
    void bearerSendsTheTokenAndRefusesBadOnes() {
        Request r = Auth.bearer("mF_9.B5f-4.1JqM").apply(get("http://h/"));
        assertEquals("Bearer mF_9.B5f-4.1JqM", r.headers().get("Authorization"));
        assertEquals("1", r.headers().get("X-A"));
        assertThrows(IllegalArgumentException.class, () -> Auth.bearer(""));
        assertThrows(IllegalArgumentException.class, () -> Auth.bearer("a b"));
        assertThrows(IllegalArgumentException.class, () -> Auth.bearer("a\r\nX-Injected: 1"));
    }

    @Test
    void forHostAppliesToThatParsedHostOnly() {
        Auth a = Auth.forHost("A.Example", Auth.basic("u", "p"));
        assertEquals("Basic dTpw", a.apply(get("http://a.example:8080/x")).headers().get("Authorization"));
        assertNull(a.apply(get("http://b.example/")).headers().get("Authorization"));
        // CVE-2024-47081: the text before '@' is user info, not the host.
        assertNull(a.apply(get("http://a.example:@127.0.0.1/")).headers().get("Authorization"));
    }

    @Test
    void parsesChallenges() {
        List<Challenge> cs = Challenge.parse(List.of(
                "Digest realm=\"a, b\", nonce=\"x\\\"y\",qop=\"auth,auth-int\" , algorithm=MD5, Basic realm=simple",
                "Bearer, Negotiate YII+/abc==",
                "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\""));
        assertEquals(6, cs.size(), cs.toString());
        assertEquals("Digest", cs.get(0).scheme());
        assertEquals(Map.of("realm", "a, b", "nonce", "x\"y", "qop", "auth,auth-int", "algorithm", "MD5"), cs.get(0).params());
        assertTrue(cs.get(1).is("basic"));
        assertEquals("simple", cs.get(1).param("REALM"));
        assertEquals("Bearer", cs.get(2).scheme());
        assertTrue(cs.get(2).params().isEmpty());
        assertEquals("YII+/abc==", cs.get(3).token68());
        // RFC 9110 section 11.6.1's example
        assertEquals("Login to \"apps\"", cs.get(4).param("title"));
        assertEquals("1", cs.get(4).param("type"));
        assertEquals("simple", cs.get(5).param("realm"));
    }

    @Test
    void parsesMalformedChallengesWithoutFailing() {
        assertEquals(0, Challenge.parse(List.of("", " , ,", "\"")).size());
        List<Challenge> cs = Challenge.parse(List.of("Digest realm=\"unterminated"));
        assertEquals("unterminated", cs.get(0).param("realm"));
    }
}
