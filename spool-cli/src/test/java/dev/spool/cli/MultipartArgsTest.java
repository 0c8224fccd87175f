package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spool.Body;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The -F grammar (curl's): fields, @file uploads with ;type= and ;filename=, <file fields, quoting; errors. No sockets. */
class MultipartArgsTest {
    private static final InputStream NO_INPUT = new ByteArrayInputStream(new byte[0]);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "@{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "a.txt                                 | a.txt         | NULL       | NULL",
        "a.txt;type=text/plain                 | a.txt         | text/plain | NULL",
        "a.txt;filename=b.txt;type=text/x      | a.txt         | text/x     | b.txt",
        "\"my;file.txt\";filename=\"x;y.txt\"  | my;file.txt   | NULL       | x;y.txt",
        "\"q\\\"uote\\\\d\"                    | q\"uote\\d    | NULL       | NULL",
        "-;filename=stdin.bin                  | -             | NULL       | stdin.bin",
        "a.txt;type=\"text/plain; charset=utf-8\" | a.txt  | text/plain; charset=utf-8 | NULL",
    })
    void fileSpecs(String text, String file, String type, String filename) {
        assertEquals(new MultipartArgs.Spec(file, type, filename), MultipartArgs.Spec.parse("f=@" + text, text, true));
    }

    @ParameterizedTest(name = "-F ''{0}''")
    @CsvSource(delimiter = '|', value = {
        "novalue                      | -F expects name=value, name=@FILE or name=<FILE, got 'novalue'",
        "=x                           | -F '=x' has no field name before the '='",
        "f=@                          | -F 'f=@' names no file after the '@'",
        "f=@a.txt;size=3              | -F 'f=@a.txt;size=3': ';size=' is not understood here (a file upload takes ;type= and ;filename=)",
        "f=<a.txt;type=text/plain     | -F 'f=<a.txt;type=text/plain': ';type=' is not understood here (a <FILE field takes no settings)",
        "f=@a.txt;type=               | -F 'f=@a.txt;type=': ;type= is empty",
        "f=@\"a.txt                   | -F 'f=@\"a.txt': a double quote is not closed",
        "f=@\"a.txt\"x                | -F 'f=@\"a.txt\"x': text after a closing quote: 'x'",
        "f=@a.txt;filename            | -F 'f=@a.txt;filename': expected key=value after ';', got 'filename'",
        "f=@a.txt;type=text/plain; charset=utf-8 | -F 'f=@a.txt;type=text/plain; charset=utf-8': ';charset=' is not understood here (a file upload takes ;type= and ;filename=)",
    })
    void mistakesAreUsageErrors(String arg, String message) {
        CliException e = assertThrows(CliException.class, () -> MultipartArgs.build(List.of(arg), NO_INPUT));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertEquals(message, e.getMessage());
    }

    @Test
    void partsInOrderWithNamesTypesAndFileNames() throws IOException {
        Path photo = Files.write(dir.resolve("beach.bin"), new byte[] {1, 2, 3});
        Path blob = Files.write(dir.resolve("blob"), new byte[] {1, 2, 3}); // no extension: nothing to guess a type from
        Path notes = Files.writeString(dir.resolve("notes.txt"), "from a file");
        Body body = MultipartArgs.build(List.of("title=a;b=c", "photo=@" + photo + ";type=image/jpeg",
                "raw=@" + blob + ";filename=renamed.dat", "notes=<" + notes, "up=@-"),
                new ByteArrayInputStream("piped".getBytes(StandardCharsets.UTF_8)));
        String type = body.contentType();
        assertTrue(type.startsWith("multipart/form-data; boundary="), type);
        String b = "--" + type.substring(type.indexOf('=') + 1);
        String expected = b + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\na;b=c\r\n"
                + b + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"beach.bin\"\r\nContent-Type: image/jpeg\r\n\r\n"
                + "\u0001\u0002\u0003\r\n"
                + b + "\r\nContent-Disposition: form-data; name=\"raw\"; filename=\"renamed.dat\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\u0001\u0002\u0003\r\n"
                + b + "\r\nContent-Disposition: form-data; name=\"notes\"\r\n\r\nfrom a file\r\n"
                + b + "\r\nContent-Disposition: form-data; name=\"up\"; filename=\"-\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                + "piped\r\n"
                + b + "--\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        assertEquals(expected, out.toString(StandardCharsets.ISO_8859_1));
        assertEquals(expected.length(), body.contentLength(), "a known length: sent with Content-Length");
        assertTrue(body.isReplayable(), "files are read when sent, stdin is held: the body can go to every URL");
    }

    @Test
    void noFormNoBodyAndStandardInputOnce() {
        assertNull(MultipartArgs.build(List.of(), NO_INPUT));
        CliException e = assertThrows(CliException.class, () -> MultipartArgs.build(List.of("a=@-", "b=<-"), NO_INPUT));
        assertEquals("-F 'b=<-': standard input can be read by one -F only", e.getMessage());
    }

    @Test
    void aMissingFileIsAReadErrorAndMixingBodiesIsAUsageError() {
        CliException missing = assertThrows(CliException.class,
                () -> MultipartArgs.build(List.of("f=@" + dir.resolve("none.bin")), NO_INPUT));
        assertEquals(ExitCodes.READ, missing.exitCode());
        assertEquals("-F f=@" + dir.resolve("none.bin") + ": no readable file " + dir.resolve("none.bin").toAbsolutePath(),
                missing.getMessage());

        CliException mixed = assertThrows(CliException.class, () -> RequestBodies.build(List.of("a=1"), List.of(), null,
                List.of(), List.of("b=2"), NO_INPUT));
        assertEquals(ExitCodes.USAGE, mixed.exitCode());
        assertTrue(mixed.getMessage().startsWith("-F (a multipart form) cannot be combined with -d"), mixed.getMessage());
        assertThrows(CliException.class, () -> RequestBodies.build(List.of(), List.of(), "{}", List.of(), List.of("b=2"), NO_INPUT));
    }
}
