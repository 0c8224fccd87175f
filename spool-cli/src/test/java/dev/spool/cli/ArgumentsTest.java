package dev.spool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;

/** The small argument grammars: -H, -p, positional URL/field split, seconds, download file names. Tables, no sockets. */
class ArgumentsTest {
    @ParameterizedTest(name = "-H ''{0}''")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "X-A: 1          | X-A        | 1",
        "X-A:1           | X-A        | 1",
        "  X-A  :  v w   | X-A        | v w",
        "Accept:         | Accept     | NULL",
        "X-Empty;        | X-Empty    | ''",
        "X-Url: http://h/ | X-Url     | http://h/",
    })
    void headers(String arg, String name, String value) {
        assertEquals(new HeaderArg(name, value), HeaderArg.parse(arg));
    }

    @ParameterizedTest(name = "-H ''{0}''")
    @CsvSource(delimiter = '|', value = {
        "NoColon    | -H expects 'Name: value' (or 'Name:' to remove a header), got 'NoColon'",
        ": v        | -H ': v' has no header name before the ':'",
        "Bad Name: v | -H 'Bad Name: v': ",
    })
    void badHeaders(String arg, String message) {
        CliException e = assertThrows(CliException.class, () -> HeaderArg.parse(arg));
        assertEquals(ExitCodes.USAGE, e.exitCode());
        assertEquals(message, e.getMessage().substring(0, Math.min(message.length(), e.getMessage().length())));
    }

    @Test
    void params() {
        assertEquals(new NameValue("q", "a=b"), NameValue.parse("-p", "q=a=b"));
        assertEquals(new NameValue("empty", ""), NameValue.parse("-p", "empty="));
        assertEquals("-p expects name=value, got 'x'", assertThrows(CliException.class, () -> NameValue.parse("-p", "x")).getMessage());
        assertEquals("-p '=x' has no name before the '='",
                assertThrows(CliException.class, () -> NameValue.parse("-p", "=x")).getMessage());
    }

    @Test
    void positionalArgumentsSplitIntoUrlsAndJsonFields() {
        CallArgs a = CallArgs.split(List.of("http://h/a", "name=x", "n:=1", "https://h:8443/b?q=1", "url=http://u/",
                "localhost:8080/path", "x:=\"a=b\""));
        assertEquals(List.of("http://h/a", "https://h:8443/b?q=1", "localhost:8080/path"), a.urls());
        assertEquals(List.of(new CallArgs.JsonField("name", "x", false), new CallArgs.JsonField("n", "1", true),
                new CallArgs.JsonField("url", "http://u/", false), new CallArgs.JsonField("x", "\"a=b\"", true)), a.fields());
        CliException e = assertThrows(CliException.class, () -> CallArgs.split(List.of("a=1")));
        assertEquals(ExitCodes.USAGE, e.exitCode());
    }

    @ParameterizedTest(name = "--timeout {0}")
    @CsvSource({"2, 2000", "0.25, 250", "0.0005, 0"})
    void seconds(String arg, long millis) {
        assertEquals(millis, new Seconds().convert(arg).toMillis());
    }

    @ParameterizedTest(name = "--timeout {0}")
    @CsvSource(delimiter = '|', value = {
        "0      | must be a positive number of seconds, got '0'",
        "-1     | must be a positive number of seconds, got '-1'",
        "NaN    | must be a positive number of seconds, got 'NaN'",
        "abc    | 'abc' is not a number of seconds",
        "100000 | '100000' seconds is more than a day",
    })
    void badSeconds(String arg, String message) {
        assertEquals(message, assertThrows(TypeConversionException.class, () -> new Seconds().convert(arg)).getMessage());
    }

    @Test
    void aTinyTimeoutIsStillPositive() {
        assertEquals(Duration.ofNanos(500_000), new Seconds().convert("0.0005"));
    }

    @ParameterizedTest(name = "download {0}")
    @CsvSource({
        "http://h/files/data.bin, data.bin",
        "http://h/a/b%20c.txt?x=1, b c.txt",
        "http://h/a+b, a+b",
    })
    void downloadFileNames(String url, String file) {
        assertEquals(Path.of(file), DownloadCommand.fileNameOf(url));
    }

    @ParameterizedTest(name = "download {0}")
    @CsvSource({"http://h/", "http://h", "http://h/a/..", "http://h/a%2Fb"})
    void urlsWithoutAFileName(String url) {
        CliException e = assertThrows(CliException.class, () -> DownloadCommand.fileNameOf(url));
        assertEquals(ExitCodes.USAGE, e.exitCode());
    }
}
