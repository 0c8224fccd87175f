package dev.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The bytes of multipart bodies: layout, escaping of names, length, replayability. */
class MultipartBuilderTest {
    private static String boundaryOf(Body b) {
        String ct = b.contentType();
        assertTrue(ct.startsWith("multipart/form-data; boundary="), ct);
        return ct.substring(ct.indexOf('=') + 1);
    }

    private static byte[] write(Body b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        b.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void fieldsAndFilesAreLaidOutAsRfc7578Says(@TempDir Path dir) throws IOException {
        Path photo = dir.resolve("beach.jpg");
        Files.write(photo, new byte[] {(byte) 0xff, (byte) 0xd8, 0, 1});
        Body b = Body.multipart()
                .field("title", "holiday \u00e9t\u00e9")
                .file("photo", photo)
                .file("notes", "notes.txt", "hello\r\n".getBytes(StandardCharsets.UTF_8), "text/plain")
                .build();
        String bd = boundaryOf(b);
        byte[] body = write(b);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(("--" + bd + "\r\n"
                + "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
                + "holiday \u00e9t\u00e9\r\n"
                + "--" + bd + "\r\n"
                + "Content-Disposition: form-data; name=\"photo\"; filename=\"beach.jpg\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        expected.write(new byte[] {(byte) 0xff, (byte) 0xd8, 0, 1});
        expected.write(("\r\n--" + bd + "\r\n"
                + "Content-Disposition: form-data; name=\"notes\"; filename=\"notes.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + "hello\r\n\r\n"
                + "--" + bd + "--\r\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(expected.toString(StandardCharsets.ISO_8859_1), new String(body, StandardCharsets.ISO_8859_1));
        assertEquals(body.length, b.contentLength(), "the declared length is the written length");
        assertTrue(b.isReplayable());
        assertEquals(new String(body, StandardCharsets.ISO_8859_1), new String(write(b), StandardCharsets.ISO_8859_1),
                "written again, the same bytes (a retry or 307 can resend it)");
    }

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("plain", "plain"),
                Arguments.of("a\"b", "a%22b"),
                Arguments.of("line\rbreak\nx", "line%0Dbreak%0Ax"),
                Arguments.of("x\"; name=\"evil", "x%22; name=%22evil"),
                Arguments.of("x\r\n--boundary\r\nContent-Disposition: form-data; name=\"forged\"",
                        "x%0D%0A--boundary%0D%0AContent-Disposition: form-data; name=%22forged%22"),
                Arguments.of("back\\slash", "back\\slash"),
                Arguments.of("r\u00e9sum\u00e9 \uD83D\uDE00.pdf", "r\u00e9sum\u00e9 \uD83D\uDE00.pdf"),
                Arguments.of("%22 stays", "%22 stays"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("names")
    void namesAndFileNamesAreEscapedAsBrowsersDo(String raw, String written) throws IOException {
        Body b = Body.multipart().file(raw, raw, new byte[0], null).build();
        String body = new String(write(b), StandardCharsets.UTF_8);
        assertTrue(body.contains("Content-Disposition: form-data; name=\"" + written + "\"; filename=\"" + written + "\"\r\n"),
                body);
        assertEquals(1, body.split("\r\nContent-Disposition", -1).length - 1, "no second part was forged");
    }

    @Test
    void aStreamedPartMakesTheBodyChunkedAndOneShot() throws IOException {
        Body b = Body.multipart()
                .field("a", "1")
                .file("f", "data.bin", new ByteArrayInputStream(new byte[] {1, 2, 3}), "application/x-test")
                .build();
        assertEquals(-1, b.contentLength(), "unknown length: sent chunked");
        assertFalse(b.isReplayable());
        String body = new String(write(b), StandardCharsets.ISO_8859_1);
        assertTrue(body.contains("Content-Type: application/x-test\r\n\r\n\u0001\u0002\u0003\r\n"), body);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> write(b));
        assertTrue(e.getMessage().contains("sent only once"), e.getMessage());
    }

    @Test
    void aFileIsReadWhenSentAndItsLengthIsTheFilesSize(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("big.bin");
        Files.write(f, new byte[100_000]);
        Body b = Body.multipart().file("upload", "renamed.bin", f, "application/x-custom").build();
        long declared = b.contentLength();
        assertEquals(declared, write(b).length);
        assertTrue(declared > 100_000);
    }

    @Test
    void badInputIsRefusedWithClearErrors(@TempDir Path dir) {
        InvalidRequestException none = assertThrows(InvalidRequestException.class, () -> Body.multipart().build());
        assertEquals("a multipart body needs at least one field or file", none.getMessage());
        Path missing = dir.resolve("missing.txt");
        InvalidRequestException nofile = assertThrows(InvalidRequestException.class,
                () -> Body.multipart().file("f", missing));
        assertTrue(nofile.getMessage().contains(missing.toString()) && nofile.getMessage().contains("does not exist"),
                nofile.getMessage());
        InvalidRequestException badType = assertThrows(InvalidRequestException.class,
                () -> Body.multipart().file("f", "a", new byte[0], "text/plain\r\nX-Evil: 1"));
        assertTrue(badType.getMessage().contains("Content-Type"), badType.getMessage());
        NullPointerException noName = assertThrows(NullPointerException.class, () -> Body.multipart().field(null, "v"));
        assertEquals("name of multipart part", noName.getMessage());
    }

    @Test
    void eachBodyHasItsOwnRandomBoundary() {
        String a = boundaryOf(Body.multipart().field("a", "1").build());
        String b = boundaryOf(Body.multipart().field("a", "1").build());
        assertNotEquals(a, b);
        assertTrue(a.matches("[0-9a-f]{32}"), a);
    }

    @Test
    void aFileBodyWithoutATypeIsOctetStream(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.json");
        Files.writeString(f, "{}");
        Body b = Body.file(f);
        assertEquals("application/octet-stream", b.contentType(), "nothing is guessed from the name");
        assertEquals(2, b.contentLength());
        assertEquals("{}", new String(write(b), StandardCharsets.UTF_8));
        assertThrows(InvalidRequestException.class, () -> Body.file(dir.resolve("nope")));
    }
}
