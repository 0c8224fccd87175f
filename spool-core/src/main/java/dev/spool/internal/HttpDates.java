package dev.spool.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Parses dates the way browsers read cookie {@code Expires} (RFC 6265 section 5.1.1): leniently,
 * token by token, which also accepts all three HTTP-date forms of RFC 9110 section 5.6.7
 * (IMF-fixdate, RFC 850, asctime) used by {@code Retry-After}.
 */
public final class HttpDates {
    private static final String[] MONTHS = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };

    private HttpDates() {
    }

    /** The date, or null when the text holds no valid date by the RFC 6265 algorithm. */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        int hour = -1;
        int minute = -1;
        int second = -1;
        int day = -1;
        int month = -1;
        int year = -1;
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && isDelimiter(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isDelimiter(text.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            String token = text.substring(start, i);
            int[] time;
            int v;
            if (hour < 0 && (time = time(token)) != null) {
                hour = time[0];
                minute = time[1];
                second = time[2];
            } else if (day < 0 && (v = digits(token, 1, 2)) >= 0) {
                day = v;
            } else if (month < 0 && (v = month(token)) >= 0) {
                month = v;
            } else if (year < 0 && (v = digits(token, 2, 4)) >= 0) {
                year = v;
            }
        }
        if (hour < 0 || day < 0 || month < 0 || year < 0) {
            return null;
        }
        // Two-digit years, as RFC 6265 section 5.1.1 step 3 and 4 say.
        if (year >= 70 && year <= 99) {
            year += 1900;
        } else if (year >= 0 && year <= 69) {
            year += 2000;
        }
        if (day < 1 || day > 31 || year < 1601 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            return LocalDate.of(year, month + 1, day).atTime(hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null; // a date that does not exist, such as 31 Feb
        }
    }

    /** RFC 6265: delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E. */
    private static boolean isDelimiter(char c) {
        return c == 0x09 || (c >= 0x20 && c <= 0x2f) || (c >= 0x3b && c <= 0x40)
                || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
    }

    /** {@code min*maxDIGIT ( non-digit *OCTET )}: the leading digits' value, or -1. */
    private static int digits(String token, int min, int max) {
        int count = 0;
        int value = 0;
        while (count < token.length() && Character.isDigit(token.charAt(count)) && token.charAt(count) < 0x80) {
            value = value * 10 + (token.charAt(count) - '0');
            count++;
            if (count > max) {
                return -1;
            }
        }
        return count >= min ? value : -1;
    }

    /** {@code hms-time ( non-digit *OCTET )} with 1*2DIGIT fields: hour, minute, second, or null. */
    private static int[] time(String token) {
        int[] out = new int[3];
        int pos = 0;
        for (int field = 0; field < 3; field++) {
            int start = pos;
            int value = 0;
            while (pos < token.length() && token.charAt(pos) >= '0' && token.charAt(pos) <= '9') {
                value = value * 10 + (token.charAt(pos) - '0');
                pos++;
            }
            int len = pos - start;
            if (len < 1 || len > 2) {
                return null;
            }
            out[field] = value;
            if (field < 2) {
                if (pos >= token.length() || token.charAt(pos) != ':') {
                    return null;
                }
                pos++;
            }
        }
        return out;
    }

    /** The month (0-11) named by the token's first three letters, or -1. */
    private static int month(String token) {
        if (token.length() < 3) {
            return -1;
        }
        String prefix = token.substring(0, 3).toLowerCase(Locale.ROOT);
        for (int m = 0; m < MONTHS.length; m++) {
            if (MONTHS[m].equals(prefix)) {
                return m;
            }
        }
        return -1;
    }
}
