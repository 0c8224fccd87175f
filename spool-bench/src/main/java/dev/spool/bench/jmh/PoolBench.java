package dev.spool.bench.jmh;

import dev.spool.internal.pool.ConnectionPool;
import dev.spool.internal.pool.OriginKey;
import dev.spool.internal.pool.Poolable;
import dev.spool.internal.pool.Pooled;
import dev.spool.tls.TlsConfig;
import dev.spool.transport.PoolSettings;
import java.io.IOException;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of the connection pool's lease and release on one origin, uncontended and with 16
 * threads, and uncontended beside 255 other leased connections (the 256-thread case's bookkeeping), with
 * connections that do no I/O, so only the pool's bookkeeping and locking is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PoolBench {
    private static final OriginKey ORIGIN = new OriginKey("http", "127.0.0.1", 20000, TlsConfig.DEFAULT, null);

    /** Connections held leased by the 256-connection case while it measures one more. */
    private static final int OTHERS_LEASED = 255;

    private ConnectionPool<Idle> pool;
    private ConnectionPool<Idle> wide;

    /** A connection that is always healthy and never opens a socket. */
    static final class Idle implements Poolable {
        @Override
        public boolean isHealthy(long idleNanos, boolean thorough) {
            return true;
        }

        @Override
        public void closeQuietly() {
        }
    }

    /** A pool sized for 16 threads, as the 16-thread workload configures it. */
    @Setup
    public void setup() {
        PoolSettings settings = new PoolSettings(10, 16, false, Duration.ofSeconds(30), Duration.ofMinutes(5));
        pool = new ConnectionPool<>(settings, (key, number) -> new Idle(), System::nanoTime);
        PoolSettings wideSettings = new PoolSettings(10, OTHERS_LEASED + 1, false, Duration.ofSeconds(30),
                Duration.ofMinutes(5));
        wide = new ConnectionPool<>(wideSettings, (key, number) -> new Idle(), System::nanoTime);
        try {
            for (int i = 0; i < OTHERS_LEASED; i++) {
                wide.lease(ORIGIN, false, false); // held for the whole run, as 255 busy threads would
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One lease and its release, one thread. */
    @Benchmark
    @Threads(1)
    public Pooled<Idle> leaseReleaseUncontended() throws IOException {
        Pooled<Idle> c = pool.lease(ORIGIN, false, false);
        pool.release(c, true);
        return c;
    }

    /** One lease and its release, 16 threads on one origin. */
    @Benchmark
    @Threads(16)
    public Pooled<Idle> leaseRelease16Threads() throws IOException {
        Pooled<Idle> c = pool.lease(ORIGIN, false, false);
        pool.release(c, true);
        return c;
    }

    /** One lease and its release, one thread, while 255 other connections of the origin are leased. */
    @Benchmark
    @Threads(1)
    public Pooled<Idle> leaseReleaseBeside255Leased() throws IOException {
        Pooled<Idle> c = wide.lease(ORIGIN, false, false);
        wide.release(c, true);
        return c;
    }
}
