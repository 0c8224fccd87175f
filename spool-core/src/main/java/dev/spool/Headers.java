package dev.spool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable, ordered list of HTTP header fields: names compare case-insensitively, order and
 * repeats are kept (it is a list, not a map).
 */
public final class Headers implements Iterable<Map.Entry<String, String>> {
    /** Headers with no fields. */
    public static final Headers EMPTY = new Headers(new String[0], 0);

    /** Alternating name, value; length is 2 × size or more (only the first 2 × size slots count). */
    private final String[] nv;
    private final int size;

    private Headers(String[] nv, int size) {
        this.nv = nv;
        this.size = size;
    }

    /**
     * Builds headers from alternating names and values, validating each.
     *
     * @throws InvalidRequestException if a name is not a token or a value holds CR, LF or NUL
     */
    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("Headers.of takes name, value pairs; got an odd count");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    /**
     * Headers as received from a peer, from the first {@code size} name/value pairs of
     * {@code namesAndValues} (copied; the array can be reused). The rules are the receiving side's of
     * RFC 9110 section 5.5, looser than {@link #of}'s: a value may hold any byte but CR, LF and NUL,
     * since servers do send other control characters and obs-text. For transports and parsers.
     *
     * @throws IllegalArgumentException naming the field when a name is not a token, a value holds CR,
     *     LF or NUL, or a name or value is null
     */
    public static Headers received(String[] namesAndValues, int size) {
        if (size < 0 || 2 * size > namesAndValues.length) {
            throw new IllegalArgumentException("size " + size + " does not fit " + namesAndValues.length
                    + " names and values");
        }
        if (size == 0) {
            return EMPTY;
        }
        String[] nv = Arrays.copyOf(namesAndValues, 2 * size);
        for (int i = 0; i < size; i++) {
            String name = nv[2 * i];
            String value = nv[2 * i + 1];
            if (!Tokens.isToken(name)) {
                throw new IllegalArgumentException("received header name " + (name == null ? "null" : Tokens.quote(name))
                        + " is not a token");
            }
            if (value == null) {
                throw new IllegalArgumentException("received header " + name + " has a null value");
            }
            // String.indexOf is a vectorized intrinsic: three passes beat one loop over charAt.
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf(0) >= 0) {
                throw receivedBadValue(name, value);
            }
        }
        return new Headers(nv, size);
    }

    private static IllegalArgumentException receivedBadValue(String name, String value) {
        int at = 0;
        while (value.charAt(at) != '\r' && value.charAt(at) != '\n' && value.charAt(at) != 0) {
            at++;
        }
        return new IllegalArgumentException("received header " + name + " value has "
                + Tokens.describe(value.charAt(at)) + " at index " + at);
    }

    /** A builder for a new header list. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder that starts with these fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.nv = Arrays.copyOf(nv, Math.max(8, size * 2 + 4));
        b.size = size;
        return b;
    }

    /** The number of fields. */
    public int size() {
        return size;
    }

    /** Whether there are no fields. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The name of field {@code i}, as given. */
    public String name(int i) {
        checkIndex(i);
        return nv[2 * i];
    }

    /** The value of field {@code i}. */
    public String value(int i) {
        checkIndex(i);
        return nv[2 * i + 1];
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("header index " + i + " of " + size);
        }
    }

    /** The first value of the named field (case-insensitive), or null when absent. */
    public String get(String name) {
        for (int i = 0; i < size; i++) {
            if (name.equalsIgnoreCase(nv[2 * i])) {
                return nv[2 * i + 1];
            }
        }
        return null;
    }

    /** Every value of the named field, in order; empty when absent. */
    public List<String> all(String name) {
        List<String> out = null;
        for (int i = 0; i < size; i++) {
            if (name.equalsIgnoreCase(nv[2 * i])) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(nv[2 * i + 1]);
            }
        }
        return out == null ? List.of() : Collections.unmodifiableList(out);
    }

    /** Whether the named field is present. */
    public boolean contains(String name) {
        return get(name) != null;
    }

    /** The distinct names, in first-seen order, as given (case kept). */
    public Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        outer:
        for (int i = 0; i < size; i++) {
            for (String seen : out) {
                if (seen.equalsIgnoreCase(nv[2 * i])) {
                    continue outer;
                }
            }
            out.add(nv[2 * i]);
        }
        return out;
    }

    /** A copy with one more field at the end. */
    public Headers plus(String name, String value) {
        return toBuilder().add(name, value).build();
    }

    /** A copy with every field of that name removed. */
    public Headers minus(String name) {
        return toBuilder().removeAll(name).build();
    }

    /** A copy where the named field has exactly this one value (or none when value is null). */
    public Headers with(String name, String value) {
        return toBuilder().set(name, value).build();
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < size;
            }

            @Override
            public Map.Entry<String, String> next() {
                if (i >= size) {
                    throw new NoSuchElementException();
                }
                Map.Entry<String, String> e = Map.entry(nv[2 * i], nv[2 * i + 1]);
                i++;
                return e;
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Headers)) {
            return false;
        }
        Headers h = (Headers) o;
        if (h.size != size) {
            return false;
        }
        for (int i = 0; i < 2 * size; i++) {
            if (!nv[i].equals(h.nv[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = 0; i < 2 * size; i++) {
            h = 31 * h + nv[i].hashCode();
        }
        return h;
    }

    /** One {@code Name: value} line per field. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++) {
            sb.append(nv[2 * i]).append(": ").append(nv[2 * i + 1]).append('\n');
        }
        return sb.toString();
    }

    /**
     * Checks a header name: a non-empty RFC 9110 token.
     *
     * @throws InvalidRequestException naming the bad name
     */
    public static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidRequestException("header name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Tokens.isTchar(name.charAt(i))) {
                throw new InvalidRequestException("header name " + Tokens.quote(name)
                        + " has a character not allowed in a token at index " + i);
            }
        }
    }

    /**
     * Checks a header value: no CR, LF or NUL (the header-injection characters of CVE-2019-9740 and
     * CVE-2020-26137), no other control character but tab.
     *
     * @throws InvalidRequestException naming the header and the bad character
     */
    public static void checkValue(String name, String value) {
        if (value == null) {
            throw new InvalidRequestException("header " + name + " has a null value");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new InvalidRequestException("header " + name + " value has a forbidden control character "
                        + Tokens.describe(c) + " at index " + i);
            }
            if (c > 0xff) {
                // Header bytes are ISO-8859-1 on the wire (RFC 9110 section 5.5); anything else would be mangled.
                throw new InvalidRequestException("header " + name + " value has a character U+"
                        + String.format("%04X", (int) c) + " at index " + i
                        + " that HTTP/1.1 cannot carry (ISO-8859-1 only); percent-encode or RFC 8187-encode it");
            }
        }
    }

    /** Accumulates header fields; names and values are validated as they are added. */
    public static final class Builder {
        private String[] nv = new String[16];
        private int size;

        private Builder() {
        }

        /** Appends a field, keeping any existing fields of the same name. */
        public Builder add(String name, String value) {
            checkName(name);
            checkValue(name, value);
            if (2 * size + 2 > nv.length) {
                nv = Arrays.copyOf(nv, nv.length * 2);
            }
            nv[2 * size] = name;
            nv[2 * size + 1] = value;
            size++;
            return this;
        }

        /** Replaces every field of that name with this one value; a null value just removes them. */
        public Builder set(String name, String value) {
            removeAll(name);
            if (value != null) {
                add(name, value);
            }
            return this;
        }

        /** Removes every field of that name. */
        public Builder removeAll(String name) {
            int w = 0;
            for (int r = 0; r < size; r++) {
                if (!name.equalsIgnoreCase(nv[2 * r])) {
                    nv[2 * w] = nv[2 * r];
                    nv[2 * w + 1] = nv[2 * r + 1];
                    w++;
                }
            }
            for (int i = 2 * w; i < 2 * size; i++) {
                nv[i] = null;
            }
            size = w;
            return this;
        }

        /** The first value of the named field, or null. */
        public String get(String name) {
            for (int i = 0; i < size; i++) {
                if (name.equalsIgnoreCase(nv[2 * i])) {
                    return nv[2 * i + 1];
                }
            }
            return null;
        }

        /** The headers built so far. */
        public Headers build() {
            return size == 0 ? EMPTY : new Headers(Arrays.copyOf(nv, 2 * size), size);
        }
    }
}
