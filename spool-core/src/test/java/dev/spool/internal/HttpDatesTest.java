package dev.spool.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The RFC 6265 section 5.1.1 date algorithm, which also reads the three HTTP-date forms. */
@Timeout(10)
class HttpDatesTest {
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "Sun, 06 Nov 1994 08:49:37 GMT | 1994-11-06T08:49:37Z",        // IMF-fixdate
        "Sunday, 06-Nov-94 08:49:37 GMT | 1994-11-06T08:49:37Z",       // RFC 850
        "Sun Nov  6 08:49:37 1994 | 1994-11-06T08:49:37Z",             // asctime
        "Wed, 09-Jun-2021 10:18:14 GMT | 2021-06-09T10:18:14Z",
        "09 Jun 2021 10:18:14 | 2021-06-09T10:18:14Z",
        "Thu, 01 Jan 1970 00:00:00 GMT | 1970-01-01T00:00:00Z",
        "1 jan 69 1:2:3 | 2069-01-01T01:02:03Z",                        // two-digit years: 69 is 2069
        "1 jan 70 1:2:3 | 1970-01-01T01:02:03Z",                        // and 70 is 1970
        "Fri, 31 Dec 9999 23:59:59 GMT | 9999-12-31T23:59:59Z",
        "31 Feb 2021 10:00:00 | ''",                                   // no such day
        "32 Jan 2021 10:00:00 | ''",
        "Sun, 06 Nov 1994 24:00:00 GMT | ''",
        "Sun, 06 Nov 1600 08:49:37 GMT | ''",                          // before 1601
        "Sun, 06 Nov 1994 GMT | ''",                                   // no time
        "06 1994 08:49:37 | ''",                                       // no month
        "tomorrow | ''",
        "'' | ''",
    })
    void parses(String text, String expected) {
        assertEquals(expected.isEmpty() ? null : Instant.parse(expected), HttpDates.parse(text));
    }
}
