package dev.spool.proxy;

import dev.spool.InvalidRequestException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code NO_PROXY} list: the hosts that are reached directly although a proxy is configured. Entries
 * are separated by commas (or spaces) and are matched against the URL's host without any DNS lookup:
 * <ul>
 *   <li>{@code *} matches every host;</li>
 *   <li>a domain, with or without a leading {@code .} or {@code *.}, matches itself and every
 *     subdomain ({@code example.com} matches {@code example.com} and {@code a.example.com}, never
 *     {@code badexample.com}), case-insensitively (curl's rule; requests' plain suffix match would
 *     also take {@code badexample.com});</li>
 *   <li>{@code host:port} (or {@code [v6]:port}) matches that host on that port only;</li>
 *   <li>an IP address matches that address; a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8})
 *     matches the addresses in it. Both apply only to URLs whose host is an IP literal, as in requests
 *     and curl.</li>
 * </ul>
 */
final class NoProxy {
    private final boolean all;
    private final List<Entry> entries;

    private NoProxy(boolean all, List<Entry> entries) {
        this.all = all;
        this.entries = entries;
    }

    /**
     * Parses a list.
     *
     * @param source where the list came from, for error messages ({@code NO_PROXY}, {@code no_proxy key})
     * @throws InvalidRequestException for a malformed entry (a bad CIDR prefix, a bad port)
     */
    static NoProxy parse(String list, String source) {
        boolean all = false;
        List<Entry> entries = new ArrayList<>();
        for (String raw : list.split("[,\\s]+")) {
            String e = raw.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            if (e.equals("*")) {
                all = true;
                continue;
            }
            entries.add(entry(e, source));
        }
        return new NoProxy(all, List.copyOf(entries));
    }

    private static Entry entry(String e, String source) {
        int slash = e.indexOf('/');
        if (slash >= 0) {
            byte[] net = ipLiteral(e.substring(0, slash));
            String bitsText = e.substring(slash + 1);
            if (net == null || bitsText.isEmpty() || bitsText.length() > 3 || !bitsText.chars().allMatch(Character::isDigit)) {
                throw new InvalidRequestException(source + " entry '" + e + "' is not a CIDR block like 10.0.0.0/8");
            }
            int bits = Integer.parseInt(bitsText);
            if (bits > net.length * 8) {
                throw new InvalidRequestException(source + " entry '" + e + "' has a prefix longer than " + net.length * 8 + " bits");
            }
            return new Entry(null, net, bits, -1);
        }
        String host = e;
        int port = -1;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw new InvalidRequestException(source + " entry '" + e + "' has an unclosed IPv6 literal");
            }
            String after = host.substring(close + 1);
            host = host.substring(1, close);
            if (!after.isEmpty()) {
                port = port(after.startsWith(":") ? after.substring(1) : after, e, source);
            }
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0 && colon == host.lastIndexOf(':')) {
                port = port(host.substring(colon + 1), e, source);
                host = host.substring(0, colon);
            }
        }
        byte[] ip = ipLiteral(host);
        if (ip != null) {
            return new Entry(null, ip, ip.length * 8, port);
        }
        if (host.startsWith("*.")) {
            host = host.substring(2);
        } else if (host.startsWith(".")) {
            host = host.substring(1);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.isEmpty()) {
            throw new InvalidRequestException(source + " entry '" + e + "' has no host");
        }
        return new Entry(host, null, 0, port);
    }

    private static int port(String text, String entry, String source) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            throw new InvalidRequestException(source + " entry '" + entry + "' has a bad port '" + text + "'");
        }
        int p = Integer.parseInt(text);
        if (p < 1 || p > 65535) {
            throw new InvalidRequestException(source + " entry '" + entry + "' has port " + p + " out of range 1-65535");
        }
        return p;
    }

    /** Whether a URL with this host (lowercased, IPv6 without brackets) and port goes direct. */
    boolean matches(String host, int port) {
        if (all) {
            return true;
        }
        if (entries.isEmpty()) {
            return false;
        }
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        byte[] ip = null;
        boolean ipChecked = false;
        for (Entry e : entries) {
            if (e.port >= 0 && e.port != port) {
                continue;
            }
            if (e.domain != null) {
                if (h.equals(e.domain) || (h.endsWith(e.domain) && h.charAt(h.length() - e.domain.length() - 1) == '.')) {
                    return true;
                }
            } else {
                if (!ipChecked) {
                    ip = ipLiteral(h);
                    ipChecked = true;
                }
                if (ip != null && ip.length == e.network.length && inPrefix(ip, e.network, e.bits)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean inPrefix(byte[] ip, byte[] net, int bits) {
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (ip[i] != net[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (ip[full] & mask) == (net[full] & mask);
    }

    /**
     * The bytes of an IPv4 dotted quad or an IPv6 literal, or null when the text is neither. Never a
     * DNS lookup: IPv4 is parsed here strictly (four decimal parts), and only text made of hex digits,
     * colons and dots with at least one colon reaches the JDK, which parses IPv6 literals without lookup.
     */
    static byte[] ipLiteral(String s) {
        if (s.isEmpty()) {
            return null;
        }
        if (s.indexOf(':') < 0) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] out = new byte[4];
            for (int i = 0; i < 4; i++) {
                String p = parts[i];
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return null;
                }
                int v = Integer.parseInt(p);
                if (v > 255) {
                    return null;
                }
                out[i] = (byte) v;
            }
            return out;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null;
            }
        }
        try {
            byte[] b = InetAddress.getByName(s).getAddress();
            return b.length == 16 ? b : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** One entry: a domain, or an address with a prefix length; an optional port. */
    private static final class Entry {
        final String domain;
        final byte[] network;
        final int bits;
        final int port;

        Entry(String domain, byte[] network, int bits, int port) {
            this.domain = domain;
            this.network = network;
            this.bits = bits;
            this.port = port;
        }
    }
}
