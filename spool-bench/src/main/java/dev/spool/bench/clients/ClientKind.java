package dev.spool.bench.clients;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The clients the harness knows, by the short names used on the command line and in the results. */
public enum ClientKind {
    /** Spool, the library under test. */
    SPOOL("spool", "Spool"),
    /** OkHttp 5 (okhttp-jvm). */
    OKHTTP("okhttp", "OkHttp"),
    /** Apache HttpClient 5: the classic API over HTTP/1.1, its async HTTP/2 client for the h2 workloads. */
    APACHE("apache", "Apache HttpClient"),
    /** The JDK's java.net.http.HttpClient. */
    JDK("jdk", "JDK HttpClient"),
    /** Jetty 12's HttpClient. */
    JETTY("jetty", "Jetty HttpClient");

    private final String id;
    private final String title;

    ClientKind(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The short name: {@code spool}, {@code okhttp}, {@code apache}, {@code jdk}, {@code jetty}. */
    public String id() {
        return id;
    }

    /** The library's usual name. */
    public String title() {
        return title;
    }

    /** Whether this is one of the peers Spool is compared with (every client but Spool). */
    public boolean isPeer() {
        return this != SPOOL;
    }

    /** Creates and, where the library needs it, starts a client. */
    public BenchClient create(ClientSettings settings) throws Exception {
        switch (this) {
            case SPOOL:
                return new SpoolAdapter(settings);
            case OKHTTP:
                return new OkHttpAdapter(settings);
            case APACHE:
                return settings.http2() ? new ApacheH2Adapter(settings) : new ApacheAdapter(settings);
            case JDK:
                return new JdkAdapter(settings);
            case JETTY:
                return new JettyAdapter(settings);
            default:
                throw new AssertionError(this);
        }
    }

    /**
     * TCP connections a client has opened, where the library reports it (only Spool does), else -1.
     */
    public static long connectionsOpened(BenchClient client) {
        return client instanceof SpoolAdapter ? ((SpoolAdapter) client).connectionsOpened() : -1;
    }

    /** Parses a comma-separated list of short names, keeping the order given. */
    public static List<ClientKind> parseList(String csv) {
        List<ClientKind> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            ClientKind found = null;
            for (ClientKind k : values()) {
                if (k.id.equals(name)) {
                    found = k;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("unknown client '" + part.trim() + "'; known: spool, okhttp, apache, jdk, jetty");
            }
            if (!out.contains(found)) {
                out.add(found);
            }
        }
        return out;
    }
}
