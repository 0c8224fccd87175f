package dev.spool.internal.http2.hpack;

/**
 * The HPACK dynamic table (RFC 7541 sections 2.3.2 and 4): a FIFO of fields, newest first, whose
 * size (name + value + 32 per entry, in octets) never exceeds its maximum. A ring of two arrays, so
 * adding and evicting allocate nothing once the ring has grown.
 */
final class DynamicTable {
    /** The per-entry overhead of RFC 7541 section 4.1. */
    static final int ENTRY_OVERHEAD = 32;

    private String[] names = new String[8];
    private String[] values = new String[8];
    /** Slot of the oldest entry. */
    private int head;
    private int length;
    private long size;
    private int maxSize;

    DynamicTable(int maxSize) {
        this.maxSize = maxSize;
    }

    /** The size of a field as RFC 7541 section 4.1 counts it (strings hold one octet per char). */
    static long sizeOf(String name, String value) {
        return (long) name.length() + value.length() + ENTRY_OVERHEAD;
    }

    /** The number of entries. */
    int length() {
        return length;
    }

    /** The current size in octets. */
    long size() {
        return size;
    }

    /** The maximum size in octets. */
    int maxSize() {
        return maxSize;
    }

    /** The name of entry {@code i}: 1 is the newest, {@link #length()} the oldest. */
    String name(int i) {
        return names[slot(i)];
    }

    /** The value of entry {@code i}: 1 is the newest, {@link #length()} the oldest. */
    String value(int i) {
        return values[slot(i)];
    }

    private int slot(int i) {
        return (head + length - i) & (names.length - 1);
    }

    /** Sets the maximum size, evicting the oldest entries until the table fits. */
    void setMaxSize(int maxSize) {
        this.maxSize = maxSize;
        evictTo(maxSize);
    }

    /**
     * Adds a field as the newest entry after evicting what it needs (section 4.4); a field larger
     * than the maximum size empties the table and is not added.
     */
    void add(String name, String value) {
        long entry = sizeOf(name, value);
        if (entry > maxSize) {
            evictTo(0);
            return;
        }
        evictTo(maxSize - entry);
        if (length == names.length) {
            grow();
        }
        int slot = (head + length) & (names.length - 1);
        names[slot] = name;
        values[slot] = value;
        length++;
        size += entry;
    }

    /** The index (1 = newest) of the newest entry with this name and value, or 0. */
    int indexOf(String name, String value) {
        for (int i = 1; i <= length; i++) {
            int s = slot(i);
            if (values[s].equals(value) && names[s].equals(name)) {
                return i;
            }
        }
        return 0;
    }

    /** The index (1 = newest) of the newest entry with this name, or 0. */
    int indexOfName(String name) {
        for (int i = 1; i <= length; i++) {
            if (names[slot(i)].equals(name)) {
                return i;
            }
        }
        return 0;
    }

    private void evictTo(long target) {
        while (size > target) {
            int slot = head;
            size -= sizeOf(names[slot], values[slot]);
            names[slot] = null;
            values[slot] = null;
            head = (head + 1) & (names.length - 1);
            length--;
        }
    }

    private void grow() {
        int n = names.length;
        String[] newNames = new String[2 * n];
        String[] newValues = new String[2 * n];
        for (int i = 0; i < length; i++) {
            newNames[i] = names[(head + i) & (n - 1)];
            newValues[i] = values[(head + i) & (n - 1)];
        }
        names = newNames;
        values = newValues;
        head = 0;
    }
}
