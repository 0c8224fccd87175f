package dev.spool.bench;

import java.time.Duration;

/**
 * One column of a workload: a client (or a mode of Spool, or an external tool) that is prepared once
 * and then measured once per round, interleaved with the others.
 */
interface Contestant extends AutoCloseable {
    /** The name in the table: {@code spool}, {@code okhttp}, {@code wrk -c1}, ... */
    String name();

    /** Which ratios it enters. */
    Role role();

    /**
     * Opens what the contestant needs, checks that one exchange returns the expected body, and
     * warms up for {@code warmup} (results discarded).
     */
    void prepare(Duration warmup) throws Exception;

    /** Measures one round. */
    RoundStats measure(Duration duration) throws Exception;

    /** Releases everything; never throws, so one bad client cannot stop the run. */
    @Override
    void close();
}
