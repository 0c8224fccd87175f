package dev.spool.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Counts this process's open client-side TCP sockets to a set of server ports (Linux): the
 * descriptors under {@code /proc/self/fd} that are sockets, matched by inode against
 * {@code /proc/net/tcp} and {@code tcp6}, whose remote port is one of the servers'. In-process test
 * servers own sockets too (listening, and the accepted side, whose local port is the server's), so a
 * plain descriptor count could not tell the client's apart.
 */
final class ClientSockets {
    private ClientSockets() {
    }

    /** Open sockets of this process connected to one of {@code serverPorts}. */
    static int count(Set<Integer> serverPorts) throws IOException {
        Set<Long> ours = socketInodes();
        int n = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.exists(p)) {
                continue;
            }
            List<String> lines = Files.readAllLines(p);
            for (int i = 1; i < lines.size(); i++) { // the first line is the header
                String[] f = lines.get(i).trim().split("\\s+");
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
                int remotePort = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
                long inode = Long.parseLong(f[9]);
                if (inode != 0 && ours.contains(inode) && serverPorts.contains(remotePort)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static Set<Long> socketInodes() throws IOException {
        Set<Long> out = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed since the listing
                }
                if (target.startsWith("socket:[")) {
                    out.add(Long.parseLong(target.substring(8, target.length() - 1)));
                }
            }
        }
        return out;
    }
}
