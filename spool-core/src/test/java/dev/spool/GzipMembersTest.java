package dev.spool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Content decoding over body streams that, like a socket's, have nothing available between reads. */
class GzipMembersTest {
    static final Request REQUEST = new Request("GET", Url.parse("http://h.example/z"), null, null, null);

    /** Hands out at most {@code piece} bytes per read and never claims any are available. */
    static final class SocketLike extends FilterInputStream {
        private final int piece;

        SocketLike(byte[] bytes, int piece) {
            super(new ByteArrayInputStream(bytes));
            this.piece = piece;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, piece));
        }

        @Override
        public int available() {
            return 0;
        }
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    @Test
    void everyMemberOfAMultiMemberGzipBodyIsDecoded() throws IOException {
        // Found by SecurityRulesTest's gzip bomb (1,024 members): on JDK 17 the body ended early, silently,
        // whenever a member ended where a socket read did.
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            String part = "member " + i + ";";
            wire.writeBytes(gzip(part));
            expected.append(part);
        }
        Headers gz = Headers.builder().add("Content-Encoding", "gzip").build();
        for (int piece : new int[] {1, 7, 31, 4096}) {
            try (InputStream in = Decoding.decode(new SocketLike(wire.toByteArray(), piece), gz, REQUEST)) {
                assertArrayEquals(expected.toString().getBytes(StandardCharsets.US_ASCII), in.readAllBytes(),
                        "reads of " + piece + " bytes");
            }
        }
    }
}
