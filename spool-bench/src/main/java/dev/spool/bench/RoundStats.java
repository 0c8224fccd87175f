package dev.spool.bench;

import java.util.Map;

/**
 * What one contestant did in one measured interval: the raw counts from which the table's rates are
 * derived, so the JSON keeps the inputs and not only the conclusions.
 *
 * @param requests exchanges completed
 * @param bytes body bytes received
 * @param elapsedNanos length of the measured interval
 * @param allocatedBytes heap bytes allocated by all threads in the interval, or -1 when not measured
 *     (external tools such as wrk)
 * @param p50Nanos median latency of one exchange
 * @param p99Nanos 99th percentile latency of one exchange
 * @param extra workload-specific counts (open file descriptors, connections opened), may be empty
 * @param clientUserNanos user CPU used on the client side in the interval (the harness JVM, plus a
 *     tool it ran such as wrk), or -1 when not measured
 * @param clientSystemNanos system (kernel) CPU used on the client side in the interval, or -1
 * @param serverCpuNanos CPU used by the server (nginx) in the interval, user and system, or -1
 */
public record RoundStats(long requests, long bytes, long elapsedNanos, long allocatedBytes,
                         long p50Nanos, long p99Nanos, Map<String, Long> extra,
                         long clientUserNanos, long clientSystemNanos, long serverCpuNanos) {
    /** Copies {@code extra} so the record stays immutable. */
    public RoundStats {
        extra = Map.copyOf(extra);
    }

    /** A round whose CPU was not measured (yet): see {@link #withCpu}. */
    public RoundStats(long requests, long bytes, long elapsedNanos, long allocatedBytes,
                      long p50Nanos, long p99Nanos, Map<String, Long> extra) {
        this(requests, bytes, elapsedNanos, allocatedBytes, p50Nanos, p99Nanos, extra, -1, -1, -1);
    }

    /** This round with the CPU used on each side during it (-1 for any that is unknown). */
    public RoundStats withCpu(long clientUser, long clientSystem, long server) {
        return new RoundStats(requests, bytes, elapsedNanos, allocatedBytes, p50Nanos, p99Nanos, extra,
                clientUser, clientSystem, server);
    }

    /** Client-side user CPU per exchange in microseconds, or NaN when not measured. */
    public double clientUserMicrosPerRequest() {
        return perRequest(clientUserNanos);
    }

    /** Client-side system CPU per exchange in microseconds, or NaN when not measured. */
    public double clientSystemMicrosPerRequest() {
        return perRequest(clientSystemNanos);
    }

    /**
     * Client-side CPU per exchange in microseconds, user and system together (what the client costs
     * the machine), or NaN when either was not measured.
     */
    public double clientCpuMicrosPerRequest() {
        return clientUserNanos < 0 || clientSystemNanos < 0 ? Double.NaN
                : perRequest(clientUserNanos + clientSystemNanos);
    }

    /** Server CPU per exchange in microseconds, or NaN when not measured. */
    public double serverCpuMicrosPerRequest() {
        return perRequest(serverCpuNanos);
    }

    private double perRequest(long nanos) {
        return nanos < 0 || requests == 0 ? Double.NaN : nanos / 1e3 / requests;
    }

    /** Exchanges per second. */
    public double requestsPerSecond() {
        return requests * 1e9 / elapsedNanos;
    }

    /** Body throughput in MiB per second. */
    public double mibPerSecond() {
        return bytes / (1024.0 * 1024.0) * 1e9 / elapsedNanos;
    }

    /** Heap bytes allocated per exchange over all threads, or NaN when allocation was not measured. */
    public double allocatedPerRequest() {
        return allocatedBytes < 0 || requests == 0 ? Double.NaN : (double) allocatedBytes / requests;
    }
}
