package dev.spool.internal.http2.hpack;

import java.util.List;

/**
 * Encodes header fields into HPACK header blocks (RFC 7541), keeping the connection's dynamic table
 * in step with the peer's decoder. One per connection, used by one thread at a time; does no I/O.
 *
 * <p>Each field becomes, in this order of preference: an index into the static or dynamic table
 * when both name and value match; a never-indexed literal when it is sensitive ({@code authorization},
 * {@code proxy-authorization}, a {@code cookie} shorter than {@value #SHORT_COOKIE} bytes, which is
 * cheap to guess, as nghttp2 does, or a field the caller marks sensitive); else a literal added to the
 * dynamic table, or left out of it when the field would take more than three quarters of the table.
 * A literal name refers to a table entry when one has that name. Strings are Huffman-coded unless
 * that is longer (as RFC 7541 Appendix C.6 does).
 *
 * <p>Names are encoded as given: HTTP/2 wants them lowercase, and checking fields (RFC 9113 section
 * 8.2) is the frame layer's job.
 *
 * <p>The output buffer is reused: {@link #buffer()} holds the block until the next one starts, and
 * encoding allocates nothing per field once the buffer and table have grown.
 */
public final class HpackEncoder {
    /** Cookies shorter than this many bytes are never indexed. */
    public static final int SHORT_COOKIE = 20;

    private final int maxTableSizeLimit;
    private final boolean huffman;
    private final DynamicTable table;
    private int peerSetting = HpackDecoder.DEFAULT_HEADER_TABLE_SIZE;
    /** The smallest table size in force since the last block started. */
    private int smallestSinceBlock;
    private byte[] buf = new byte[256];
    private int length;

    /**
     * An encoder with a table of at most 4096 bytes (less if the peer asks; more is not used even if
     * the peer allows it, which bounds the memory a connection keeps, as nghttp2's default does).
     */
    public HpackEncoder() {
        this(HpackDecoder.DEFAULT_HEADER_TABLE_SIZE, true);
    }

    /**
     * An encoder whose dynamic table never exceeds {@code maxTableSizeLimit} bytes, whatever the
     * peer's SETTINGS_HEADER_TABLE_SIZE allows (0 keeps nothing in the table); {@code huffman} false
     * sends every string as plain octets (as RFC 7541 Appendix C.3 and C.5 do).
     */
    public HpackEncoder(int maxTableSizeLimit, boolean huffman) {
        if (maxTableSizeLimit < 0) {
            throw new IllegalArgumentException("table size limit must not be negative: " + maxTableSizeLimit);
        }
        this.maxTableSizeLimit = maxTableSizeLimit;
        this.huffman = huffman;
        // The peer's decoder starts at 4096; a smaller limit is announced by the first block.
        this.table = new DynamicTable(HpackDecoder.DEFAULT_HEADER_TABLE_SIZE);
        this.smallestSinceBlock = effectiveSize();
    }

    /**
     * Takes the peer's SETTINGS_HEADER_TABLE_SIZE; the next block starts with the size updates that
     * bring the peer's table to the new size (RFC 7541 section 4.2).
     */
    public void setPeerMaxTableSize(int setting) {
        if (setting < 0) {
            throw new IllegalArgumentException("SETTINGS_HEADER_TABLE_SIZE must not be negative: " + setting);
        }
        peerSetting = setting;
        smallestSinceBlock = Math.min(smallestSinceBlock, effectiveSize());
    }

    private int effectiveSize() {
        return Math.min(peerSetting, maxTableSizeLimit);
    }

    /** The dynamic table, for tests. */
    DynamicTable table() {
        return table;
    }

    /**
     * Encodes {@code fields} as one header block into {@link #buffer()}; returns its length.
     *
     * @throws IllegalArgumentException if a name or value has a char above U+00FF
     */
    public int encode(List<HeaderField> fields) {
        startBlock();
        for (int i = 0, n = fields.size(); i < n; i++) {
            HeaderField f = fields.get(i);
            addField(f.name(), f.value(), false);
        }
        return length;
    }

