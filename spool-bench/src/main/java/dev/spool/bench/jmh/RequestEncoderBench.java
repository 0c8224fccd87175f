package dev.spool.bench.jmh;

import dev.spool.Headers;
import dev.spool.Session;
import dev.spool.internal.http1.RequestEncoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of Spool's request encoder writing the head of a plain GET with a session's default
 * headers into its reused buffer, as every request of the sequential workload does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RequestEncoderBench {
    /** The encoder's content length for "no body at all" (a GET), as opposed to 0 (an empty body). */
    private static final long NO_BODY = -2;

    private RequestEncoder encoder;
    private Headers headers;

    /** One encoder per trial, as a connection keeps one; the headers are a session's defaults. */
    @Setup
    public void setup() {
        encoder = new RequestEncoder();
        headers = Headers.of(
                "User-Agent", "spool/" + Session.VERSION,
                "Accept-Encoding", "gzip, deflate",
                "Accept", "*/*",
                "Connection", "keep-alive");
    }

    /** Encodes {@code GET /1k.bin} for a loopback origin; returns the head's length. */
    @Benchmark
    public int getHead() {
        encoder.reset();
        encoder.writeHead("GET", "/1k.bin", "127.0.0.1:20000", headers, NO_BODY);
        return encoder.length();
    }
}
