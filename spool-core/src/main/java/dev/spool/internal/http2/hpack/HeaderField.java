package dev.spool.internal.http2.hpack;

import java.util.Objects;

/**
 * One header field, name and value with one char per octet, as {@link HpackEncoder#encode(java.util.List)}
 * takes them and {@link HpackDecoder#decode(byte[], int, int)} returns them.
 */
public record HeaderField(String name, String value) {
    /** Creates the field; neither part may be null. */
    public HeaderField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** The field's size as HPACK and SETTINGS_MAX_HEADER_LIST_SIZE count it: name + value + 32 octets. */
    public long size() {
        return DynamicTable.sizeOf(name, value);
    }
}
