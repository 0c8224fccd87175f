package dev.spool.bench.report;

import java.util.Map;

/**
 * One contestant's figures for a workload: the median over its rounds of each per-round figure
 * (null where not measured) and the largest of each extra count.
 *
 * @param requestsPerSecond median requests per second
 * @param mibPerSecond median body MiB per second
 * @param allocatedPerRequest median heap bytes allocated per request over all threads, or null
 * @param p50Micros median of the rounds' median latencies, in microseconds, or null
 * @param p99Micros median of the rounds' 99th percentile latencies, in microseconds, or null
 * @param extraMax for each extra count (file descriptors, connections), its largest value in any round
 * @param clientUserMicros median client-side user CPU per request in microseconds, or null
 * @param clientSystemMicros median client-side system CPU per request in microseconds, or null
 * @param serverCpuMicros median server CPU per request in microseconds, or null
 */
public record Summary(double requestsPerSecond, double mibPerSecond, Double allocatedPerRequest,
                      Double p50Micros, Double p99Micros, Map<String, Long> extraMax,
                      Double clientUserMicros, Double clientSystemMicros, Double serverCpuMicros) {
}
