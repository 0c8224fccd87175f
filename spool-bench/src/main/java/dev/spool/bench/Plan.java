package dev.spool.bench;

import dev.spool.bench.clients.BenchClient;
import dev.spool.bench.clients.ClientKind;
import dev.spool.bench.clients.ClientSettings;
import dev.spool.bench.clients.Trust;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the options into each workload's line-up: one contestant per selected client, in the order
 * given, then the external limit (wrk or curl) where the workload has one, then the plain-socket floor
 * where the workload is plain HTTP/1.1 ({@link SocketFloorExchange}).
 */
final class Plan {
    /** The reused buffer of the streaming workload (issue 3: 64 KiB). */
    static final int STREAM_BUFFER = 64 * 1024;
    /** Buffer handed to exchanges that read whole bodies; they do not use it. */
    private static final int NO_BUFFER = 0;
    /** A 100 MiB round takes ~0.1 s at loopback speed; this cap is never reached in a round. */
    private static final long STREAM_MAX_REQUESTS = 10_000;

    /**
     * The server's SETTINGS_MAX_CONCURRENT_STREAMS: nginx's default, which bench/run.sh states in its
     * configuration. h2load spreads more streams than that over more connections.
     */
    static final int SERVER_MAX_STREAMS = 128;

    /** The name of the plain-socket floor in the tables. */
    static final String FLOOR_NAME = "java.net.Socket loop";

    /** A workload's contestants, and why some that could have been there are not. */
    record Lineup(List<Contestant> contestants, List<String> notes) {
    }

    private final Options o;
    private final Trust trust;

    Plan(Options o, Trust trust) {
        this.o = o;
        this.trust = trust;
    }

    Lineup lineup(Workload w) {
        List<Contestant> cs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        ClientSettings sized = new ClientSettings(o.poolSize, trust, o.timeout);
        String url1k = o.http + Options.PATH_1K;
        switch (w) {
            case SEQ:
                addClients(cs, 1, o.maxRequests, NO_BUFFER, url1k, Options.SIZE_1K, false, sized);
                addWrk(cs, notes, 1, url1k, Options.SIZE_1K);
                addFloor(cs, 1, o.maxRequests, NO_BUFFER, url1k, Options.SIZE_1K);
                break;
            case C16:
                addClients(cs, o.threads, o.maxRequests, NO_BUFFER, url1k, Options.SIZE_1K, false, sized);
                addWrk(cs, notes, o.threads, url1k, Options.SIZE_1K);
                addFloor(cs, o.threads, o.maxRequests, NO_BUFFER, url1k, Options.SIZE_1K);
                break;
            case STREAM: {
                String url = o.http + Options.PATH_100M;
                addClients(cs, 1, STREAM_MAX_REQUESTS, STREAM_BUFFER, url, Options.SIZE_100M, true, sized);
                addCurl(cs, notes, url, Options.SIZE_100M);
                addFloor(cs, 1, STREAM_MAX_REQUESTS, STREAM_BUFFER, url, Options.SIZE_100M);
                break;
            }
            case SEQ1M: {
                String url = o.http + Options.PATH_1M;
                addClients(cs, 1, o.maxRequests, NO_BUFFER, url, Options.SIZE_1M, false, sized);
                addWrk(cs, notes, 1, url, Options.SIZE_1M);
                break;
            }
            case HTTPS: {
                if (!httpsReady(notes)) {
                    break;
                }
                String url = o.https + Options.PATH_1K;
                addClients(cs, 1, o.maxRequests, NO_BUFFER, url, Options.SIZE_1K, false, sized);
                addWrk(cs, notes, 1, url, Options.SIZE_1K);
                break;
            }
            case H2C16:
            case H2C256: {
                if (o.h2 == null || trust == null) {
                    notes.add("No --h2 and --ca given, so nothing ran over HTTP/2.");
                    break;
                }
                int streams = w == Workload.H2C16 ? 16 : 256;
                String url = o.h2 + Options.PATH_1K;
                ClientSettings h2 = sized.withHttp2();
                for (ClientKind k : o.clients) {
                    cs.add(new ExchangeContestant(k.id(), k.isPeer() ? Role.PEER : Role.SPOOL, streams, o.maxRequests,
                            NO_BUFFER, Options.SIZE_1K, () -> openH2(k, h2, url)));
                }
                if (o.h2load == null) {
                    notes.add("h2load was not given (--h2load), so this workload has no limit beside it.");
                } else {
                    cs.add(new H2loadContestant(o.h2load, streams, SERVER_MAX_STREAMS, url, Options.SIZE_1K));
                }
                break;
            }
            case SEED:
                if (!o.clients.contains(ClientKind.SPOOL)) {
                    notes.add("Spool was not among the selected clients; the seed comparison is Spool's alone.");
                    break;
                }
                String python = pythonRequests(notes);
                addSeed(cs, "one-shot http", () -> SeedExchanges.oneShot(url1k));
                addSeed(cs, "session http", () -> SeedExchanges.session(url1k));
                addPython(cs, python, "one-shot http", url1k);
                if (httpsReady(notes)) {
                    String url = o.https + Options.PATH_1K;
                    addSeed(cs, "one-shot https", () -> SeedExchanges.oneShot(url));
                    addSeed(cs, "session https", () -> SeedExchanges.session(url));
                    addPython(cs, python, "one-shot https", url);
                }
                break;
            case ORIGINS:
                if (o.originsBasePort <= 0) {
                    notes.add("No --origins-port given, so there are no origins to cycle.");
                    break;
                }
                List<String> urls = new ArrayList<>();
                for (int i = 0; i < o.origins; i++) {
                    urls.add("http://" + o.originsHost + ":" + (o.originsBasePort + i) + Options.PATH_1K);
                }
                for (ClientKind k : o.clients) {
                    cs.add(new OriginsContestant(k, sized, urls, Options.SIZE_1K));
                }
                break;
            default:
                throw new AssertionError(w);
        }
        return new Lineup(cs, notes);
    }

