package dev.spool.internal.http2.hpack;

import dev.spool.internal.http2.hpack.FieldSink.Representation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decodes complete HPACK header blocks (RFC 7541) into fields, keeping the connection's dynamic
 * table, within limits that make a hostile block fail with an {@link HpackException} instead of
 * costing unbounded memory. One per connection, used by one thread at a time; does no I/O.
 *
 * <p>Limits: a dynamic table size update may only come first in a block and never above the
 * SETTINGS_HEADER_TABLE_SIZE we advertised ({@link #setMaxTableSizeSetting}); a decoded header list
 * may total at most {@code maxHeaderListSize} (name + value + 32 per field, as
 * SETTINGS_MAX_HEADER_LIST_SIZE counts, RFC 9113 section 6.5.2), so a small block that names a large
 * table entry many times fails; a string may decode to at most {@code maxStringLength} bytes;
 * integers above 2^31 - 1 are errors. After an exception with {@link HpackException#isConnectionError()}
 * the table no longer matches the peer's and the decoder must not be used again.
 */
public final class HpackDecoder {
    /** The initial SETTINGS_HEADER_TABLE_SIZE of HTTP/2 (RFC 9113 section 6.5.2). */
    public static final int DEFAULT_HEADER_TABLE_SIZE = 4096;
    /** The default header list limit: 64 KiB, as the HTTP/1.1 head limit. */
    public static final int DEFAULT_MAX_HEADER_LIST_SIZE = 64 * 1024;

    private final DynamicTable table = new DynamicTable(DEFAULT_HEADER_TABLE_SIZE);
    private final int maxHeaderListSize;
    private final int maxStringLength;
    private int maxTableSizeSetting = DEFAULT_HEADER_TABLE_SIZE;
    /** The smallest setting since the last block when it is below the table's size, else -1. */
    private int requiredUpdate = -1;
    private byte[] scratch = new byte[64];
    private final StringCache strings = new StringCache();

    // The block being decoded.
    private byte[] in;
    private int pos;
    private int end;
    private int start;

    /** A decoder with the default limits: 4096-byte table, 64 KiB header lists and strings. */
    public HpackDecoder() {
        this(DEFAULT_MAX_HEADER_LIST_SIZE, DEFAULT_MAX_HEADER_LIST_SIZE);
    }

    /**
     * A decoder whose table starts at the protocol's 4096 bytes.
     *
     * @param maxHeaderListSize the most a block's fields may total, name + value + 32 each
     * @param maxStringLength the most bytes one name or value may decode to
     */
    public HpackDecoder(int maxHeaderListSize, int maxStringLength) {
        if (maxHeaderListSize < 0 || maxStringLength < 0) {
            throw new IllegalArgumentException("limits must not be negative: maxHeaderListSize "
                    + maxHeaderListSize + ", maxStringLength " + maxStringLength);
        }
        this.maxHeaderListSize = maxHeaderListSize;
        this.maxStringLength = maxStringLength;
    }

    /**
     * Sets the SETTINGS_HEADER_TABLE_SIZE the peer's encoder must respect; call it when the peer has
     * acknowledged our SETTINGS frame carrying it. If it is below the table's current size, the next
     * block must start with a size update to at most this value (RFC 7541 section 4.2).
     */
    public void setMaxTableSizeSetting(int setting) {
        if (setting < 0) {
            throw new IllegalArgumentException("SETTINGS_HEADER_TABLE_SIZE must not be negative: " + setting);
        }
        maxTableSizeSetting = setting;
        if (setting < table.maxSize() && (requiredUpdate < 0 || setting < requiredUpdate)) {
            requiredUpdate = setting;
        }
    }

    /** The SETTINGS_HEADER_TABLE_SIZE in force. */
    public int maxTableSizeSetting() {
        return maxTableSizeSetting;
    }

    /** The dynamic table, for tests. */
    DynamicTable table() {
        return table;
    }

    /** Decodes one complete header block into a list (see {@link #decode(byte[], int, int, FieldSink)}). */
    public List<HeaderField> decode(byte[] block, int off, int len) throws HpackException {
        List<HeaderField> fields = new ArrayList<>();
        decode(block, off, len, (name, value, representation) -> fields.add(new HeaderField(name, value)));
        return fields;
    }

    /**
     * Decodes one complete header block (all HEADERS and CONTINUATION fragments joined), handing each
     * field to {@code sink} in order. On an exception the sink may already have some of the fields;
     * the caller discards them.
     *
     * @throws HpackException if the block is malformed or over a limit; a header list over the limit
     *     is reported after the whole block was decoded (not a connection error)
     */
    public void decode(byte[] block, int off, int len, FieldSink sink) throws HpackException {
        Objects.checkFromIndexSize(off, len, block.length);
        in = block;
        pos = off;
        end = off + len;
        start = off;
        try {
            decodeBlock(sink);
        } finally {
            in = null;
        }
    }

    private void decodeBlock(FieldSink sink) throws HpackException {
        boolean fieldsStarted = false;
        long smallestUpdate = Long.MAX_VALUE;
        long listSize = 0;
        int overAt = -1;
        while (pos < end) {
            int at = pos;
            int b = in[pos] & 0xff;
            if ((b & 0xe0) == 0x20) {
                if (fieldsStarted) {
                    throw error("dynamic table size update after the first field; it may only start a block", at);
                }
                int size = readInt(5, at);
                if (size > maxTableSizeSetting) {
                    throw error("dynamic table size update to " + size + " exceeds SETTINGS_HEADER_TABLE_SIZE "
                            + maxTableSizeSetting, at);
                }
                table.setMaxSize(size);
                smallestUpdate = Math.min(smallestUpdate, size);
                continue;
            }
            if (!fieldsStarted) {
                checkRequiredUpdate(smallestUpdate, at);
                fieldsStarted = true;
            }
            String name;
            String value;
            Representation representation;
            if ((b & 0x80) != 0) {
                int index = readInt(7, at);
                checkIndex(index, at);
                name = nameAt(index);
                value = valueAt(index);
                representation = Representation.INDEXED;
            } else {
                int prefix;
                if ((b & 0x40) != 0) {
                    prefix = 6;
                    representation = Representation.INCREMENTAL_INDEXING;
                } else if ((b & 0x10) != 0) {
                    prefix = 4;
                    representation = Representation.NEVER_INDEXED;
                } else {
                    prefix = 4;
                    representation = Representation.WITHOUT_INDEXING;
                }
                int index = readInt(prefix, at);
                if (index == 0) {
                    name = readString("name", at);
                } else {
                    checkIndex(index, at);
                    name = nameAt(index);
                }
                value = readString("value", at);
                if (representation == Representation.INCREMENTAL_INDEXING) {
                    table.add(name, value);
                }
            }
            listSize += DynamicTable.sizeOf(name, value);
            if (listSize > maxHeaderListSize) {
                if (overAt < 0) {
                    overAt = at - start;
                }
            } else {
                sink.field(name, value, representation);
            }
        }
        checkRequiredUpdate(smallestUpdate, end);
        requiredUpdate = -1;
        if (overAt >= 0) {
            throw new HpackException("header list of " + listSize + " bytes (name + value + 32 per field) exceeds "
                    + "the limit of " + maxHeaderListSize + " (SETTINGS_MAX_HEADER_LIST_SIZE)", overAt, false);
        }
    }

    private void checkRequiredUpdate(long smallestUpdate, int at) throws HpackException {
        if (requiredUpdate >= 0 && smallestUpdate > requiredUpdate) {
            throw error("the first block after SETTINGS_HEADER_TABLE_SIZE fell to " + requiredUpdate
                    + " must start with a dynamic table size update to at most that", at);
        }
    }

    private void checkIndex(int index, int at) throws HpackException {
        if (index == 0) {
            throw error("index 0 is not a table entry", at);
        }
        if (index > StaticTable.LENGTH + table.length()) {
            throw error("index " + index + " is beyond the table (" + StaticTable.LENGTH + " static + "
                    + table.length() + " dynamic entries)", at);
        }
    }

    private String nameAt(int index) {
        return index <= StaticTable.LENGTH ? StaticTable.name(index) : table.name(index - StaticTable.LENGTH);
    }

    private String valueAt(int index) {
        return index <= StaticTable.LENGTH ? StaticTable.value(index) : table.value(index - StaticTable.LENGTH);
    }

    /** Reads an integer with an {@code n}-bit prefix (RFC 7541 section 5.1) at {@code pos}. */
    private int readInt(int n, int at) throws HpackException {
        int mask = (1 << n) - 1;
        int value = in[pos++] & mask;
        if (value < mask) {
            return value;
        }
        long v = mask;
        for (int shift = 0; ; shift += 7) {
            if (pos == end) {
                throw error("integer is truncated: the block ends inside it", at);
            }
            if (shift > 28) {
                throw error("integer has more than 5 continuation bytes (limit 2^31 - 1)", at);
            }
            int b = in[pos++] & 0xff;
            v += (long) (b & 0x7f) << shift;
            if (v > Integer.MAX_VALUE) {
                throw error("integer exceeds 2^31 - 1", at);
            }
            if ((b & 0x80) == 0) {
                return (int) v;
            }
        }
    }

    /** Reads a string literal (RFC 7541 section 5.2) at {@code pos}. */
    private String readString(String what, int at) throws HpackException {
        if (pos == end) {
            throw error("the block ends before the " + what + " string", at);
        }
        boolean huffman = (in[pos] & 0x80) != 0;
        int len = readInt(7, at);
        if (len > end - pos) {
            throw error(what + " string of " + len + " bytes is truncated: the block has " + (end - pos)
                    + " left", at);
        }
        int slot = -1;
        if (len <= StringCache.MAX_ENCODED_LENGTH) {
            slot = StringCache.set(in, pos, len, huffman);
            String known = strings.get(slot, in, pos, len, huffman);
            if (known != null) {
                pos += len;
                return known; // the same octets, checked and decoded before
            }
        }
        String s;
        if (!huffman) {
            if (len > maxStringLength) {
                throw error(what + " string of " + len + " bytes exceeds the limit of " + maxStringLength, at);
            }
            s = new String(in, pos, len, StandardCharsets.ISO_8859_1);
        } else {
            int cap = (int) Math.min(maxStringLength, (long) len * 8 / 5);
            if (scratch.length < cap) {
                scratch = new byte[Math.max(cap, Math.min(2 * scratch.length, maxStringLength))];
            }
            int n = Huffman.decode(in, pos, len, scratch, cap);
            if (n < 0) {
                throw error(what + ": " + Huffman.problem(n, maxStringLength), at);
            }
            s = new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
        }
        if (slot >= 0) {
            strings.put(slot, in, pos, len, huffman, s);
        }
        pos += len;
        return s;
    }

    private HpackException error(String problem, int at) {
        return new HpackException(problem, at - start, true);
    }
}
