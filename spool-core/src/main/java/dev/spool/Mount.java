package dev.spool;

import dev.spool.transport.Transport;
import java.util.Locale;

/** A transport mounted on a URL prefix, the prefix lowercased so that matching ignores case. */
final class Mount {
    final String prefix;
    final Transport transport;

    Mount(String prefix, Transport transport) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("mount prefix must not be empty");
        }
        this.prefix = prefix.toLowerCase(Locale.ROOT);
        this.transport = transport;
    }
}
