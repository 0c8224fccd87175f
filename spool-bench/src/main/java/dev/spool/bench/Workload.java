package dev.spool.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The workloads of issue 3, by the short names used on the command line and in the results. */
public enum Workload {
    /** Sequential keep-alive GET of 1 KiB on one thread. */
    SEQ("seq", "Sequential keep-alive GET, 1 KiB, 1 thread", Unit.REQUESTS, true),
    /** 16 threads sharing one client, GET of 1 KiB. */
    C16("c16", "16 threads sharing one client, GET 1 KiB", Unit.REQUESTS, true),
    /** 100 MiB streamed through a reused 64 KiB buffer. */
    STREAM("stream", "100 MiB streamed through a 64 KiB buffer, 1 thread", Unit.MIB, true),
    /** Sequential keep-alive GET of 1 KiB over HTTPS. */
    HTTPS("https", "HTTPS sequential keep-alive GET, 1 KiB, 1 thread", Unit.REQUESTS, true),
    /** Sequential GET of 1 MiB read fully into memory (not in the default set). */
    SEQ1M("seq1m", "Sequential keep-alive GET, 1 MiB read fully, 1 thread", Unit.MIB, false),
    /** HTTP/2 over TLS: 16 requests in flight through one client, GET of 1 KiB (not in the default set). */
    H2C16("h2c16", "HTTP/2 over TLS, 16 concurrent requests through one client, GET 1 KiB", Unit.REQUESTS, false),
    /** HTTP/2 over TLS: 256 requests in flight through one client, GET of 1 KiB (not in the default set). */
    H2C256("h2c256", "HTTP/2 over TLS, 256 concurrent requests through one client, GET 1 KiB", Unit.REQUESTS, false),
    /** Spool only: one-shot {@code Spool.get} against one session, over HTTP and HTTPS. */
    SEED("seed", "Spool one-shot calls vs one session (the seed comparison)", Unit.REQUESTS, true),
    /** Many origins cycled through one client with default pool limits. */
    ORIGINS("origins", "Origins cycled through a client with default pool limits", Unit.REQUESTS, true);

    /** The figure a workload is ranked by. */
    public enum Unit {
        /** Requests per second. */
        REQUESTS("req/s"),
        /** MiB of body per second. */
        MIB("MiB/s");

        private final String label;

        Unit(String label) {
            this.label = label;
        }

        /** {@code req/s} or {@code MiB/s}. */
        public String label() {
            return label;
        }
    }

    private final String id;
    private final String title;
    private final Unit unit;
    private final boolean byDefault;

    Workload(String id, String title, Unit unit, boolean byDefault) {
        this.id = id;
        this.title = title;
        this.unit = unit;
        this.byDefault = byDefault;
    }

    /** The short name. */
    public String id() {
        return id;
    }

    /** A one-line description. */
    public String title() {
        return title;
    }

    /** The figure the workload is ranked by. */
    public Unit unit() {
        return unit;
    }

    /** The workloads run when none are named. */
    public static List<Workload> defaults() {
        List<Workload> out = new ArrayList<>();
        for (Workload w : values()) {
            if (w.byDefault) {
                out.add(w);
            }
        }
        return out;
    }

    /** Parses a comma-separated list of short names, keeping the order given. */
    public static List<Workload> parseList(String csv) {
        List<Workload> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            Workload found = null;
            for (Workload w : values()) {
                if (w.id.equals(name)) {
                    found = w;
                }
            }
            if (found == null) {
                List<String> known = new ArrayList<>();
                for (Workload w : values()) {
                    known.add(w.id);
                }
                throw new IllegalArgumentException("unknown workload '" + part.trim() + "'; known: " + String.join(", ", known));
            }
            if (!out.contains(found)) {
                out.add(found);
            }
        }
        return out;
    }
}
