package dev.spool.internal.tls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Splits PEM text (RFC 7468) into its labelled blocks: {@code -----BEGIN LABEL-----}, base64,
 * {@code -----END LABEL-----}. Text outside blocks (comments, OpenSSL's "Bag Attributes") is ignored.
 */
final class Pem {
    /** One block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}...) and decoded bytes. */
    static final class Block {
        final String label;
        final byte[] der;

        Block(String label, byte[] der) {
            this.label = label;
            this.der = der;
        }
    }

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private Pem() {
    }

    /**
     * The blocks of a PEM text, in order.
     *
     * @throws IllegalArgumentException naming the block when one is not closed or its base64 is bad
     */
    static List<Block> parse(byte[] text) {
        String s = new String(text, StandardCharsets.ISO_8859_1);
        List<Block> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int begin = s.indexOf(BEGIN, from);
            if (begin < 0) {
                return out;
            }
            int labelEnd = s.indexOf(DASHES, begin + BEGIN.length());
            if (labelEnd < 0) {
                throw new IllegalArgumentException("a PEM BEGIN line is not closed with -----");
            }
            String label = s.substring(begin + BEGIN.length(), labelEnd);
            String endLine = END + label + DASHES;
            int end = s.indexOf(endLine, labelEnd);
            if (end < 0) {
                throw new IllegalArgumentException("the PEM block " + label + " has no END line");
            }
            String body = s.substring(labelEnd + DASHES.length(), end);
            if (body.contains(":")) {
                // RFC 1421 headers (Proc-Type: 4,ENCRYPTED) mark an OpenSSL-encrypted legacy key.
                throw new IllegalArgumentException("the PEM block " + label + " is encrypted (it has headers such as Proc-Type)");
            }
            try {
                out.add(new Block(label, Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the PEM block " + label + " has bad base64: " + e.getMessage(), e);
            }
            from = end + endLine.length();
        }
    }
}
