package dev.spool.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Copies one HTTP/1.1 response from a MockProxy's upstream connection to its client, framing kept intact. */
final class ProxyRelay {
    private ProxyRelay() {
    }

    /**
     * Copies one response (and any interim ones before it) from {@code upstream} to {@code out}.
     *
     * @param head whether the request was HEAD (no body follows the head)
     * @return false when the client connection must end after it (a body delimited by the close)
     */
    static boolean relayResponse(ProxyUpstream upstream, boolean head, OutputStream out) throws IOException {
        WireInput in = upstream.input();
        while (true) {
            String statusLine;
            List<String> lines = new ArrayList<>();
            try {
                statusLine = in.readLine(64 * 1024, "status line");
                String line;
                while (!(line = in.readLine(64 * 1024, "header line")).isEmpty()) {
                    lines.add(line);
                }
            } catch (BadRequestException e) {
                throw new IOException("upstream sent a malformed response: " + e.getMessage());
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean upstreamCloses = false;
            StringBuilder sb = new StringBuilder(statusLine).append("\r\n");
            for (String l : lines) {
                int c = l.indexOf(':');
                String name = l.substring(0, c).trim();
                String value = l.substring(c + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    upstreamCloses = true;
                    continue; // the upstream connection's business, not the client's
                }
                sb.append(l).append("\r\n");
            }
            boolean noBody = head || status / 100 == 1 || status == 204 || status == 304;
            boolean untilClose = !noBody && !chunked && length < 0;
            if (untilClose) {
                sb.append("Connection: close\r\n");
            }
            sb.append("\r\n");
            out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (status / 100 == 1 && status != 101) {
                out.flush();
                continue; // an interim response; the final one follows
            }
            if (!noBody) {
                if (chunked) {
                    relayChunked(in, out);
                } else if (length >= 0) {
                    copy(in, out, length);
                } else {
                    copy(in, out, Long.MAX_VALUE);
                }
            }
            out.flush();
            if (upstreamCloses || untilClose) {
                upstream.close();
            }
            return !untilClose;
        }
    }

    private static void relayChunked(WireInput in, OutputStream out) throws IOException {
        try {
            while (true) {
                String sizeLine = in.readLine(4096, "chunk size line");
                out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int semi = sizeLine.indexOf(';');
                long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
                if (size == 0) {
                    String trailer;
                    do {
                        trailer = in.readLine(64 * 1024, "trailer line");
                        out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    } while (!trailer.isEmpty());
                    return;
                }
                copy(in, out, size + 2); // the data and its CRLF
            }
        } catch (BadRequestException e) {
            throw new IOException("upstream sent malformed chunks: " + e.getMessage());
        }
    }

    private static void copy(WireInput in, OutputStream out, long n) throws IOException {
        byte[] buf = new byte[16 * 1024];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                if (n == Long.MAX_VALUE) {
                    return;
                }
                throw new IOException("upstream closed with " + left + " body bytes still to come");
            }
            out.write(buf, 0, r);
            left -= r;
        }
    }
}