    private boolean httpsReady(List<String> notes) {
        if (o.https == null || trust == null) {
            notes.add("No --https and --ca given, so nothing ran over HTTPS.");
            return false;
        }
        return true;
    }

    private void addClients(List<Contestant> cs, int threads, long cap, int buffer, String url, long size,
                            boolean stream, ClientSettings settings) {
        for (ClientKind k : o.clients) {
            cs.add(new ExchangeContestant(k.id(), k.isPeer() ? Role.PEER : Role.SPOOL, threads, cap, buffer, size,
                    () -> open(k, settings, url, stream)));
        }
    }

    private static Exchange open(ClientKind kind, ClientSettings settings, String url, boolean stream)
            throws Exception {
        return new ClientExchange(kind.create(settings), url, stream);
    }

    /** One client's GET of one URL, read whole or streamed. */
    private static final class ClientExchange implements Exchange {
        final BenchClient client;
        private final String url;
        private final boolean stream;

        ClientExchange(BenchClient client, String url, boolean stream) {
            this.client = client;
            this.url = url;
            this.stream = stream;
        }

        @Override
        public long run(byte[] buffer) throws Exception {
            return stream ? client.stream(url, buffer) : client.getFully(url);
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** Opens a client for an HTTP/2 workload and fails it unless one exchange really used h2. */
    private static Exchange openH2(ClientKind kind, ClientSettings settings, String url) throws Exception {
        Exchange e = open(kind, settings, url, false);
        String protocol;
        try {
            protocol = ((ClientExchange) e).client.protocol(url);
        } catch (Exception | Error t) {
            e.close();
            throw t;
        }
        if (!"h2".equals(protocol)) {
            e.close();
            throw new IllegalStateException(kind.id() + " spoke " + protocol + ", not h2, with " + url);
        }
        return e;
    }

    private void addSeed(List<Contestant> cs, String mode, ExchangeContestant.Opener opener) {
        cs.add(new ExchangeContestant("spool " + mode, Role.SPOOL, 1, o.seedMaxRequests, NO_BUFFER,
                Options.SIZE_1K, opener));
    }

    /** The interpreter for the seed comparison's Python requests rows, or null (with a note saying why). */
    private String pythonRequests(List<String> notes) {
        if ("none".equals(o.python)) {
            return null;
        }
        String why = PythonRequestsContestant.unavailable(o.python);
        if (why != null) {
            notes.add("Python requests is not beside Spool here: " + why + ".");
            return null;
        }
        return o.python;
    }

    private void addPython(List<Contestant> cs, String python, String mode, String url) {
        if (python != null) {
            cs.add(new PythonRequestsContestant(python, mode, url, o.seedMaxRequests, Options.SIZE_1K));
        }
    }

    /** The plain-socket floor beside the clients of a plain-HTTP workload (issue 15: what is left to a client). */
    private static void addFloor(List<Contestant> cs, int threads, long cap, int buffer, String url, long size) {
        cs.add(new ExchangeContestant(FLOOR_NAME, Role.FLOOR, threads, cap, buffer, size,
                () -> new SocketFloorExchange(url)));
    }

    private void addWrk(List<Contestant> cs, List<String> notes, int connections, String url, long size) {
        if (o.wrk == null) {
            notes.add("wrk was not given (--wrk), so this workload has no limit beside it.");
        } else {
            cs.add(new WrkContestant(o.wrk, connections, url, size));
        }
    }

    private void addCurl(List<Contestant> cs, List<String> notes, String url, long size) {
        if (o.curl == null) {
            notes.add("curl was not given (--curl), so this workload has no limit beside it.");
        } else {
            cs.add(new CurlContestant(o.curl, url, size));
        }
    }
}
