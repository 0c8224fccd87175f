package dev.spool.bench;

import dev.spool.Response;
import dev.spool.Session;
import dev.spool.Spool;

/**
 * The two sides of the seed comparison, both the way a requests user would write them: a one-shot
 * {@code Spool.get} per call (a throwaway session, so a new connection each time) and the same calls
 * through one {@code new Session()}. Neither is configured, so over HTTPS both trust what the JVM
 * trusts; bench/run.sh puts the bench certificate in the JVM's trust store for that reason.
 */
final class SeedExchanges {
    private SeedExchanges() {
    }

    /** {@code Spool.get(url)} for every exchange. */
    static Exchange oneShot(String url) {
        requireTrustFor(url);
        return buffer -> {
            try (Response r = Spool.get(url)) {
                return bodyOf(r, url);
            }
        };
    }

    /** One default session for all exchanges, closed with the exchange. */
    static Exchange session(String url) {
        requireTrustFor(url);
        Session session = new Session();
        return new Exchange() {
            @Override
            public long run(byte[] buffer) {
                try (Response r = session.get(url)) {
                    return bodyOf(r, url);
                }
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }

    private static long bodyOf(Response r, String url) {
        if (r.status() != 200) {
            throw new IllegalStateException("spool got HTTP " + r.status() + " for " + url);
        }
        return r.bytes().length;
    }

    private static void requireTrustFor(String url) {
        String bundle = System.getenv("REQUESTS_CA_BUNDLE");
        if (url.startsWith("https:") && (bundle == null || bundle.isBlank())) {
            throw new IllegalStateException("unconfigured Spool over HTTPS needs the bench certificate named by"
                    + " REQUESTS_CA_BUNDLE (as bench/run.sh sets)");
        }
    }
}
