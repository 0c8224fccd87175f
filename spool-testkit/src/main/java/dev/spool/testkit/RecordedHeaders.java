package dev.spool.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header fields of a recorded request as they arrived: an ordered list of name/value pairs that
 * keeps repeats, with case-insensitive lookup by name.
 */
public final class RecordedHeaders implements Iterable<Map.Entry<String, String>> {
    static final RecordedHeaders EMPTY = new RecordedHeaders(List.of());

    /** Alternating name, value, in arrival order. */
    private final List<String> namesAndValues;

    RecordedHeaders(List<String> namesAndValues) {
        this.namesAndValues = List.copyOf(namesAndValues);
    }

    /** The number of fields. */
    public int size() {
        return namesAndValues.size() / 2;
    }

    /** The name of field {@code i}, spelled as the client sent it. */
    public String name(int i) {
        return namesAndValues.get(2 * checkIndex(i));
    }

    /** The value of field {@code i}, without surrounding whitespace. */
    public String value(int i) {
        return namesAndValues.get(2 * checkIndex(i) + 1);
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("header index " + i + " of " + size());
        }
        return i;
    }

    /** The first value of the named field (case-insensitive), or null when absent. */
    public String get(String name) {
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            if (namesAndValues.get(i).equalsIgnoreCase(name)) {
                return namesAndValues.get(i + 1);
            }
        }
        return null;
    }

    /** Every value of the named field (case-insensitive) in arrival order; empty when absent. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            if (namesAndValues.get(i).equalsIgnoreCase(name)) {
                out.add(namesAndValues.get(i + 1));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Whether the named field is present (case-insensitive). */
    public boolean contains(String name) {
        return get(name) != null;
    }

    /** The distinct names in first-seen order, spelled as first sent. */
    public Set<String> names() {
        Set<String> lower = new LinkedHashSet<>();
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            String n = namesAndValues.get(i);
            if (lower.add(n.toLowerCase(java.util.Locale.ROOT))) {
                out.add(n);
            }
        }
        return Collections.unmodifiableSet(out);
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        List<Map.Entry<String, String>> entries = new ArrayList<>(size());
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            entries.add(Map.entry(namesAndValues.get(i), namesAndValues.get(i + 1)));
        }
        return Collections.unmodifiableList(entries).iterator();
    }

    /** One {@code Name: value} line per field. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            sb.append(namesAndValues.get(i)).append(": ").append(namesAndValues.get(i + 1)).append('\n');
        }
        return sb.toString();
    }
}