    /** Starts a new block in the buffer, beginning with any size update that is due. */
    public void startBlock() {
        length = 0;
        int target = effectiveSize();
        if (smallestSinceBlock < table.maxSize() && smallestSinceBlock < target) {
            writeInt(0x20, 5, smallestSinceBlock);
            table.setMaxSize(smallestSinceBlock);
        }
        if (target != table.maxSize()) {
            writeInt(0x20, 5, target);
            table.setMaxSize(target);
        }
        smallestSinceBlock = target;
    }

    /**
     * Appends one field to the block begun by {@link #startBlock()}.
     *
     * @param sensitive true to send it never-indexed whatever its name (a proxy keeping the
     *     representation it received); false applies the built-in rules
     * @throws IllegalArgumentException if the name or value has a char above U+00FF
     */
    public void addField(String name, String value, boolean sensitive) {
        if (sensitive || isSensitive(name, value)) {
            writeLiteral(0x10, 4, nameIndex(name), name, value);
            return;
        }
        int index = StaticTable.fieldIndex(name, value);
        if (index == 0) {
            int d = table.indexOf(name, value);
            index = d == 0 ? 0 : StaticTable.LENGTH + d;
        }
        if (index != 0) {
            writeInt(0x80, 7, index);
            return;
        }
        int nameIndex = nameIndex(name);
        if (DynamicTable.sizeOf(name, value) <= table.maxSize() * 3L / 4) {
            writeLiteral(0x40, 6, nameIndex, name, value);
            table.add(name, value);
        } else {
            writeLiteral(0x00, 4, nameIndex, name, value);
        }
    }

    /** The block: bytes 0 to {@link #length()}; overwritten by the next block. */
    public byte[] buffer() {
        return buf;
    }

    /** The length of the block in {@link #buffer()}. */
    public int length() {
        return length;
    }

    static boolean isSensitive(String name, String value) {
        return name.equalsIgnoreCase("authorization")
                || name.equalsIgnoreCase("proxy-authorization")
                || (name.equalsIgnoreCase("cookie") && value.length() < SHORT_COOKIE);
    }

    private int nameIndex(String name) {
        int s = StaticTable.nameIndex(name);
        if (s != 0) {
            return s;
        }
        int d = table.indexOfName(name);
        return d == 0 ? 0 : StaticTable.LENGTH + d;
    }

    private void writeLiteral(int pattern, int prefix, int nameIndex, String name, String value) {
        writeInt(pattern, prefix, nameIndex);
        if (nameIndex == 0) {
            writeString(name, "name");
        }
        writeString(value, "value");
    }

    /** Writes {@code value} with an {@code n}-bit prefix (RFC 7541 section 5.1) after {@code pattern}'s bits. */
    private void writeInt(int pattern, int n, int value) {
        ensure(6);
        int mask = (1 << n) - 1;
        if (value < mask) {
            buf[length++] = (byte) (pattern | value);
            return;
        }
        buf[length++] = (byte) (pattern | mask);
        value -= mask;
        while (value >= 0x80) {
            buf[length++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buf[length++] = (byte) value;
    }

    private void writeString(String s, String what) {
        int n = s.length();
        long bits = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c > 0xff) {
                throw new IllegalArgumentException("header field " + what + " has a character above U+00FF at index "
                        + i + "; HPACK strings are octets");
            }
            bits += Huffman.LENGTHS[c];
        }
        int huffmanLength = (int) ((bits + 7) >>> 3);
        if (huffman && n > 0 && huffmanLength <= n) {
            writeInt(0x80, 7, huffmanLength);
            ensure(huffmanLength);
            length = Huffman.encode(s, buf, length);
        } else {
            writeInt(0x00, 7, n);
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[length++] = (byte) s.charAt(i);
            }
        }
    }

    private void ensure(int extra) {
        if (buf.length - length < extra) {
            byte[] bigger = new byte[Math.max(2 * buf.length, length + extra)];
            System.arraycopy(buf, 0, bigger, 0, length);
            buf = bigger;
        }
    }
}
